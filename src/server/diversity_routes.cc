#include "server/diversity_routes.h"

#include <map>
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

json DiversityStatistic(const quality::Statistic& s) {
  if (s.defined()) return {{"value", *s.value}, {"undefined_reason", nullptr}};
  return {{"value", nullptr}, {"undefined_reason", s.undefined_reason}};
}

json GroupJson(const service::GroupFigures& g, const std::vector<std::string>& options) {
  json distribution = json::array();
  for (size_t j = 0; j < options.size() && j < g.distribution.size(); ++j) {
    distribution.push_back({{"label", options[j]}, {"count", g.distribution[j]}});
  }
  return {{"group", g.group},
          {"annotators", g.annotators},
          {"labels", g.labels},
          {"distribution", std::move(distribution)},
          {"krippendorff_alpha", DiversityStatistic(g.krippendorff_alpha)},
          {"raw_agreement", DiversityStatistic(g.raw_agreement)},
          {"merged_groups", g.merged_groups}};
}

json ReportJson(const service::DiversityReport& r) {
  json attributes = json::array();
  for (const service::AttributeReport& a : r.attributes) {
    json groups = json::array();
    for (const auto& g : a.groups) groups.push_back(GroupJson(g, r.options));
    json items = json::array();
    for (const auto& item : a.disagreements) {
      json majorities = json::array();
      for (const auto& m : item.majorities) {
        majorities.push_back({{"group", m.group}, {"label", m.label}, {"labels", m.labels}});
      }
      items.push_back({{"task_id", item.task_id}, {"majorities", std::move(majorities)}});
    }
    const service::GroupDifference& t = a.difference;
    json difference = {{"test", "pearson_chi_square"},
                       {"statistic", DiversityStatistic(t.chi_square)},
                       {"df", t.df},
                       {"p_value", t.p_value ? json(*t.p_value) : json(nullptr)},
                       {"sparse_cells", t.sparse_cells},
                       {"cells", t.cells}};
    attributes.push_back({{"attribute", a.attribute},
                          {"question", a.question},
                          {"groups", std::move(groups)},
                          {"withheld_groups", a.withheld_groups},
                          {"note", a.note},
                          {"difference", std::move(difference)},
                          {"disagreements", std::move(items)},
                          {"disagreements_total", a.disagreements_total}});
  }
  json quota = nullptr;
  if (r.quota) {
    quota = {{"attribute", r.quota->quota.attribute},
             {"minimums", r.quota->quota.minimums},
             {"finished_items", r.quota->finished_items},
             {"items_meeting", r.quota->items_meeting}};
  }
  return {{"control", r.control},
          {"options", r.options},
          {"min_group_size", r.min_group_size},
          {"attributes", std::move(attributes)},
          {"quota", std::move(quota)}};
}

std::string StatisticText(const quality::Statistic& s) {
  std::string out;
  if (s.defined()) AppendGeneral(out, *s.value, 6);
  return out;
}

HttpResponse ReportResponse(service::DiversityService& diversity, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  const std::string table = request.QueryParam("table").value_or("groups");
  if (table != "groups" && table != "items") {
    return ErrorResponse(InvalidArgument("must be groups or items", "table"),
                         request.correlation_id);
  }
  auto report = diversity.Report(*id);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (format == "json") return JsonResponse(200, ReportJson(*report));
  std::string csv;
  if (table == "groups") {
    AppendCsvRecord(csv, {"attribute", "group", "annotators", "labels", "krippendorff_alpha",
                          "raw_agreement", "label", "count"});
    for (const auto& a : report->attributes) {
      for (const auto& g : a.groups) {
        for (size_t j = 0; j < report->options.size() && j < g.distribution.size(); ++j) {
          AppendCsvRecord(
              csv, {a.attribute, g.group, std::to_string(g.annotators), std::to_string(g.labels),
                    StatisticText(g.krippendorff_alpha), StatisticText(g.raw_agreement),
                    report->options[j], std::to_string(g.distribution[j])});
        }
      }
    }
  } else {
    AppendCsvRecord(csv, {"attribute", "task_id", "group", "majority_label", "group_labels"});
    for (const auto& a : report->attributes) {
      for (const auto& item : a.disagreements) {
        for (const auto& m : item.majorities) {
          AppendCsvRecord(csv, {a.attribute, std::to_string(item.task_id), m.group, m.label,
                                std::to_string(m.labels)});
        }
      }
    }
  }
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.Set("Content-Disposition", "attachment; filename=\"diversity-" + table +
                                                  "-project-" + std::to_string(*id) + ".csv\"");
  response.body = std::move(csv);
  return response;
}

HttpResponse GetPolicy(service::DiversityService& diversity, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto policy = diversity.Policy(*id);
  if (!policy.ok()) return ErrorResponse(policy.status(), request.correlation_id);
  return JsonResponse(200, {{"policy", domain::ToJson(*policy)}});
}

HttpResponse PutPolicy(service::DiversityService& diversity, const HttpRequest& request,
                       const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto parsed = domain::DiversityPolicyFromJson(*body);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request.correlation_id);
  auto policy = diversity.SetPolicy(principal, *id, *parsed);
  if (!policy.ok()) return ErrorResponse(policy.status(), request.correlation_id);
  return JsonResponse(200, {{"policy", domain::ToJson(*policy)}});
}

json MineJson(const service::MyDiversity& mine) {
  return {
      {"policy", domain::ToJson(mine.policy)}, {"answers", mine.answers}, {"member", mine.member}};
}

HttpResponse GetMine(service::DiversityService& diversity, const HttpRequest& request,
                     const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto mine = diversity.Mine(principal, *id);
  if (!mine.ok()) return ErrorResponse(mine.status(), request.correlation_id);
  return JsonResponse(200, MineJson(*mine));
}

// {"answers": {"ATTRIBUTE": "VALUE" | null}}: null or left out is no answer.
Result<std::map<std::string, std::string>> AnswersBody(const HttpRequest& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return body.status();
  CHORUS_RETURN_IF_ERROR(CheckFields(*body, {"answers"}));
  const auto answers = body->find("answers");
  if (answers == body->end() || !answers->is_object()) {
    return InvalidArgument("is required: an object of question: answer", "answers");
  }
  std::map<std::string, std::string> out;
  for (const auto& [attribute, value] : answers->items()) {
    if (value.is_null()) continue;
    if (!value.is_string()) {
      return InvalidArgument("must be one of the answers offered, or null to not say",
                             "answers." + attribute);
    }
    out[attribute] = value.get<std::string>();
  }
  return out;
}

HttpResponse PutMine(service::DiversityService& diversity, const HttpRequest& request,
                     const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto answers = AnswersBody(request);
  if (!answers.ok()) return ErrorResponse(answers.status(), request.correlation_id);
  auto mine = diversity.SetMine(principal, *id, *answers);
  if (!mine.ok()) return ErrorResponse(mine.status(), request.correlation_id);
  return JsonResponse(200, MineJson(*mine));
}

}  // namespace

Status AddDiversityRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<service::DiversityService> diversity) {
  using service::ProjectScope;
  const auto scoped = [&](Action action, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, action, ProjectScope::kProject, "project",
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/diversity/policy",
      scoped(Action::kManageProjects, [diversity](const HttpRequest& r, const Principal&) {
        return GetPolicy(*diversity, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PUT", "/api/v1/projects/{project}/diversity/policy",
      scoped(Action::kManageProjects, [diversity](const HttpRequest& r, const Principal& who) {
        return PutPolicy(*diversity, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/diversity/report",
      scoped(Action::kManageProjects, [diversity](const HttpRequest& r, const Principal&) {
        return ReportResponse(*diversity, r);
      })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}/diversity/me",
                 scoped(Action::kAnnotate, [diversity](const HttpRequest& r, const Principal& who) {
                   return GetMine(*diversity, r, who);
                 })));
  return router.Add(
      "PUT", "/api/v1/projects/{project}/diversity/me",
      scoped(Action::kAnnotate, [diversity](const HttpRequest& r, const Principal& who) {
        return PutMine(*diversity, r, who);
      }));
}

}  // namespace chorus::server
