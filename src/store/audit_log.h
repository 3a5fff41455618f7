// The append-only audit log: who changed what, when (issue 4).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "domain/audit_event.h"
#include "store/page.h"

namespace chorus::store {

class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends an event and returns it with its id (ids increase with appends).
  // kInvalidArgument (ValidateAuditEvent).
  virtual Result<domain::AuditEvent> Append(domain::AuditEvent event) = 0;
  // Events about one entity ("project", 7), oldest first.
  virtual Result<Page<domain::AuditEvent>> ListByEntity(std::string_view entity, int64_t entity_id,
                                                        const PageRequest& page) = 0;
};

}  // namespace chorus::store
