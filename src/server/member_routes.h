// Project members over HTTP (service/membership_service.h; security catalogue entries 61, 63):
//   GET    /api/v1/projects/{project}/members          -> 200 {"members": [...], "next_cursor"}
//   POST   /api/v1/projects/{project}/members          {"user_id": N} -> 201 the member
//   DELETE /api/v1/projects/{project}/members/{user}   -> 204
// A member is {"project_id", "user_id", "added_by", "added_at", "user": {"id", "email",
// "display_name", "role", "disabled"}}. Every route needs manage_members (administrators and
// managers; others 403) and the project within reach (ProjectGuard: others get the 404 of a
// missing project). Adding oneself is 403 unless one is an administrator.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/membership_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddMemberRoutes(Router& router,
                                     std::shared_ptr<service::Authenticator> authenticator,
                                     std::shared_ptr<const service::ProjectAccess> access,
                                     std::shared_ptr<service::MembershipService> members);

}  // namespace chorus::server
