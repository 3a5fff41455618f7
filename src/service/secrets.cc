#include "service/secrets.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace chorus::service {

void EnsureSodiumInitialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    // 0: initialised now, 1: already initialised; -1: no usable entropy source.
    if (sodium_init() < 0) std::abort();
  });
}

std::string RandomSecret() {
  EnsureSodiumInitialised();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, kVariant)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, kVariant);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(text);
}

std::string SecretHash(std::string_view secret) {
  EnsureSodiumInitialised();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

std::string RandomPassword(size_t length) {
  EnsureSodiumInitialised();
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string password(length, '\0');
  for (char& c : password) c = kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return password;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodiumInitialised();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace chorus::service
