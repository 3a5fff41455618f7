#include "server/dashboard_routes.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/csv_writer.h"
#include "server/agreement_routes.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

// A proportion with four decimals, enough to draw and to read in a spreadsheet.
std::string Proportion(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

json GoldAccuracyJson(const std::vector<service::GoldAccuracyWeek>& rows) {
  json weeks = json::array();
  for (const service::GoldAccuracyWeek& r : rows) {
    weeks.push_back({{"annotator_id", r.annotator_id},
                     {"display_name", r.display_name},
                     {"week", r.week},
                     {"answers", r.answers},
                     {"correct", r.correct},
                     {"accuracy", r.accuracy},
                     {"ci95", {{"low", r.ci95.low}, {"high", r.ci95.high}}}});
  }
  return {{"weeks", weeks}};
}

std::string GoldAccuracyCsv(const std::vector<service::GoldAccuracyWeek>& rows) {
  std::string out;
  AppendCsvRecord(out, {"annotator_id", "display_name", "week", "answers", "correct", "accuracy",
                        "ci95_low", "ci95_high"});
  for (const service::GoldAccuracyWeek& r : rows) {
    AppendCsvRecord(out, {std::to_string(r.annotator_id), r.display_name, r.week,
                          std::to_string(r.answers), std::to_string(r.correct),
                          Proportion(r.accuracy), Proportion(r.ci95.low),
                          Proportion(r.ci95.high)});
  }
  return out;
}

HttpResponse GoldAccuracy(const service::DashboardService& dashboard,
                          const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  auto rows = dashboard.GoldAccuracy(*id);
  if (!rows.ok()) return ErrorResponse(rows.status(), request.correlation_id);
  if (format == "json") return JsonResponse(200, GoldAccuracyJson(*rows));
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.Set("Content-Disposition", "attachment; filename=\"gold-accuracy-project-" +
                                                  std::to_string(*id) + ".csv\"");
  response.body = GoldAccuracyCsv(*rows);
  return response;
}

// A figure for the CSV: four decimals, or empty when undefined.
std::string StatisticCell(const quality::Statistic& s) {
  return s.defined() ? Proportion(*s.value) : "";
}

std::string NameOf(const service::PairwiseAgreementReport& r, int64_t id) {
  for (const service::DashboardAnnotator& a : r.annotators) {
    if (a.id == id) return a.display_name;
  }
  return "";
}

json PairwiseJson(const service::PairwiseAgreementReport& r) {
  json annotators = json::array();
  for (const service::DashboardAnnotator& a : r.annotators) {
    annotators.push_back({{"annotator_id", a.id}, {"display_name", a.display_name}});
  }
  json pairs = json::array();
  for (const service::PairAgreement& p : r.pairs) {
    pairs.push_back({{"first_id", p.first_id},
                     {"second_id", p.second_id},
                     {"shared_items", p.shared_items},
                     {"raw_agreement", StatisticJson(p.raw_agreement)},
                     {"cohen_kappa", StatisticJson(p.cohen_kappa)}});
  }
  return {{"control", r.control},
          {"min_shared_items", r.min_shared_items},
          {"annotators", annotators},
          {"pairs", pairs}};
}

std::string PairwiseCsv(const service::PairwiseAgreementReport& r) {
  std::string out;
  AppendCsvRecord(out, {"first_id", "first_name", "second_id", "second_name", "shared_items",
                        "raw_agreement", "cohen_kappa"});
  for (const service::PairAgreement& p : r.pairs) {
    AppendCsvRecord(out, {std::to_string(p.first_id), NameOf(r, p.first_id),
                          std::to_string(p.second_id), NameOf(r, p.second_id),
                          std::to_string(p.shared_items), StatisticCell(p.raw_agreement),
                          StatisticCell(p.cohen_kappa)});
  }
  return out;
}

HttpResponse Pairwise(const service::DashboardService& dashboard, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  auto report = dashboard.PairwiseAgreement(*id);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (format == "json") return JsonResponse(200, PairwiseJson(*report));
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.Set("Content-Disposition", "attachment; filename=\"pairwise-agreement-project-" +
                                                  std::to_string(*id) + ".csv\"");
  response.body = PairwiseCsv(*report);
  return response;
}

}  // namespace

Status AddDashboardRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<const service::DashboardService> dashboard) {
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/dashboard/gold-accuracy",
      ProjectGuard(authenticator, access, Action::kManageGold, service::ProjectScope::kProject,
                   "project", [dashboard](const HttpRequest& r, const Principal&) {
                     return GoldAccuracy(*dashboard, r);
                   })));
  return router.Add(
      "GET", "/api/v1/projects/{project}/dashboard/pairwise-agreement",
      ProjectGuard(authenticator, access, Action::kManageGold, service::ProjectScope::kProject,
                   "project", [dashboard](const HttpRequest& r, const Principal&) {
                     return Pairwise(*dashboard, r);
                   }));
}

}  // namespace chorus::server
