// The annotator's loop over HTTP: POST /api/v1/projects/{project}/next reserves and returns the
// next task (204 when nothing is left; 200 with task null and {"wellbeing": {reason, until}}
// when the wellbeing policy holds back the sensitive work that is left); PUT
// /api/v1/tasks/{task}/draft autosaves the caller's draft (201 the first time, then 200; each
// save names the version it last saw, a stale one gets 409 with error.current_version) and GET .../draft reads it back (404 when none);
// POST /api/v1/tasks/{task}/annotations submits or skips, with an optional skip_reason (201,
// completing the caller's draft when there is one; 200 with the first result when the
// idempotency key was used before); PATCH /api/v1/annotations/{annotation} lets its own
// annotator correct it (version required; anyone else 403); and
// GET /api/v1/tasks/{task}/annotations lists the submitted and skipped labels for reviewers.
// Every write of these routes is Action::kAnnotate and only ever touches the caller's own row.
// Every route needs the caller to reach the project of the project, task or annotation it
// names (ProjectGuard); anyone else gets the 404 of a missing one.
// `next` is a POST, not the GET the issue names: it changes state (a reservation), so it must
// not be prefetched, cached or sent cross-site without the CSRF token.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/labelling_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddLabellingRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<const service::ProjectAccess> access,
                                        std::shared_ptr<service::LabellingService> labelling);

}  // namespace chorus::server
