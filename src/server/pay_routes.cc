#include "server/pay_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/csv_writer.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

// A value that may be undefined: the number, or null with the reason beside it.
void Maybe(json& out, const std::string& key, const std::optional<double>& value,
           const std::string& reason) {
  out[key] = value ? json(*value) : json(nullptr);
  if (!value) out[key + "_reason"] = reason;
}

json AnnotatorJson(const service::AnnotatorPay& a) {
  json out = {{"annotator_id", a.annotator_id},      {"display_name", a.display_name},
              {"tier", domain::TierName(a.tier)},    {"submitted", a.work.submitted},
              {"skipped", a.work.skipped},           {"accepted", a.work.accepted},
              {"rejected", a.work.rejected},         {"active_time_ms", a.work.active_time_ms},
              {"lead_time_ms", a.work.lead_time_ms}, {"rate_cents", a.rate_cents},
              {"paid_units", a.paid_units},          {"earned_cents", a.earned_cents},
              {"below_floor", a.below_floor}};
  out["effective_cents_per_hour"] =
      a.effective_cents_per_hour ? json(*a.effective_cents_per_hour) : json(nullptr);
  if (!a.effective_cents_per_hour) out["effective_cents_per_hour_reason"] = a.effective_reason;
  return out;
}

json ReportJson(const service::PayReport& r) {
  json annotators = json::array();
  for (const auto& a : r.annotators) annotators.push_back(AnnotatorJson(a));
  json out = {{"policy", domain::ToJson(r.policy)},
              {"annotators", std::move(annotators)},
              {"spent_cents", r.spent_cents},
              {"budget_cents", r.policy.budget_cents},
              {"remaining_cents", r.remaining_cents ? json(*r.remaining_cents) : json(nullptr)},
              {"submitted", r.submitted},
              {"accepted", r.accepted},
              {"alerts", r.alerts}};
  Maybe(out, "cost_per_submitted_cents", r.cost_per_submitted_cents, r.cost_per_submitted_reason);
  Maybe(out, "cost_per_accepted_cents", r.cost_per_accepted_cents, r.cost_per_accepted_reason);
  return out;
}

// Hours with three decimals ("0.750"), from milliseconds.
std::string Hours(int64_t ms) {
  std::string thousandths = std::to_string(ms / 3600 % 1000);
  while (thousandths.size() < 3) thousandths = "0" + thousandths;
  return std::to_string(ms / 3'600'000) + "." + thousandths;
}

std::string ReportCsv(const service::PayReport& r) {
  std::string out;
  AppendCsvRecord(
      out, {"annotator_id", "display_name", "tier", "submitted", "skipped", "accepted", "rejected",
            "active_hours", "rate", "earned", "effective_per_hour", "below_floor"});
  for (const auto& a : r.annotators) {
    const std::string effective =
        a.effective_cents_per_hour ? service::FormatCents(*a.effective_cents_per_hour) : "";
    AppendCsvRecord(
        out, {std::to_string(a.annotator_id), a.display_name, domain::TierName(a.tier),
              std::to_string(a.work.submitted), std::to_string(a.work.skipped),
              std::to_string(a.work.accepted), std::to_string(a.work.rejected),
              Hours(a.work.active_time_ms), service::FormatCents(a.rate_cents),
              service::FormatCents(a.earned_cents), effective, a.below_floor ? "yes" : "no"});
  }
  return out;
}

HttpResponse Report(service::PayService& pay, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  auto report = pay.Report(*id);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (format == "json") return JsonResponse(200, ReportJson(*report));
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.Set("Content-Disposition",
                       "attachment; filename=\"pay-project-" + std::to_string(*id) + ".csv\"");
  response.body = ReportCsv(*report);
  return response;
}

}  // namespace

Status AddPayRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                    std::shared_ptr<const service::ProjectAccess> access,
                    std::shared_ptr<service::PayService> pay) {
  return router.Add(
      "GET", "/api/v1/projects/{project}/pay",
      ProjectGuard(authenticator, access, Action::kManageProjects, service::ProjectScope::kProject,
                   "project",
                   [pay](const HttpRequest& r, const Principal&) { return Report(*pay, r); }));
}

}  // namespace chorus::server
