// Invitations (issue 4; docs/server.md "Invitations"):
//   POST   /api/v1/invitations         {email, role, tier?, attributes?,
//                                       pay_rate_cents_per_hour?} -> 201 {invitation..., token}
//                                       (invite_users; managers: annotator and reviewer only,
//                                       no pay rate). The token is in this response only.
//   GET    /api/v1/invitations?cursor=C&limit=N -> 200 {invitations: [...], next_cursor}:
//                                       pending ones, without tokens (invite_users).
//   DELETE /api/v1/invitations/{id}    -> 204 (invite_users); 422 once accepted.
//   POST   /api/v1/invitations/accept  {token, password, display_name} -> 201 {user,
//                                       csrf_token, expires_at} and the session cookies, as
//                                       login. Anonymous and CSRF-exempt like login (there is
//                                       no session yet; JSON only, so no cross-site form can
//                                       post it). An unknown, used, revoked or expired token
//                                       is one 400 (field "token"); the email taken by now is
//                                       409; failures are rate limited (429 + Retry-After).
// Unknown body fields are refused (400, catalogue 62).
// Thread-safety: the handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/auth_routes.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/invitation_service.h"

namespace chorus::server {

// REQUIRES: authenticator and invitations are not null when a request arrives.
[[nodiscard]] Status AddInvitationRoutes(Router& router,
                                         std::shared_ptr<service::Authenticator> authenticator,
                                         std::shared_ptr<service::InvitationService> invitations,
                                         const AuthRouteOptions& options = {});

}  // namespace chorus::server
