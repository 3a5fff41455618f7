#include "server/format_import_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

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

HttpResponse ImportFile(service::FormatImportService& imports, const HttpRequest& request,
                        const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string& name = request.PathParam("format");
  const auto format = service::ParseFileImportFormat(name);
  if (!format) {
    return ErrorResponse(InvalidArgument("\"" + name + "\" is not an import format; use one of " +
                                             service::FileImportFormatNames(),
                                         "format"),
                         request.correlation_id);
  }
  if (request.body.size() > service::MaxFormatImportBytes(*format, request.body)) {
    return MakeErrorResponse(
        413, "payload_too_large",
        "this format is read in memory: at most " +
            std::to_string(service::MaxFormatImportBytes(*format, request.body) >> 20) +
            " MiB (ustar archives of VOC or YOLO files 256 MiB); split the "
            "file",
        "body", request.correlation_id);
  }
  auto report = imports.Import(principal, *id, *format, request.body,
                               request.QueryParam("model").value_or(""));
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  if (!report->summary.errors.empty()) {
    return InvalidRecordsResponse(report->summary, request.correlation_id);
  }
  return JsonResponse(200, {{"format", name},
                            {"model", report->model},
                            {"records", report->summary.records},
                            {"inserted", report->summary.inserted},
                            {"duplicate_count", report->summary.duplicate_count},
                            {"predictions", report->predictions}});
}

}  // namespace

Status AddFormatImportRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                             std::shared_ptr<const service::ProjectAccess> access,
                             std::shared_ptr<service::FormatImportService> imports) {
  return router.Add(
      "POST", "/api/v1/projects/{project}/imports/{format}",
      ProjectGuard(std::move(authenticator), std::move(access), Action::kImportTasks,
                   service::ProjectScope::kProject, "project",
                   [imports = std::move(imports)](const HttpRequest& r, const Principal& who) {
                     return ImportFile(*imports, r, who);
                   }),
      RouteOptions{service::kMaxFormatArchiveBytes, /*spool_body=*/false});
}

}  // namespace chorus::server
