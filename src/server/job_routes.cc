#include "server/job_routes.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

HttpResponse StartExport(service::ExportJobs& exports, const HttpRequest& request,
                         const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  std::string format_name = "jsonl";
  if (!request.body.empty()) {
    auto body = ParseJsonBody(request);
    if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
    if (!body->is_object()) {
      return ErrorResponse(
          InvalidArgument("send a JSON object such as {\"format\": \"jsonl\"}", "body"),
          request.correlation_id);
    }
    for (const auto& [key, value] : body->items()) {
      if (key != "format" || !value.is_string()) {
        return ErrorResponse(
            InvalidArgument("the only field is format, the export format's name (\"jsonl\", "
                            "\"csv\", \"conll_iob2\", ...: docs/server.md)",
                            key),
            request.correlation_id);
      }
      format_name = value.get<std::string>();
    }
  }
  auto format = service::ParseExportFormat(format_name);
  if (!format.ok()) return ErrorResponse(format.status(), request.correlation_id);
  auto job = exports.Start(principal, *id, *format);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  HttpResponse response = JsonResponse(202, JobJson(*job));
  response.headers.Set("Location", "/api/v1/jobs/" + std::to_string(job->id));
  return response;
}

HttpResponse GetJob(service::ExportJobs& exports, const HttpRequest& request,
                    const Principal& principal) {
  auto id = PathId(request, "job");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto job = exports.Get(principal, *id);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  return JsonResponse(200, JobJson(*job));
}

// 202: the job stops at its next safe point; poll it until its state is "cancelled" (or
// "succeeded", when it finished first).
HttpResponse CancelJob(service::ExportJobs& exports, const HttpRequest& request,
                       const Principal& principal) {
  auto id = PathId(request, "job");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto job = exports.Cancel(principal, *id);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  return JsonResponse(202, JobJson(*job));
}

HttpResponse Download(service::ExportJobs& exports, const HttpRequest& request,
                      const Principal& principal) {
  auto id = PathId(request, "job");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto job = exports.Get(principal, *id);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  if (job->state == service::JobState::kSucceeded && job->file_path.empty()) {
    return ErrorResponse(
        Status(StatusCode::kConflict,
               "job " + std::to_string(job->id) + " (" + job->kind +
                   ") has no file to download; read its result at its manifest's results_url",
               "job"),
        request.correlation_id);
  }
  if (job->state != service::JobState::kSucceeded) {
    return ErrorResponse(
        Status(StatusCode::kConflict,
               job->state == service::JobState::kRunning
                   ? "the export is still running; poll the job until its state is succeeded"
               : job->state == service::JobState::kCancelled
                   ? "the export was " + job->error + "; start a new one"
                   : "the export failed (" + job->error + "); start a new one",
               "job"),
        request.correlation_id);
  }
  HttpResponse response;
  response.content_type = job->content_type;
  response.body_path = job->file_path;
  response.headers.Set("Content-Disposition", "attachment; filename=\"" + job->file_name + "\"");
  if (const std::string digest = ReprDigest(json::parse(job->manifest).value("sha256", ""));
      !digest.empty()) {
    response.headers.Set("Repr-Digest", digest);
  }
  return response;
}

}  // namespace

nlohmann::json JobJson(const service::Job& job) {
  const std::string self = "/api/v1/jobs/" + std::to_string(job.id);
  json out = {{"id", job.id},
              {"kind", job.kind},
              {"project_id", job.project_id},
              {"state", service::JobStateName(job.state)},
              {"progress", {{"done", job.done}, {"total", job.total}}},
              {"created_at", job.created_at},
              {"finished_at", job.finished_at == 0 ? json(nullptr) : json(job.finished_at)},
              {"error", job.error.empty() ? json(nullptr) : json(job.error)},
              {"cancel_requested", job.cancel_requested},
              {"manifest", job.manifest.empty() ? json(nullptr) : json::parse(job.manifest)},
              {"url", self},
              {"download_url", json(nullptr)}};
  // Jobs without a file (aggregation) keep their result elsewhere (manifest.results_url).
  if (job.state == service::JobState::kSucceeded && !job.file_path.empty()) {
    out["download_url"] = self + "/download";
  }
  return out;
}

std::string ReprDigest(std::string_view hex) {
  unsigned char digest[32];
  size_t length = 0;
  if (sodium_hex2bin(digest, sizeof digest, hex.data(), hex.size(), nullptr, &length, nullptr) !=
          0 ||
      length != sizeof digest) {
    return "";
  }
  char base64[sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(base64, sizeof base64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return std::string("sha-256=:") + base64 + ":";
}

Status AddJobRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                    std::shared_ptr<const service::ProjectAccess> access,
                    std::shared_ptr<service::ExportJobs> exports) {
  const auto guard = [&](AuthedHandler handler) {
    return Guard(authenticator, Action::kExport, std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/exports",
      ProjectGuard(authenticator, access, Action::kExport, service::ProjectScope::kProject,
                   "project", [exports](const HttpRequest& r, const Principal& who) {
                     return StartExport(*exports, r, who);
                   })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/jobs/{job}",
                                    guard([exports](const HttpRequest& r, const Principal& who) {
                                      return GetJob(*exports, r, who);
                                    })));
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/jobs/{job}/cancel",
                                    guard([exports](const HttpRequest& r, const Principal& who) {
                                      return CancelJob(*exports, r, who);
                                    })));
  return router.Add("GET", "/api/v1/jobs/{job}/download",
                    guard([exports](const HttpRequest& r, const Principal& who) {
                      return Download(*exports, r, who);
                    }));
}

}  // namespace chorus::server
