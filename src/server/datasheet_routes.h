// A project's datasheet over HTTP (service/datasheet.h), for managers (Action::kManageProjects):
//   GET /api/v1/projects/{project}/datasheet                   JSON
//   GET /api/v1/projects/{project}/datasheet?format=markdown   datasheet-project-N.md
//   GET /api/v1/projects/{project}/datasheet?format=html       datasheet-project-N.html
// Markdown and HTML come as attachments: the HTML page carries its own style and is opened
// from the file, never rendered under the app's origin.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/datasheet.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddDatasheetRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<const service::ProjectAccess> access,
                                        std::shared_ptr<service::DatasheetService> datasheets);

}  // namespace chorus::server
