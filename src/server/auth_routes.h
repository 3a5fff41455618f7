// The authentication endpoints (issue 4; docs/server.md "Authentication and roles"):
//   POST   /api/v1/auth/login        {email, password} -> 200 {user, csrf_token, expires_at}
//                                    and the chorus_session + chorus_csrf cookies; 401; 429.
//   POST   /api/v1/auth/logout       -> 204, both cookies expired (read_self).
//   GET    /api/v1/auth/me           -> 200 {user} (read_self).
//   POST   /api/v1/auth/password     {current_password, new_password} -> 204; every session
//                                    of the user ends, both cookies expired (read_self).
//   POST   /api/v1/auth/tokens       {name} -> 201 {token, id, name, created_at}; the token is
//                                    shown this once (manage_own_tokens, from a session).
//   GET    /api/v1/auth/tokens       -> 200 {tokens: [...]} without secrets (manage_own_tokens).
//   DELETE /api/v1/auth/tokens/{id}  -> 204 (manage_own_tokens).
// The session cookie is HttpOnly; the CSRF cookie is readable by the web app, which echoes it
// in X-CSRF-Token (double submit; the service compares it with the session's stored hash).
// Both are SameSite=Strict, Path=/, and Secure when the server runs behind TLS.
// Thread-safety: the handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "server/session_cookies.h"
#include "service/auth_service.h"

namespace chorus::server {

struct AuthRouteOptions {
  bool secure_cookies = false;  // Add Secure to the cookies: set when clients use HTTPS.
};

// REQUIRES: auth is not null.
[[nodiscard]] Status AddAuthRoutes(Router& router, std::shared_ptr<service::AuthService> auth,
                                   const AuthRouteOptions& options = {});

}  // namespace chorus::server
