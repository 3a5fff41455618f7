// Stored aggregates over HTTP (service/aggregation_service.h):
//   POST /api/v1/projects/{project}/aggregates  {"method": "ds"} -> 202 + job (poll it at
//        GET /api/v1/jobs/{job}; its manifest counts the rows by source)   manage_projects
//   GET  /api/v1/projects/{project}/aggregates[?format=json|csv&cursor=&limit=]
//        json: a page {"aggregates": [...], "next_cursor"}; csv: every row   read_annotations
//   GET  /api/v1/tasks/{task}/aggregate -> one row (404 before the first run) read_annotations
// Annotators get 403: an aggregate shows everyone's labels and, on gold tasks, the reference.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/aggregation_service.h"
#include "service/authenticator.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddAggregateRoutes(Router& router,
                                        std::shared_ptr<service::Authenticator> authenticator,
                                        std::shared_ptr<const service::ProjectAccess> access,
                                        std::shared_ptr<service::AggregationService> aggregation);

}  // namespace chorus::server
