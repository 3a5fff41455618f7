// Reading the audit log (issue 4, GET /api/v1/audit): administrators only (read_audit), since
// events carry emails, pay rates and failed-login addresses. Managers do not get a per-project
// view yet: events are not stamped with a project, so one could not be scoped safely.
// Events come oldest first (newest last), filtered by entity, entity id and actor, and paged
// by cursor. The log itself is written by every service through service/audit.h.
// Thread-safety: safe to call concurrently; blocking (store).
#pragma once

#include "core/status.h"
#include "domain/audit_event.h"
#include "service/paging.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

// The store's filter under the service layer's name (as paging.h does for pages).
using AuditFilter = store::AuditFilter;

class AuditService {
 public:
  // REQUIRES: `store` outlives the service.
  explicit AuditService(store::Store& store) : store_(store) {}

  // kPermissionDenied without read_audit; kInvalidArgument (field "entity_id") for an entity
  // id without its entity.
  Result<Page<domain::AuditEvent>> List(const Principal& principal, const AuditFilter& filter,
                                        const PageRequest& page);

 private:
  store::Store& store_;
};

}  // namespace chorus::service
