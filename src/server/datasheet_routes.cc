#include "server/datasheet_routes.h"

#include <string>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using service::Action;
using service::Principal;

HttpResponse Datasheet(service::DatasheetService& datasheets, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format != "json" && format != "markdown" && format != "html") {
    return ErrorResponse(InvalidArgument("must be json, markdown or html", "format"),
                         request.correlation_id);
  }
  auto sheet = datasheets.Build(*id);
  if (!sheet.ok()) return ErrorResponse(sheet.status(), request.correlation_id);
  if (format == "json") return JsonResponse(200, *sheet);
  const bool markdown = format == "markdown";
  HttpResponse response;
  response.content_type = markdown ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8";
  response.headers.Set("Content-Disposition", "attachment; filename=\"datasheet-project-" +
                                                  std::to_string(*id) +
                                                  (markdown ? ".md\"" : ".html\""));
  response.body = markdown ? service::DatasheetMarkdown(*sheet) : service::DatasheetHtml(*sheet);
  return response;
}

}  // namespace

Status AddDatasheetRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<service::DatasheetService> datasheets) {
  return router.Add("GET", "/api/v1/projects/{project}/datasheet",
                    ProjectGuard(authenticator, access, Action::kManageProjects,
                                 service::ProjectScope::kProject, "project",
                                 [datasheets](const HttpRequest& r, const Principal&) {
                                   return Datasheet(*datasheets, r);
                                 }));
}

}  // namespace chorus::server
