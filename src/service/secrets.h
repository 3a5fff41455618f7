// Random secrets and their stored hashes, shared by sessions, CSRF tokens, API tokens and
// generated passwords (security catalogue entries 51-54). Secrets come from libsodium's CSPRNG
// (randombytes_buf); the store only ever sees SecretHash of a secret, so a leaked database
// yields no usable cookie or token.
// Thread-safety: safe to call concurrently (libsodium is initialised once, std::call_once).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chorus::service {

// Calls sodium_init() once per process; every function here and in password_hasher.h does.
// Aborts (a bug or a broken environment, not an expected failure) when libsodium cannot start.
void EnsureSodiumInitialised();

// 32 random bytes as base64url without padding (43 characters of [A-Za-z0-9_-]).
std::string RandomSecret();

// BLAKE2b-256 of `secret` as 64 lower-case hex digits: what the store keeps. The secrets are
// 256-bit random values, so an unkeyed fast hash is enough (no dictionary to try).
std::string SecretHash(std::string_view secret);

// `length` characters drawn uniformly from [A-Za-z0-9] (about 5.95 bits each), for the
// bootstrap administrator's generated password.
std::string RandomPassword(size_t length);

// True when `a` and `b` are equal, comparing in time that depends only on their lengths
// (sodium_memcmp).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace chorus::service
