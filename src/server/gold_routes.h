// Gold items over HTTP, for managers (Action::kManageGold):
//   PUT    /api/v1/tasks/{task}/gold        mark the task gold ({reference, rationale}: 201) or
//                                           change its item (with "version": 200; a stale one
//                                           gets 409 with error.current_version)
//   GET    /api/v1/tasks/{task}/gold        the item (404 when the task is not gold)
//   DELETE /api/v1/tasks/{task}/gold        unmark it (204; its answers stay ordinary labels)
//   GET    /api/v1/projects/{project}/gold  the project's items with their tasks, a page at
//                                           a time
//   GET    /api/v1/projects/{project}/gold/accuracy
//                                           each annotator's accuracy on gold (Wilson 95%
//                                           interval, verdict, per choices label)
// Annotators and reviewers get 403 from every route, so no response they can read says
// which tasks are gold.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/gold_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddGoldRoutes(Router& router,
                                   std::shared_ptr<service::Authenticator> authenticator,
                                   std::shared_ptr<const service::ProjectAccess> access,
                                   std::shared_ptr<service::GoldService> gold);

}  // namespace chorus::server
