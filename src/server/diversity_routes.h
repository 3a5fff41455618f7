// Annotator diversity over HTTP (domain/diversity_policy.h, service/diversity_service.h).
// Managers (Action::kManageProjects):
//   GET /api/v1/projects/{project}/diversity/policy  the questions and the quota
//   PUT /api/v1/projects/{project}/diversity/policy  replaces them (fields left out: defaults)
//   GET /api/v1/projects/{project}/diversity/report  aggregates per group only
//                                                    (?format=csv: the distribution by group;
//                                                    ?format=csv&table=items: the items where
//                                                    groups disagree)
// Project members (Action::kAnnotate), about themselves only:
//   GET /api/v1/projects/{project}/diversity/me      the questions and their own answers
//   PUT /api/v1/projects/{project}/diversity/me      {"answers": {"region": "EU"}}: replaces
//                                                    them; a question left out is not answered
// No route returns one person's answers to anyone else.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/diversity_service.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddDiversityRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<const service::ProjectAccess> access,
                                        std::shared_ptr<service::DiversityService> diversity);

}  // namespace chorus::server
