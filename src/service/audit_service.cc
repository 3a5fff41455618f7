#include "service/audit_service.h"

#include <string>

#include "service/permissions.h"

namespace chorus::service {

Result<Page<domain::AuditEvent>> AuditService::List(const Principal& principal,
                                                    const AuditFilter& filter,
                                                    const PageRequest& page) {
  if (!Allows(principal.role, Action::kReadAudit)) {
    return Status(StatusCode::kPermissionDenied, std::string("your role (") +
                                                     domain::RoleName(principal.role) +
                                                     ") may not read_audit; ask an administrator");
  }
  return store_.audit().List(filter, page);
}

}  // namespace chorus::service
