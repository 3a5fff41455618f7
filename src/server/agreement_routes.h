// Agreement monitoring over HTTP, for managers and reviewers (Action::kReadAnnotations):
//   GET /api/v1/projects/{project}/agreement[?control=NAME]
//       raw agreement and Krippendorff's alpha overall, per guideline version and per ISO week,
//       Fleiss' kappa per option, and the alerts with their advice (service/agreement_monitor.h)
// Annotators get 403. A project without a single-choice control (or a control= naming none)
// gets 400 naming "control".
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "core/status.h"
#include "server/router.h"
#include "service/agreement_monitor.h"
#include "service/authenticator.h"
#include "service/project_access.h"

namespace chorus::server {

// A figure as {"value": v}, or {"value": null, "undefined_reason": ...} (never NaN); the
// dashboard's figures use it too.
nlohmann::json StatisticJson(const quality::Statistic& s);

[[nodiscard]] Status AddAgreementRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<const service::ProjectAccess> access,
                                        std::shared_ptr<const service::AgreementMonitor> monitor);

}  // namespace chorus::server
