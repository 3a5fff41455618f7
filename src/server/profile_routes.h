// One's own profile (issue 4; docs/server.md "Your own profile"):
//   GET   /api/v1/me  -> 200 user (read_self).
//   PATCH /api/v1/me  {version, display_name?, attributes?} -> 200 user (read_self); a stale
//                     version is 409 with error.current_version. Any other field (role, tier,
//                     pay_rate_cents_per_hour, disabled, email, is_admin, ...) is 403 with
//                     nothing changed, recorded as "user.escalation_refused" (catalogue 61).
// Thread-safety: the handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/profile_service.h"

namespace chorus::server {

// REQUIRES: authenticator and profiles are not null when a request arrives.
[[nodiscard]] Status AddProfileRoutes(Router& router,
                                      std::shared_ptr<service::Authenticator> authenticator,
                                      std::shared_ptr<service::ProfileService> profiles);

}  // namespace chorus::server
