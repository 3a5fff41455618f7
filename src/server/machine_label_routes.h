// Machine labels over HTTP (issue 7 items 3, 7 and 8), for managers and admins:
//   POST   /api/v1/projects/{project}/auto-label           {model_version, target_accuracy?,
//          confidence?, apply?}: the calibrated threshold and what it would (or did) auto-label
//          (service/auto_labelling.h; manage_gold)
//   GET    /api/v1/projects/{project}/machine-labels       ?source=model|rule, cursor, limit:
//          {items, next_cursor} in id order
//   GET    /api/v1/projects/{project}/machine-labels/validation   ?min_accuracy=: machine
//          sources against people (service/machine_label_validation.h; manage_gold)
//   GET    /api/v1/projects/{project}/labelling-functions  the stored document (404 when none)
//   PUT    /api/v1/projects/{project}/labelling-functions  store a document (CLI file shape)
//   DELETE /api/v1/projects/{project}/labelling-functions  remove it (204)
//   POST   /api/v1/projects/{project}/weak-labels          {text_field?, rule_set?}: 202 + job
//          (service/weak_labelling.h)
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/auto_labelling.h"
#include "service/machine_label_validation.h"
#include "service/project_access.h"
#include "service/weak_labelling.h"

namespace chorus::server {

[[nodiscard]] Status AddMachineLabelRoutes(Router& router,
                                           std::shared_ptr<service::Authenticator> authenticator,
                                           std::shared_ptr<const service::ProjectAccess> access,
                                           std::shared_ptr<service::AutoLabelling> auto_labelling,
                                           std::shared_ptr<service::WeakLabelling> weak_labelling,
                                           std::shared_ptr<service::MachineLabelReports> reports);

}  // namespace chorus::server
