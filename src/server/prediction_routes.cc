#include "server/prediction_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/csv_writer.h"
#include "core/format_number.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

// Bodies of predictions are read whole (each record is checked against its task before any is
// stored); larger sets go in several requests.
constexpr uint64_t kMaxPredictionBytes = 64ull << 20;

HttpResponse ImportPredictions(service::PredictionService& predictions, const HttpRequest& request,
                               const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto format =
      service::ImportFormatFromContentType(request.headers.Get("Content-Type").value_or(""));
  if (!format.ok()) return ErrorResponse(format.status(), request.correlation_id);
  auto summary = predictions.Import(principal, *id, request.body, *format);
  if (!summary.ok()) return ErrorResponse(summary.status(), request.correlation_id);
  if (!summary->errors.empty()) {
    HttpResponse response = MakeErrorResponse(
        422, "invalid_records",
        "some predictions are invalid, so none was stored; fix the records listed in errors "
        "and send them again",
        "body", request.correlation_id);
    json body = json::parse(response.body);
    json errors = json::array();
    for (const service::RecordError& error : summary->errors) {
      errors.push_back({{"record", error.record},
                        {"line", error.line == 0 ? json(nullptr) : json(error.line)},
                        {"field", error.field},
                        {"message", error.message}});
    }
    body["errors"] = std::move(errors);
    body["more_errors"] = summary->more_errors;
    response.body = body.dump();
    return response;
  }
  return JsonResponse(200, {{"records", summary->records}, {"stored", summary->stored}});
}

HttpResponse ListPredictions(service::PredictionService& predictions, const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto list = predictions.ListForTask(*id);
  if (!list.ok()) return ErrorResponse(list.status(), request.correlation_id);
  json items = json::array();
  for (const domain::Prediction& p : *list) items.push_back(domain::ToJson(p));
  return JsonResponse(200, {{"items", std::move(items)}});
}

json TestJson(const std::optional<quality::IndependenceTest>& test) {
  if (!test) return nullptr;
  return {{"statistic", test->statistic},
          {"degrees_of_freedom", test->degrees_of_freedom},
          {"p_value", test->p_value}};
}

json AgreementJson(const service::ModelAgreement& a) {
  json out = {{"compared", a.compared},
              {"agree", a.agree},
              {"rate", a.rate ? json(*a.rate) : json(nullptr)}};
  out["wilson_low"] = a.wilson ? json(a.wilson->low) : json(nullptr);
  out["wilson_high"] = a.wilson ? json(a.wilson->high) : json(nullptr);
  return out;
}

json ReportJson(const service::AnchoringReport& r) {
  json controls = json::array();
  for (const service::AnchoringControl& c : r.controls) {
    json distribution = json::array();
    for (size_t i = 0; i < c.options.size(); ++i) {
      distribution.push_back({{"option", c.options[i]},
                              {"blind", c.blind_counts[i]},
                              {"drafted", c.drafted_counts[i]}});
    }
    json control = {{"control", c.control},
                    {"distribution", std::move(distribution)},
                    {"chi_square", TestJson(c.chi_square)},
                    {"g_test", TestJson(c.g_test)},
                    {"js_distance", c.js_distance ? json(*c.js_distance) : json(nullptr)},
                    {"model_accuracy_blind", AgreementJson(c.blind)},
                    {"model_agreement_drafted", AgreementJson(c.drafted)},
                    {"agreement_test", TestJson(c.agreement_test)},
                    {"alert", c.alert}};
    if (!c.comparison_reason.empty()) control["comparison_reason"] = c.comparison_reason;
    controls.push_back(std::move(control));
  }
  return {{"model_version", r.model_version.empty() ? json(nullptr) : json(r.model_version)},
          {"policy", domain::ToJson(r.policy)},
          {"drafted_labels", r.drafted_labels},
          {"blind_labels", r.blind_labels},
          {"accepted_unchanged", r.accepted_unchanged},
          {"accept_rate", r.accept_rate ? json(*r.accept_rate) : json(nullptr)},
          {"alert_p_value", service::kAnchoringAlertP},
          {"controls", std::move(controls)},
          {"alerts", r.alerts}};
}

std::string Number(const std::optional<double>& value) {
  std::string out;
  if (value) AppendGeneral(out, *value, 6);
  return out;
}

// One row per control and option: the counts, then the control's figures on every row.
std::string ReportCsv(const service::AnchoringReport& r) {
  std::string out;
  AppendCsvRecord(out, {"model_version", "control", "option", "blind", "drafted", "chi_square_p",
                        "g_test_p", "js_distance", "model_accuracy_blind",
                        "model_agreement_drafted", "agreement_p", "alert"});
  for (const service::AnchoringControl& c : r.controls) {
    for (size_t i = 0; i < c.options.size(); ++i) {
      AppendCsvRecord(
          out, {r.model_version, c.control, c.options[i], std::to_string(c.blind_counts[i]),
                std::to_string(c.drafted_counts[i]),
                Number(c.chi_square ? std::optional(c.chi_square->p_value) : std::nullopt),
                Number(c.g_test ? std::optional(c.g_test->p_value) : std::nullopt),
                Number(c.js_distance), Number(c.blind.rate), Number(c.drafted.rate),
                Number(c.agreement_test ? std::optional(c.agreement_test->p_value) : std::nullopt),
                c.alert ? "yes" : "no"});
    }
  }
  return out;
}

HttpResponse Anchoring(service::AnchoringService& anchoring, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  auto report = anchoring.Report(*id, request.QueryParam("model_version").value_or(""));
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (format == "json") return JsonResponse(200, ReportJson(*report));
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.Set("Content-Disposition", "attachment; filename=\"anchoring-project-" +
                                                  std::to_string(*id) + ".csv\"");
  response.body = ReportCsv(*report);
  return response;
}

}  // namespace

Status AddPredictionRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                           std::shared_ptr<const service::ProjectAccess> access,
                           std::shared_ptr<service::PredictionService> predictions,
                           std::shared_ptr<service::AnchoringService> anchoring) {
  const auto guard = [&](service::ProjectScope scope, const char* param, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, Action::kManageProjects, scope, param,
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(
      router.Add("POST", "/api/v1/projects/{project}/predictions",
                 guard(service::ProjectScope::kProject, "project",
                       [predictions](const HttpRequest& r, const Principal& who) {
                         return ImportPredictions(*predictions, r, who);
                       }),
                 RouteOptions{kMaxPredictionBytes, /*spool_body=*/false}));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/tasks/{task}/predictions",
                                    guard(service::ProjectScope::kTask, "task",
                                          [predictions](const HttpRequest& r, const Principal&) {
                                            return ListPredictions(*predictions, r);
                                          })));
  return router.Add("GET", "/api/v1/projects/{project}/anchoring",
                    guard(service::ProjectScope::kProject, "project",
                          [anchoring](const HttpRequest& r, const Principal&) {
                            return Anchoring(*anchoring, r);
                          }));
}

}  // namespace chorus::server
