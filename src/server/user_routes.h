// Account management (issue 4; docs/server.md "Authentication and roles"):
//   GET   /api/v1/users?cursor=C&limit=N -> 200 {users: [...], next_cursor} (list_users).
//   POST  /api/v1/users       {email, display_name, password, role?, tier?, attributes?,
//                              pay_rate_cents_per_hour?} -> 201 user (manage_users).
//   GET   /api/v1/users/{id}  -> 200 user (list_users, or one's own account; else 404).
//   PATCH /api/v1/users/{id}  {version, display_name?, role?, tier?, attributes?,
//                              pay_rate_cents_per_hour?, disabled?, password?} -> 200 user
//                              (manage_users); a stale version is 409 with
//                              error.current_version. Disabling or a password reset ends the
//                              user's sessions. Without manage_users: 403, and the attempt
//                              is recorded as "user.escalation_refused" (catalogue 61).
// Unknown body fields are refused (400), so id, email, created_at or version cannot be
// assigned (catalogue 62). There is no self-registration (catalogue 59): people join by
// invitation (invitation_routes.h) and edit their own profile through /api/v1/me
// (profile_routes.h).
// Thread-safety: the handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/auth_service.h"

namespace chorus::server {

// REQUIRES: auth is not null.
[[nodiscard]] Status AddUserRoutes(Router& router, std::shared_ptr<service::AuthService> auth);

}  // namespace chorus::server
