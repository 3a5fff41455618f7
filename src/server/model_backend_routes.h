// A project's model backend over HTTP, for managers (Action::kManageProjects;
// service/model_backend_service.h):
//   GET  /api/v1/projects/{project}/model-backend        {"model_backend": {...} | null,
//                                                         "api_key_present": bool}
//   PUT  /api/v1/projects/{project}/model-backend        the configuration -> as GET
//   POST /api/v1/projects/{project}/model-backend/check  {"ok", "model_version", "message"}
//   POST /api/v1/projects/{project}/model-backend/draft  -> 202 + job (GET /api/v1/jobs/{job})
//   POST /api/v1/projects/{project}/model-backend/train  Label Studio backends: {"answer": ...}
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/model_backend_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddModelBackendRoutes(
    Router& router, std::shared_ptr<service::Authenticator> authenticator,
    std::shared_ptr<const service::ProjectAccess> access,
    std::shared_ptr<service::ModelBackendService> backends);

}  // namespace chorus::server
