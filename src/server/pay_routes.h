// The pay report over HTTP, for managers (Action::kManageProjects); the policy itself is part
// of the project (PATCH /api/v1/projects/{project} with "pay"):
//   GET /api/v1/projects/{project}/pay              the report as JSON: per annotator labels,
//                                                   active hours, earnings, effective hourly
//                                                   pay and the floor flag; spend, budget,
//                                                   cost per label, alerts
//   GET /api/v1/projects/{project}/pay?format=csv   the per-annotator table as CSV (spreadsheet
//                                                   formulas in names neutralised)
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/pay_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddPayRoutes(Router& router,
                                  std::shared_ptr<service::Authenticator> authenticator,
                                  std::shared_ptr<const service::ProjectAccess> access,
                                  std::shared_ptr<service::PayService> pay);

}  // namespace chorus::server
