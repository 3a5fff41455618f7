// A login session. The store keys it by a hash of the cookie value, so a leaked database does
// not yield usable cookies; the CSRF token is likewise kept as a hash. Login issues a new
// session (no fixation, catalogue entry 51); logout, password change and disabling delete them
// (entry 52). Never serialised to JSON.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <string>

namespace chorus::domain {

struct Session {
  std::string id_hash;  // Hash of the session cookie value; the primary key.
  int64_t user_id = 0;
  std::string csrf_token_hash;
  int64_t created_at = 0;  // Unix milliseconds.
  int64_t expires_at = 0;  // The session is dead from this instant on.

  bool operator==(const Session&) const = default;
};

}  // namespace chorus::domain
