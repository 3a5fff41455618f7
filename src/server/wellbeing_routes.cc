#include "server/wellbeing_routes.h"

#include <nlohmann/json.hpp>
#include <optional>
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

json OptionalMs(const std::optional<int64_t>& ms) { return ms ? json(*ms) : json(nullptr); }

// Exposure counts, whether sensitive work is held back now (reason, until) and the opt-out.
json StandingJson(const service::WellbeingStanding& s) {
  const service::Exposure& e = s.exposure;
  const service::WellbeingDecision& d = s.decision;
  return {{"sensitive_today", e.today},
          {"sensitive_session", e.session},
          {"sensitive_run", e.run},
          {"breaks_today", e.breaks_today},
          {"on_break_until", OptionalMs(e.break_until)},
          {"opted_out", s.opted_out},
          {"held", d.reason ? json(service::HoldReasonName(*d.reason)) : json(nullptr)},
          {"held_until", OptionalMs(d.until)}};
}

HttpResponse WellbeingReportResponse(service::WellbeingService& wellbeing,
                                     const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  auto report = wellbeing.Report(*id);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (format == "json") {
    json annotators = json::array();
    for (const auto& a : report->annotators) {
      json row = StandingJson(a.standing);
      row["annotator_id"] = a.annotator_id;
      row["display_name"] = a.display_name;
      row["tier"] = domain::TierName(a.tier);
      row["sensitive_total"] = a.total_sensitive;
      row["finished_total"] = a.total_finished;
      annotators.push_back(std::move(row));
    }
    return JsonResponse(200, {{"policy", domain::ToJson(report->policy)},
                              {"now", report->now_ms},
                              {"annotators", std::move(annotators)}});
  }
  std::string csv;
  AppendCsvRecord(
      csv, {"annotator_id", "display_name", "tier", "sensitive_today", "sensitive_session",
            "sensitive_run", "breaks_today", "opted_out", "sensitive_total", "finished_total"});
  for (const auto& a : report->annotators) {
    const service::Exposure& e = a.standing.exposure;
    AppendCsvRecord(csv, {std::to_string(a.annotator_id), a.display_name, domain::TierName(a.tier),
                          std::to_string(e.today), std::to_string(e.session), std::to_string(e.run),
                          std::to_string(e.breaks_today), a.standing.opted_out ? "yes" : "no",
                          std::to_string(a.total_sensitive), std::to_string(a.total_finished)});
  }
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.Set("Content-Disposition", "attachment; filename=\"wellbeing-project-" +
                                                  std::to_string(*id) + ".csv\"");
  response.body = std::move(csv);
  return response;
}

HttpResponse GetWellbeingPolicy(service::WellbeingService& wellbeing, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto policy = wellbeing.Policy(*id);
  if (!policy.ok()) return ErrorResponse(policy.status(), request.correlation_id);
  return JsonResponse(200, {{"policy", domain::ToJson(*policy)}});
}

HttpResponse PutWellbeingPolicy(service::WellbeingService& wellbeing, const HttpRequest& request,
                                const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto parsed = domain::WellbeingPolicyFromJson(*body);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request.correlation_id);
  auto policy = wellbeing.SetPolicy(principal, *id, *parsed);
  if (!policy.ok()) return ErrorResponse(policy.status(), request.correlation_id);
  return JsonResponse(200, {{"policy", domain::ToJson(*policy)}});
}

// {"KEY": true|false}, nothing else; the error names the field.
Result<bool> BoolBody(const HttpRequest& request, const char* key) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return body.status();
  CHORUS_RETURN_IF_ERROR(CheckFields(*body, {key}));
  const auto value = body->find(key);
  if (value == body->end() || !value->is_boolean()) {
    return InvalidArgument("is required: true or false", key);
  }
  return value->get<bool>();
}

HttpResponse PutSensitive(service::WellbeingService& wellbeing, const HttpRequest& request,
                          const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto sensitive = BoolBody(request, "sensitive");
  if (!sensitive.ok()) return ErrorResponse(sensitive.status(), request.correlation_id);
  auto task = wellbeing.SetSensitive(principal, *id, *sensitive);
  if (!task.ok()) return ErrorResponse(task.status(), request.correlation_id);
  return JsonResponse(200, {{"task", domain::ToJson(*task)}});
}

json MineJson(const service::MyWellbeing& mine) {
  json out = StandingJson(mine.standing);
  out["policy"] = domain::ToJson(mine.policy);
  return out;
}

HttpResponse GetMine(service::WellbeingService& wellbeing, const HttpRequest& request,
                     const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto mine = wellbeing.Mine(principal, *id);
  if (!mine.ok()) return ErrorResponse(mine.status(), request.correlation_id);
  return JsonResponse(200, MineJson(*mine));
}

HttpResponse PutMine(service::WellbeingService& wellbeing, const HttpRequest& request,
                     const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto opted_out = BoolBody(request, "opted_out");
  if (!opted_out.ok()) return ErrorResponse(opted_out.status(), request.correlation_id);
  auto mine = wellbeing.SetOptOut(principal, *id, *opted_out);
  if (!mine.ok()) return ErrorResponse(mine.status(), request.correlation_id);
  return JsonResponse(200, MineJson(*mine));
}

}  // namespace

Status AddWellbeingRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<service::WellbeingService> wellbeing) {
  using service::ProjectScope;
  const auto scoped = [&](Action action, ProjectScope scope, const char* param,
                          AuthedHandler handler) {
    return ProjectGuard(authenticator, access, action, scope, param, std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}/wellbeing",
                 scoped(Action::kManageProjects, ProjectScope::kProject, "project",
                        [wellbeing](const HttpRequest& r, const Principal&) {
                          return WellbeingReportResponse(*wellbeing, r);
                        })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}/wellbeing/policy",
                 scoped(Action::kManageProjects, ProjectScope::kProject, "project",
                        [wellbeing](const HttpRequest& r, const Principal&) {
                          return GetWellbeingPolicy(*wellbeing, r);
                        })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("PUT", "/api/v1/projects/{project}/wellbeing/policy",
                 scoped(Action::kManageProjects, ProjectScope::kProject, "project",
                        [wellbeing](const HttpRequest& r, const Principal& who) {
                          return PutWellbeingPolicy(*wellbeing, r, who);
                        })));
  CHORUS_RETURN_IF_ERROR(router.Add("PUT", "/api/v1/tasks/{task}/sensitive",
                                    scoped(Action::kManageProjects, ProjectScope::kTask, "task",
                                           [wellbeing](const HttpRequest& r, const Principal& who) {
                                             return PutSensitive(*wellbeing, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/projects/{project}/wellbeing/me",
                                    scoped(Action::kAnnotate, ProjectScope::kProject, "project",
                                           [wellbeing](const HttpRequest& r, const Principal& who) {
                                             return GetMine(*wellbeing, r, who);
                                           })));
  return router.Add("PUT", "/api/v1/projects/{project}/wellbeing/me",
                    scoped(Action::kAnnotate, ProjectScope::kProject, "project",
                           [wellbeing](const HttpRequest& r, const Principal& who) {
                             return PutMine(*wellbeing, r, who);
                           }));
}

}  // namespace chorus::server
