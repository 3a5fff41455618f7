// Password hashing with argon2id (libsodium crypto_pwhash_str_alg, RFC 9106) and the password
// policy (security catalogue entry 60; ASVS 6.2.1, 6.2.8, 6.2.9, 11.4.2): 12 to 1024 bytes,
// taken as given (no trimming, truncation or composition rules; 64+ characters welcome).
// The defaults are libsodium's INTERACTIVE limits: about 64 MiB and 0.1 s per hash on the
// reference machine (DESIGN §3), so hashing runs on the server's worker threads, never on the
// network threads. Tests use PasswordHasherOptions::Fastest().
// Thread-safety: const methods are safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::service {

inline constexpr size_t kMinPasswordBytes = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;

// kInvalidArgument with field "password" unless the password has 12 to 1024 bytes.
Status CheckPasswordPolicy(std::string_view password);

struct PasswordHasherOptions {
  uint64_t opslimit = 2;       // Argon2id passes (crypto_pwhash_OPSLIMIT_INTERACTIVE).
  size_t memlimit = 64 << 20;  // Bytes of memory per hash (crypto_pwhash_MEMLIMIT_INTERACTIVE).

  // libsodium's minimum limits (1 pass, 8 KiB): for tests only, never for real passwords.
  static PasswordHasherOptions Fastest();
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHasherOptions options = {});

  // An encoded "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string with a fresh random salt.
  // kInvalidArgument (policy), kInternal when libsodium cannot allocate the memory.
  Result<std::string> Hash(std::string_view password) const;

  // Whether `password` matches `encoded` (any argon2 string libsodium reads). False for a
  // malformed hash.
  bool Verify(std::string_view encoded, std::string_view password) const;

  // Whether `encoded` was made with other limits or another algorithm than this hasher's
  // (then hash the password again after a successful login). True for a malformed hash.
  bool NeedsRehash(std::string_view encoded) const;

  const PasswordHasherOptions& options() const { return options_; }

 private:
  PasswordHasherOptions options_;
};

}  // namespace chorus::service
