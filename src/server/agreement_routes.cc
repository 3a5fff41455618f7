#include "server/agreement_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {

nlohmann::json StatisticJson(const quality::Statistic& s) {
  if (s.defined()) return {{"value", *s.value}};
  return {{"value", nullptr}, {"undefined_reason", s.undefined_reason}};
}

namespace {

using nlohmann::json;

json FiguresJson(const service::AgreementFigures& f) {
  json out = {{"labels", f.labels},
              {"items", f.items},
              {"paired_items", f.paired_items},
              {"raw_agreement", StatisticJson(f.raw_agreement)},
              {"krippendorff_alpha", StatisticJson(f.krippendorff_alpha)}};
  if (!f.note.empty()) out["note"] = f.note;
  return out;
}

json ReportJson(const service::AgreementMonitorReport& r) {
  json options = json::array();
  for (const service::OptionAgreement& o : r.by_option) {
    json item = {{"option", o.option},
                 {"labels", o.labels},
                 {"paired_items", o.paired_items},
                 {"fleiss_kappa", StatisticJson(o.kappa)}};
    if (!o.note.empty()) item["note"] = o.note;
    options.push_back(std::move(item));
  }
  json guidelines = json::array();
  for (const service::GuidelineAgreement& g : r.guidelines) {
    json item = FiguresJson(g.figures);
    item["version"] = g.version;
    guidelines.push_back(std::move(item));
  }
  json weeks = json::array();
  for (const service::WeekAgreement& w : r.weeks) {
    json item = FiguresJson(w.figures);
    item["week"] = w.week;
    weeks.push_back(std::move(item));
  }
  json alerts = json::array();
  for (const service::AgreementAlert& a : r.alerts) {
    alerts.push_back({{"scope", a.scope},
                      {"statistic", a.statistic},
                      {"value", a.value},
                      {"threshold", a.threshold},
                      {"advice", a.advice}});
  }
  return {{"control", r.control},
          {"options", r.options},
          {"annotators", r.annotators},
          {"min_paired_items", r.min_paired_items},
          {"thresholds", {{"kappa", r.kappa_threshold}, {"raw", r.raw_threshold}}},
          {"overall", FiguresJson(r.overall)},
          {"by_option", std::move(options)},
          {"guidelines", std::move(guidelines)},
          {"weeks", std::move(weeks)},
          {"alerts", std::move(alerts)}};
}

HttpResponse Agreement(const service::AgreementMonitor& monitor, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  service::AgreementMonitorOptions options;
  if (auto control = request.QueryParam("control")) options.control = *control;
  auto report = monitor.Report(*id, options);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  return JsonResponse(200, ReportJson(*report));
}

}  // namespace

Status AddAgreementRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<const service::AgreementMonitor> monitor) {
  return router.Add("GET", "/api/v1/projects/{project}/agreement",
                    ProjectGuard(authenticator, access, service::Action::kReadAnnotations,
                                 service::ProjectScope::kProject, "project",
                                 [monitor](const HttpRequest& r, const service::Principal&) {
                                   return Agreement(*monitor, r);
                                 }));
}

}  // namespace chorus::server
