#include "server/model_backend_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/job_routes.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

json ViewJson(const std::optional<service::ModelBackendView>& view) {
  if (!view) return {{"model_backend", nullptr}, {"api_key_present", false}};
  return {{"model_backend", domain::ToJson(view->backend)},
          {"api_key_present", view->api_key_present}};
}

HttpResponse GetBackend(service::ModelBackendService& backends, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto view = backends.Get(*id);
  if (!view.ok()) return ErrorResponse(view.status(), request.correlation_id);
  return JsonResponse(200, ViewJson(*view));
}

HttpResponse PutBackend(service::ModelBackendService& backends, const HttpRequest& request,
                        const Principal& who) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto view = backends.Put(who, *id, *body);
  if (!view.ok()) return ErrorResponse(view.status(), request.correlation_id);
  return JsonResponse(200, ViewJson(*view));
}

HttpResponse CheckBackend(service::ModelBackendService& backends, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto check = backends.Check(*id);
  if (!check.ok()) return ErrorResponse(check.status(), request.correlation_id);
  return JsonResponse(200, {{"ok", check->ok},
                            {"model_version", check->model_version},
                            {"message", check->message}});
}

HttpResponse StartDraft(service::ModelBackendService& backends, const HttpRequest& request,
                        const Principal& who) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto job = backends.StartDraft(who, *id);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  HttpResponse response = JsonResponse(202, JobJson(*job));
  response.headers.Set("Location", "/api/v1/jobs/" + std::to_string(job->id));
  return response;
}

HttpResponse Train(service::ModelBackendService& backends, const HttpRequest& request,
                   const Principal& who) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto via = service::ModelBackendService::TrainVia::kTrain;
  if (!request.body.empty()) {
    auto body = ParseJsonBody(request);
    if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
    const bool known = body->is_object() && body->size() <= 1 &&
                       (body->empty() || (body->contains("via") && (*body)["via"].is_string()));
    const std::string name = known && body->contains("via") ? (*body)["via"].get<std::string>()
                                                            : "train";
    if (!known || (name != "train" && name != "webhook")) {
      return ErrorResponse(InvalidArgument("send {\"via\": \"train\"} (POST /train with the "
                                           "labels) or {\"via\": \"webhook\"} (START_TRAINING)",
                                           "via"),
                           request.correlation_id);
    }
    if (name == "webhook") via = service::ModelBackendService::TrainVia::kWebhook;
  }
  auto answer = backends.Train(who, *id, via);
  if (!answer.ok()) return ErrorResponse(answer.status(), request.correlation_id);
  return JsonResponse(200, {{"answer", *answer}});
}

}  // namespace

Status AddModelBackendRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                             std::shared_ptr<const service::ProjectAccess> access,
                             std::shared_ptr<service::ModelBackendService> backends) {
  const auto guard = [&](AuthedHandler handler) {
    return ProjectGuard(authenticator, access, Action::kManageProjects,
                        service::ProjectScope::kProject, "project", std::move(handler));
  };
  const std::string base = "/api/v1/projects/{project}/model-backend";
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", base, guard([backends](const HttpRequest& r, const Principal&) {
        return GetBackend(*backends, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PUT", base, guard([backends](const HttpRequest& r, const Principal& who) {
        return PutBackend(*backends, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", base + "/check", guard([backends](const HttpRequest& r, const Principal&) {
        return CheckBackend(*backends, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", base + "/draft", guard([backends](const HttpRequest& r, const Principal& who) {
        return StartDraft(*backends, r, who);
      })));
  return router.Add("POST", base + "/train",
                    guard([backends](const HttpRequest& r, const Principal& who) {
                      return Train(*backends, r, who);
                    }));
}

}  // namespace chorus::server
