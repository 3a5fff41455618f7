#include "server/media_upload_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/csv_reader.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::MediaVerdict;
using service::Principal;

HttpResponse NoUploads(const HttpRequest& request) {
  return ErrorResponse(Status(StatusCode::kDisabled,
                              "this server keeps no uploaded media; name media by URL "
                              "or from a --media-dir directory instead"),
                       request.correlation_id);
}

HttpResponse Upload(service::MediaUploads& uploads, const HttpRequest& request,
                    const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  // The spooled body, or the body in memory when the transport did not spool it.
  auto source = request.body_file
                    ? OpenFileSource(request.body_file->path())
                    : Result<std::unique_ptr<ByteSource>>(MakeStringSource(request.body, "upload"));
  if (!source.ok()) return ErrorResponse(source.status(), request.correlation_id);
  auto stored = uploads.Store(principal, *id, **source, request.QueryParam("name").value_or(""));
  if (!stored.ok()) return ErrorResponse(stored.status(), request.correlation_id);
  const MediaVerdict& verdict = stored->verdict;
  switch (verdict.outcome) {
    case MediaVerdict::Outcome::kAccepted: break;
    case MediaVerdict::Outcome::kUnsupportedType:
      return MakeErrorResponse(415, "unsupported_media_type", verdict.message, "body",
                               request.correlation_id);
    case MediaVerdict::Outcome::kMalformed:
    case MediaVerdict::Outcome::kTooManyPixels:
      return MakeErrorResponse(422, "invalid_media", verdict.message, "body",
                               request.correlation_id);
  }
  const auto optional = [](const std::optional<uint32_t>& value) {
    return value ? json(*value) : json(nullptr);
  };
  const std::string url = service::StoredMediaUrl(*id, stored->file_name);
  HttpResponse response =
      JsonResponse(201, {{"url", url},
                         {"sha256", stored->sha256},
                         {"bytes", stored->bytes},
                         {"content_type", std::string(verdict.format->content_type)},
                         {"width", optional(verdict.width)},
                         {"height", optional(verdict.height)}});
  response.headers.Set("Location", url);
  return response;
}

HttpResponse Serve(const service::MediaUploads& uploads, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string& file = request.PathParam("file");
  auto path = uploads.PathOf(*id, file);
  if (!path.ok()) return ErrorResponse(path.status(), request.correlation_id);
  // PathOf accepted only SHA256.EXT with an accepted format's extension.
  const service::MediaFormat* format =
      service::MediaFormatOfExtension(std::string_view(file).substr(65));
  HttpResponse response;
  response.content_type = std::string(format->content_type);
  response.body_path = std::move(*path);
  return response;
}

}  // namespace

Status AddMediaUploadRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                            std::shared_ptr<const service::ProjectAccess> access,
                            const std::shared_ptr<service::MediaUploads>& uploads,
                            const MediaUploadRouteOptions& options) {
  const auto scoped = [&](Action action, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, action, service::ProjectScope::kProject, "project",
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/projects/{project}/media",
                                    scoped(Action::kImportTasks,
                                           [uploads](const HttpRequest& r, const Principal& who) {
                                             return uploads ? Upload(*uploads, r, who)
                                                            : NoUploads(r);
                                           }),
                                    RouteOptions{options.max_bytes, /*spool_body=*/true}));
  return router.Add("GET", "/api/v1/projects/{project}/media/{file}",
                    scoped(Action::kAnnotate, [uploads](const HttpRequest& r, const Principal&) {
                      return uploads ? Serve(*uploads, r) : NoUploads(r);
                    }));
}

}  // namespace chorus::server
