// Uploaded media (issue 4, "media by URL or uploaded file"; docs/openapi.yaml, docs/server.md):
//   POST /api/v1/projects/{project}/media[?name=ORIGINAL]  body: the file itself
//     -> 201 {"url", "sha256", "bytes", "content_type", "width", "height"}
//   GET  /api/v1/projects/{project}/media/{file}            -> the file
// Both are project-scoped (ProjectGuard: non-members get the missing project's 404, catalogue
// entry 63). Uploading is Action::kImportTasks, like task import; reading is Action::kAnnotate,
// so annotators load the media of the tasks they label.
//
// The body is spooled to disk (bounded by max_bytes, not RAM) and judged by its bytes only
// (service/media_check.h): the client's Content-Type and name are ignored for the type, a file
// that is not an accepted image, audio or video is 415, a malformed or too large image (pixel
// flood, entry 42) is 422. {file} must have exactly the stored form SHA256.EXT (else 404; no
// path traversal by construction, entry 38); it is served with the Content-Type of its
// extension, which the upload derived from the magic bytes (entry 41: only images, audio and
// video a browser shows without running script), with the dispatcher's nosniff and CSP.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/media_uploads.h"
#include "service/project_access.h"

namespace chorus::server {

struct MediaUploadRouteOptions {
  uint64_t max_bytes = uint64_t{64} << 20;  // Largest upload; larger gets 413 before storing.
};

// `uploads` null: both routes answer 501 (the server keeps no uploaded media).
// REQUIRES: authenticator, access and uploads outlive the router.
[[nodiscard]] Status AddMediaUploadRoutes(Router& router,
                                          std::shared_ptr<service::Authenticator> authenticator,
                                          std::shared_ptr<const service::ProjectAccess> access,
                                          const std::shared_ptr<service::MediaUploads>& uploads,
                                          const MediaUploadRouteOptions& options = {});

}  // namespace chorus::server
