// Model predictions and the anchoring report over HTTP, for managers and admins
// (Action::kManageProjects); the draft policy itself is part of the project (PATCH
// /api/v1/projects/{project} with "drafts"):
//   POST /api/v1/projects/{project}/predictions   JSON array (application/json) or JSONL
//                                                 (application/x-ndjson) of {task_id |
//                                                 external_id, model_version, score?, result};
//                                                 200 {records, stored}; 422 invalid_records
//                                                 with {record, line, field, message} per error
//   GET  /api/v1/tasks/{task}/predictions         {items: [...]} newest first
//   GET  /api/v1/projects/{project}/anchoring     the anchoring report
//   (service/anchoring_service.h);
//                                                 ?model_version=; ?format=csv: one row per option
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/anchoring_service.h"
#include "service/authenticator.h"
#include "service/prediction_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddPredictionRoutes(Router& router,
                                         std::shared_ptr<service::Authenticator> authenticator,
                                         std::shared_ptr<const service::ProjectAccess> access,
                                         std::shared_ptr<service::PredictionService> predictions,
                                         std::shared_ptr<service::AnchoringService> anchoring);

}  // namespace chorus::server
