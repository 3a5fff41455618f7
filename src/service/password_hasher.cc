#include "service/password_hasher.h"

#include <sodium.h>

#include "service/secrets.h"

namespace chorus::service {

static_assert(PasswordHasherOptions{}.opslimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(PasswordHasherOptions{}.memlimit == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes) {
    return InvalidArgument("must be 12 to 1024 bytes long (a passphrase of several words works)",
                           "password");
  }
  return Status::Ok();
}

PasswordHasherOptions PasswordHasherOptions::Fastest() {
  PasswordHasherOptions options;
  options.opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
  options.memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN;
  return options;
}

PasswordHasher::PasswordHasher(PasswordHasherOptions options) : options_(options) {
  EnsureSodiumInitialised();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  CHORUS_RETURN_IF_ERROR(CheckPasswordPolicy(password));
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), options_.opslimit,
                            options_.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("argon2id could not allocate " + std::to_string(options_.memlimit) +
                    " bytes; lower the memory limit or free memory");
  }
  return std::string(encoded);
}

bool PasswordHasher::Verify(std::string_view encoded, std::string_view password) const {
  if (encoded.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(encoded);  // libsodium reads a NUL-terminated string.
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
  if (encoded.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(encoded);
  // crypto_pwhash_str_needs_rehash answers for argon2id strings only: 0 same limits, 1 other
  // limits, -1 another algorithm or malformed.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), options_.opslimit,
                                                 options_.memlimit) != 0;
}

}  // namespace chorus::service
