// Active learning and suspect labels over HTTP (service/active_queue.h,
// service/suspect_labels.h):
//   POST /api/v1/projects/{project}/active-learning
//        {"strategy", "random_share", "seed", "batch", "text_field"} (all optional) -> 202 + job
//        (poll GET /api/v1/jobs/{job}; its manifest reports the order)       manage_projects
//   GET  /api/v1/projects/{project}/suspects[?limit=&text_field=] -> the ranked suspects  review
//   POST /api/v1/projects/{project}/suspects/relabel {"top": N, "text_field"} -> the tasks sent
//        to experts                                                         manage_projects
// Annotators get 403: suspects show everyone's labels.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/active_queue.h"
#include "service/authenticator.h"
#include "service/project_access.h"
#include "service/suspect_labels.h"

namespace chorus::server {

[[nodiscard]] Status AddLearningRoutes(Router& router,
                                       std::shared_ptr<service::Authenticator> authenticator,
                                       std::shared_ptr<const service::ProjectAccess> access,
                                       std::shared_ptr<service::ActiveQueueService> active,
                                       std::shared_ptr<service::SuspectLabelsService> suspects);

}  // namespace chorus::server
