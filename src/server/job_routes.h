// Background jobs over HTTP: start an export, poll any job, cancel it, download the finished file
// (service/export_jobs.h).
//   POST /api/v1/projects/{project}/exports   {"format": "jsonl"|"json"|"csv"} -> 202 + job
//   GET  /api/v1/jobs/{job}                   -> the job: state, progress, manifest
//   GET  /api/v1/jobs/{job}/download          -> the file (409 until the job succeeded)
//   POST /api/v1/jobs/{job}/cancel            -> 202 + the job, which stops at its next safe point
// Starting one needs the caller to reach the project (ProjectGuard); a job is seen by its owner
// while they still reach its project, and by administrators (ExportJobs::Get).
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/export_jobs.h"
#include "service/project_access.h"

namespace chorus::server {

// A job as the API shows it: id, kind, state, progress, manifest, url and download_url (null
// until a job with a file succeeded). Shared with the routes that start other kinds of job.
nlohmann::json JobJson(const service::Job& job);

// The RFC 9530 Repr-Digest value ("sha-256=:BASE64:") for a SHA-256 in hex, so a client can
// check a downloaded file; empty when `hex` is not 64 hex digits.
std::string ReprDigest(std::string_view hex);

[[nodiscard]] Status AddJobRoutes(Router& router,
                                  std::shared_ptr<service::Authenticator> authenticator,
                                  std::shared_ptr<const service::ProjectAccess> access,
                                  std::shared_ptr<service::ExportJobs> exports);

}  // namespace chorus::server
