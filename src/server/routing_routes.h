// Routing over HTTP, for managers (Action::kManageProjects); the policy itself is part of the
// project (PATCH /api/v1/projects/{project} with "routing"):
//   GET /api/v1/projects/{project}/routing  the routing report: policy, tasks finished,
//                                           stopped early, asking for more, escalated and
//                                           adjudicated, and the labels saved against fixed
//                                           overlap
//   GET /api/v1/tasks/{task}/routing        where a task stands: labels wanted and submitted,
//                                           required tier, its adjudication if escalated
//   PUT /api/v1/tasks/{task}/routing        {"required_tier": "expert"} (or null: the
//                                           project's) sets the tier the task requires
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/project_access.h"
#include "service/routing_service.h"

namespace chorus::server {

[[nodiscard]] Status AddRoutingRoutes(Router& router,
                                      std::shared_ptr<service::Authenticator> authenticator,
                                      std::shared_ptr<const service::ProjectAccess> access,
                                      std::shared_ptr<service::RoutingService> routing);

}  // namespace chorus::server
