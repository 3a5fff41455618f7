#include "server/label_studio_routes.h"

#include <string>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/invalid_records.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

HttpResponse Import(service::LabelStudioMigration& migration, const HttpRequest& request,
                    const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  // A Label Studio result nests about seven deep; its exports run to millions of values.
  const JsonLimits limits{
      .max_bytes = kMaxLabelStudioImportBytes, .max_depth = 16, .max_elements = 8'000'000};
  auto body = ParseJsonBody(request, limits);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  for (const std::string& key : ObjectKeys(*body)) {
    if (key != "config" && key != "tasks") {
      return ErrorResponse(InvalidArgument("unknown field; send only config and tasks", key),
                           request.correlation_id);
    }
  }
  if (!body->is_object() || !body->contains("config") || !(*body)["config"].is_string()) {
    return ErrorResponse(InvalidArgument("send the Label Studio labelling config (the XML of "
                                         "Settings > Labeling Interface > Code) as a string",
                                         "config"),
                         request.correlation_id);
  }
  if (!body->contains("tasks") || !(*body)["tasks"].is_array()) {
    return ErrorResponse(InvalidArgument("send the Label Studio JSON export (Export > JSON), "
                                         "the array of tasks, as tasks",
                                         "tasks"),
                         request.correlation_id);
  }
  auto report = migration.Import(principal, *id, (*body)["config"].get<std::string>(),
                                 (*body)["tasks"]);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (report->summary.errors.empty()) return JsonResponse(200, service::ToJson(*report));
  return InvalidRecordsResponse(
      report->summary, request.correlation_id,
      "some Label Studio tasks do not convert, so nothing was imported; fix the tasks listed "
      "in errors (or the project's interface) and send the export again",
      "tasks", service::ToJson(*report));
}

HttpResponse Config(service::LabelStudioMigration& migration, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto config = migration.Config(*id);
  if (!config.ok()) return ErrorResponse(config.status(), request.correlation_id);
  return JsonResponse(200, {{"config", config->xml}, {"skipped", config->skipped}});
}

}  // namespace

Status AddLabelStudioRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                            std::shared_ptr<const service::ProjectAccess> access,
                            std::shared_ptr<service::LabelStudioMigration> migration) {
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/imports/label-studio",
      ProjectGuard(authenticator, access, Action::kImportTasks, service::ProjectScope::kProject,
                   "project",
                   [migration](const HttpRequest& r, const Principal& who) {
                     return Import(*migration, r, who);
                   }),
      RouteOptions{.max_body_bytes = kMaxLabelStudioImportBytes, .spool_body = false}));
  return router.Add("GET", "/api/v1/projects/{project}/label-studio-config",
                    ProjectGuard(authenticator, access, Action::kExport,
                                 service::ProjectScope::kProject, "project",
                                 [migration](const HttpRequest& r, const Principal&) {
                                   return Config(*migration, r);
                                 }));
}

}  // namespace chorus::server
