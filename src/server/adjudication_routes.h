// Expert adjudication over HTTP (Action::kAdjudicate; service/adjudication_service.h says who
// among those may, and refuses a crowd annotator or someone who labelled the task with 403):
//   GET  /api/v1/projects/{project}/adjudications?state=open|decided&cursor=&limit=
//                                       the queue with each item's task and "open": the
//                                       project's open items
//   GET  /api/v1/tasks/{task}/adjudication
//                                       the item: its task, every submitted label anonymised
//                                       ("Annotator 1", ...), the answer distribution per
//                                       single choice control, and whether you may decide it
//   POST /api/v1/tasks/{task}/adjudication  {result, rationale}: the decision (201; 409 when
//                                       decided already, 400 naming the field)
// A task that was never escalated is 404.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/adjudication_service.h"
#include "service/authenticator.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddAdjudicationRoutes(
    Router& router, std::shared_ptr<service::Authenticator> authenticator,
    std::shared_ptr<const service::ProjectAccess> access,
    std::shared_ptr<service::AdjudicationService> adjudication);

}  // namespace chorus::server
