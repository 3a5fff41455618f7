// The append-only audit log: who changed what, when (issue 4).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/audit_event.h"
#include "store/page.h"

namespace chorus::store {

// Which events List returns: each set field must match; unset fields match everything.
struct AuditFilter {
  std::optional<std::string> entity;  // "user", "project", "invitation", ...
  std::optional<int64_t> entity_id;   // REQUIRES: entity set (ids are per kind of entity).
  std::optional<int64_t> actor_id;    // Events by this user.
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends an event and returns it with its id (ids increase with appends).
  // kInvalidArgument (ValidateAuditEvent).
  virtual Result<domain::AuditEvent> Append(domain::AuditEvent event) = 0;
  // Events about one entity ("project", 7), oldest first.
  virtual Result<Page<domain::AuditEvent>> ListByEntity(std::string_view entity, int64_t entity_id,
                                                        const PageRequest& page) = 0;
  // Events matching `filter`, oldest first (increasing id; newest last).
  // kInvalidArgument (field "entity_id") when entity_id is set without entity.
  virtual Result<Page<domain::AuditEvent>> List(const AuditFilter& filter,
                                                const PageRequest& page) = 0;
};

}  // namespace chorus::store
