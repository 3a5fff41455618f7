// Moving a project between Label Studio and Chorus over HTTP (service/label_studio_import.h):
//   POST /api/v1/projects/{project}/imports/label-studio   {"config": XML, "tasks": [...]}
//        a Label Studio JSON export and its labelling config (Action::kImportTasks): 200 with
//        the report (records, inserted, unsupported tags, skipped annotations, gold), 422 with
//        the records at fault when any fails (then nothing is stored), 400 for a config that
//        does not map or fit.
//   GET  /api/v1/projects/{project}/label-studio-config
//        {"config": XML, "skipped": [...]}, the project's interface for Label Studio
//        (Action::kExport); the tasks leave by GET /export?format=label_studio_json.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/label_studio_import.h"
#include "service/project_access.h"

namespace chorus::server {

// Largest Label Studio import body: parsed whole, so bounded well below the task-file uploads.
inline constexpr uint64_t kMaxLabelStudioImportBytes = uint64_t{64} << 20;

[[nodiscard]] Status AddLabelStudioRoutes(
    Router& router, std::shared_ptr<service::Authenticator> authenticator,
    std::shared_ptr<const service::ProjectAccess> access,
    std::shared_ptr<service::LabelStudioMigration> migration);

}  // namespace chorus::server
