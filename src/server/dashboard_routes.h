// Figures of the quality dashboard over HTTP, for managers (Action::kManageGold: they reveal
// which tasks are gold):
//   GET /api/v1/projects/{project}/dashboard/gold-accuracy[?format=csv]
//       each annotator's accuracy on gold per ISO week (UTC) with its Wilson 95% interval, as
//       JSON ({"weeks": [...]}) or CSV (spreadsheet formulas in names neutralised)
//   GET /api/v1/projects/{project}/dashboard/pairwise-agreement[?format=csv]
//       for each pair of annotators with shared items on the project's single-choice control:
//       shared items, raw agreement and Cohen's kappa (the heatmap); 400 naming "control" when
//       the project has none
// The dashboard's other figures come from the agreement, adjudication and pay endpoints.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/dashboard_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddDashboardRoutes(
    Router& router, std::shared_ptr<service::Authenticator> authenticator,
    std::shared_ptr<const service::ProjectAccess> access,
    std::shared_ptr<const service::DashboardService> dashboard);

}  // namespace chorus::server
