#include "server/gold_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

Result<service::GoldInput> GoldInputFromJson(const json& body) {
  CHORUS_RETURN_IF_ERROR(CheckFields(body, {"reference", "rationale", "version"}));
  service::GoldInput input;
  const auto reference = body.find("reference");
  if (reference == body.end() || !reference->is_object()) {
    return InvalidArgument("must be the correct result: each control's answer by its name",
                           "reference");
  }
  input.reference = reference->dump();
  if (const auto rationale = body.find("rationale"); rationale != body.end()) {
    if (!rationale->is_string()) return InvalidArgument("must be a string", "rationale");
    input.rationale = rationale->get<std::string>();
  }
  if (const auto version = body.find("version"); version != body.end()) {
    if (!version->is_number_integer() || version->get<int64_t>() < 1) {
      return InvalidArgument("must be the version you read (omit it to mark a task gold)",
                             "version");
    }
    input.version = version->get<int64_t>();
  }
  return input;
}

HttpResponse PutGold(service::GoldService& gold, const HttpRequest& request,
                     const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto input = GoldInputFromJson(*body);
  if (!input.ok()) return ErrorResponse(input.status(), request.correlation_id);
  const bool creating = input->version == 0;
  auto item = gold.Put(principal, *id, std::move(*input));
  if (!item.ok()) {
    return ErrorResponse(item.status(), request.correlation_id, item.current_version());
  }
  return JsonResponse(creating ? 201 : 200, {{"gold_item", domain::ToJson(*item)}});
}

HttpResponse GetGold(service::GoldService& gold, const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto item = gold.Get(*id);
  if (!item.ok()) return ErrorResponse(item.status(), request.correlation_id);
  return JsonResponse(200, {{"gold_item", domain::ToJson(*item)}});
}

HttpResponse RemoveGold(service::GoldService& gold, const HttpRequest& request,
                        const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  if (Status removed = gold.Remove(principal, *id); !removed.ok()) {
    return ErrorResponse(removed, request.correlation_id);
  }
  HttpResponse none;
  none.status = 204;
  return none;
}

HttpResponse ListGold(service::GoldService& gold, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto items = gold.List(*id, *page);
  if (!items.ok()) return ErrorResponse(items.status(), request.correlation_id);
  json out = json::array();
  for (const service::GoldListing& listing : items->items) {
    json item = domain::ToJson(listing.item);
    item["task"] = domain::ToJson(listing.task);
    out.push_back(std::move(item));
  }
  return JsonResponse(200,
                      {{"gold_items", out}, {"next_cursor", NextCursor(items->next_after_id)}});
}

json IntervalJson(const quality::Interval& interval) {
  return {{"low", interval.low}, {"high", interval.high}};
}

HttpResponse Accuracy(service::GoldService& gold, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto report = gold.Report(*id);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  json annotators = json::array();
  for (const service::AnnotatorGoldReport& a : report->annotators) {
    json labels = json::array();
    for (const service::GoldLabelAccuracy& l : a.labels) {
      labels.push_back({{"control", l.control},
                        {"label", l.label},
                        {"answers", l.answers},
                        {"correct", l.correct},
                        {"ci95", IntervalJson(l.ci95)}});
    }
    annotators.push_back({{"annotator_id", a.annotator_id},
                          {"answers", a.standing.answers},
                          {"correct", a.standing.correct},
                          {"accuracy", a.standing.accuracy},
                          {"ci95", IntervalJson(a.standing.ci95)},
                          {"verdict", service::GoldVerdictName(a.standing.verdict)},
                          {"mean_score", a.mean_score},
                          {"labels", labels}});
  }
  return JsonResponse(200, {{"policy", domain::ToJson(report->policy)},
                            {"gold_items", report->gold_items},
                            {"annotators", annotators}});
}

}  // namespace

Status AddGoldRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                     std::shared_ptr<const service::ProjectAccess> access,
                     std::shared_ptr<service::GoldService> gold) {
  using service::ProjectScope;
  const auto scoped = [&](ProjectScope scope, const char* param, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, Action::kManageGold, scope, param,
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PUT", "/api/v1/tasks/{task}/gold",
      scoped(ProjectScope::kTask, "task", [gold](const HttpRequest& r, const Principal& who) {
        return PutGold(*gold, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/tasks/{task}/gold",
      scoped(ProjectScope::kTask, "task",
             [gold](const HttpRequest& r, const Principal&) { return GetGold(*gold, r); })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "DELETE", "/api/v1/tasks/{task}/gold",
      scoped(ProjectScope::kTask, "task", [gold](const HttpRequest& r, const Principal& who) {
        return RemoveGold(*gold, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/gold",
      scoped(ProjectScope::kProject, "project",
             [gold](const HttpRequest& r, const Principal&) { return ListGold(*gold, r); })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/gold/accuracy",
      scoped(ProjectScope::kProject, "project",
             [gold](const HttpRequest& r, const Principal&) { return Accuracy(*gold, r); })));
  return Status::Ok();
}

}  // namespace chorus::server
