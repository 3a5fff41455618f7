// The annotator's loop over HTTP: POST /api/v1/projects/{project}/next reserves and returns the
// next task (204 when nothing is left), POST /api/v1/tasks/{task}/annotations submits or skips
// (201; 200 with the first result when the idempotency key was used before), and
// GET /api/v1/tasks/{task}/annotations lists every label of a task for reviewers.
// `next` is a POST, not the GET the issue names: it changes state (a reservation), so it must
// not be prefetched, cached or sent cross-site without the CSRF token.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/labelling_service.h"

namespace chorus::server {

[[nodiscard]] Status AddLabellingRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<service::LabellingService> labelling);

}  // namespace chorus::server
