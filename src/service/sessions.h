// Starting a login session, shared by every way of logging in (password login in
// auth_service.h, accepting an invitation in invitation_service.h), so each issues a fresh
// session id and CSRF token the same way (security catalogue entries 51 and 54).
// Thread-safety: safe to call concurrently; blocking (store).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "domain/user.h"
#include "store/auth_store.h"

namespace chorus::service {

// What a successful login hands to the transport; the secrets exist only here and in the
// client's cookies.
struct LoginResult {
  domain::User user;
  std::string session_cookie;  // Value of the chorus_session cookie.
  std::string csrf_token;      // Value of the chorus_csrf cookie; echoed in X-CSRF-Token.
  int64_t created_at = 0;      // Unix ms.
  int64_t expires_at = 0;      // Unix ms; the session is dead from this instant on.
};

// Stores a new session for `user` (two fresh random secrets, kept as hashes) that starts at
// now_ms and lasts lifetime_ms. REQUIRES: lifetime_ms > 0; user exists.
Result<LoginResult> StartSession(store::AuthStore& store, const domain::User& user, int64_t now_ms,
                                 int64_t lifetime_ms);

}  // namespace chorus::service
