// Annotator wellbeing over HTTP (domain/wellbeing_policy.h, service/wellbeing_service.h).
// Managers (Action::kManageProjects):
//   GET /api/v1/projects/{project}/wellbeing/policy  the policy
//   PUT /api/v1/projects/{project}/wellbeing/policy  replaces it (fields left out: defaults)
//   GET /api/v1/projects/{project}/wellbeing         the exposure report per annotator
//                                                    (?format=csv: as CSV)
//   PUT /api/v1/tasks/{task}/sensitive               {"sensitive": true|false}
// Project members (Action::kAnnotate), about themselves only:
//   GET /api/v1/projects/{project}/wellbeing/me      exposure, break, caps, opt-out
//   PUT /api/v1/projects/{project}/wellbeing/me      {"opted_out": true|false}; 409 when the
//                                                    policy does not allow opting out
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/project_access.h"
#include "service/wellbeing_service.h"

namespace chorus::server {

[[nodiscard]] Status AddWellbeingRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<const service::ProjectAccess> access,
                                        std::shared_ptr<service::WellbeingService> wellbeing);

}  // namespace chorus::server
