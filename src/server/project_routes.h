// Projects, their guidelines, task import (uploaded, from a file inside an --import-dir
// directory of the server, or from a URL through the outbound guard), task listing and export
// under /api/v1/projects (docs/openapi.yaml). Every route goes through the guard with its
// Action; every route under /api/v1/projects/{project} also needs the caller to reach that
// project (ProjectGuard: members and administrators; anyone else gets the 404 of a missing
// project), and the list holds only the projects the caller reaches.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>
#include <string>

#include "core/allowed_roots.h"
#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/import_jobs.h"
#include "service/project_access.h"
#include "service/project_service.h"
#include "service/url_import.h"

namespace chorus::server {

struct ProjectRouteOptions {
  // Largest task file accepted in one upload (spooled to disk, so bounded by disk, not RAM).
  uint64_t max_import_bytes = uint64_t{4} << 30;
  // Directories `POST …/imports/server-file` may read (chorus serve --import-dir); none: the
  // route answers 404 saying how to allow one.
  AllowedRoots import_roots;
  // Fetches and imports `POST …/imports/url`; null: the route answers 501.
  std::shared_ptr<service::UrlImporter> url_importer;
  // Runs `POST …/imports?background=true` as a job; null: that form answers 501.
  std::shared_ptr<service::ImportJobs> import_jobs;
  // Where `GET …/export` writes its body before sending it ("": the temporary directory), so
  // an export of any size costs the server a file, not its size in memory.
  std::string export_spool_dir;
};

[[nodiscard]] Status AddProjectRoutes(Router& router,
                                      std::shared_ptr<service::Authenticator> authenticator,
                                      std::shared_ptr<const service::ProjectAccess> access,
                                      std::shared_ptr<service::ProjectService> projects,
                                      const ProjectRouteOptions& options = {});

}  // namespace chorus::server
