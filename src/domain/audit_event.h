// One entry of the audit log: who changed what, when, with the state before and after
// (issue 4 "an audit log of every change"). Append-only.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"

namespace chorus::domain {

struct AuditEvent {
  int64_t id = 0;                   // Assigned by the store, increasing.
  std::optional<int64_t> actor_id;  // None for the system itself (migrations, seeding).
  std::string action;               // Verb, e.g. "project.update", "user.disable"; 1..100 bytes.
  std::string entity;               // Kind of thing changed: "project", "user", "annotation", ...
  int64_t entity_id = 0;
  std::string before = "null";  // JSON text of the state before; "null" on creation.
  std::string after = "null";   // JSON text of the state after; "null" on deletion.
  int64_t at = 0;               // Unix milliseconds.

  bool operator==(const AuditEvent&) const = default;
};

// kInvalidArgument with the field at fault.
Status ValidateAuditEvent(const AuditEvent& event);

nlohmann::json ToJson(const AuditEvent& event);

}  // namespace chorus::domain
