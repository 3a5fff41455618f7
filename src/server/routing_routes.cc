#include "server/routing_routes.h"

#include <nlohmann/json.hpp>
#include <optional>
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

json TaskRoutingJson(const service::TaskRoutingView& view) {
  const auto& tier = view.routing.required_tier;
  return {{"task_id", view.task_id},
          {"wanted", view.wanted},
          {"own_wanted", view.routing.wanted ? json(*view.routing.wanted) : json(nullptr)},
          {"submitted", view.routing.submitted},
          {"required_tier", tier ? json(domain::TierName(*tier)) : json(nullptr)},
          {"adjudication", view.adjudication ? domain::ToJson(*view.adjudication) : json(nullptr)}};
}

HttpResponse GetTaskRouting(service::RoutingService& routing, const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto view = routing.Task(*id);
  if (!view.ok()) return ErrorResponse(view.status(), request.correlation_id);
  return JsonResponse(200, {{"routing", TaskRoutingJson(*view)}});
}

Result<std::optional<domain::Tier>> TierFromJson(const json& body) {
  CHORUS_RETURN_IF_ERROR(CheckFields(body, {"required_tier"}));
  const auto tier = body.find("required_tier");
  if (tier == body.end()) {
    return InvalidArgument("is required: crowd, expert, gold_maker, or null", "required_tier");
  }
  if (tier->is_null()) return std::optional<domain::Tier>();
  if (tier->is_string()) {
    auto parsed = domain::ParseTier(tier->get<std::string>());
    if (parsed.ok()) return std::optional<domain::Tier>(*parsed);
  }
  return InvalidArgument("must be crowd, expert, gold_maker, or null (the project's)",
                         "required_tier");
}

HttpResponse PutTaskRouting(service::RoutingService& routing, const HttpRequest& request,
                            const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto tier = TierFromJson(*body);
  if (!tier.ok()) return ErrorResponse(tier.status(), request.correlation_id);
  auto view = routing.SetTaskTier(principal, *id, *tier);
  if (!view.ok()) return ErrorResponse(view.status(), request.correlation_id);
  return JsonResponse(200, {{"routing", TaskRoutingJson(*view)}});
}

HttpResponse Report(service::RoutingService& routing, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto report = routing.Report(*id);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  const store::RoutingTally& t = report->tally;
  return JsonResponse(200, {{"policy", domain::ToJson(report->policy)},
                            {"overlap", report->overlap},
                            {"tasks", t.tasks},
                            {"finished", t.finished},
                            {"finished_labels", t.finished_labels},
                            {"fixed_overlap_labels", t.finished * report->overlap},
                            {"labels_saved", report->labels_saved},
                            {"stopped_early", t.stopped_early},
                            {"asked_more", t.asked_more},
                            {"escalated", t.escalated},
                            {"adjudicated", t.adjudicated}});
}

}  // namespace

Status AddRoutingRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                        std::shared_ptr<const service::ProjectAccess> access,
                        std::shared_ptr<service::RoutingService> routing) {
  using service::ProjectScope;
  const auto scoped = [&](ProjectScope scope, const char* param, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, Action::kManageProjects, scope, param,
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/routing",
      scoped(ProjectScope::kProject, "project",
             [routing](const HttpRequest& r, const Principal&) { return Report(*routing, r); })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/tasks/{task}/routing",
      scoped(ProjectScope::kTask, "task", [routing](const HttpRequest& r, const Principal&) {
        return GetTaskRouting(*routing, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PUT", "/api/v1/tasks/{task}/routing",
      scoped(ProjectScope::kTask, "task", [routing](const HttpRequest& r, const Principal& who) {
        return PutTaskRouting(*routing, r, who);
      })));
  return Status::Ok();
}

}  // namespace chorus::server
