// The audit log over HTTP (issue 4; docs/server.md "The audit log"):
//   GET /api/v1/audit?entity=E&entity_id=N&actor_id=N&cursor=C&limit=N
//       -> 200 {events: [{id, actor_id, action, entity, entity_id, before, after, at}],
//               next_cursor} (read_audit: administrators), oldest first, newest last.
// entity_id needs entity (400 otherwise); ids are positive integers (400 naming the parameter).
// Thread-safety: the handler is safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/audit_service.h"
#include "service/authenticator.h"

namespace chorus::server {

// REQUIRES: authenticator and audit are not null when a request arrives.
[[nodiscard]] Status AddAuditRoutes(Router& router,
                                    std::shared_ptr<service::Authenticator> authenticator,
                                    std::shared_ptr<service::AuditService> audit);

}  // namespace chorus::server
