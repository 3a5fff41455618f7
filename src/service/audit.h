// Records a change in the audit log (who, what, when, before and after) on behalf of a service.
// The log is append-only; a failure to record is returned so the caller can report it (the
// change itself is already durable: the store has no cross-aggregate transaction yet).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/audit_log.h"

namespace chorus::service {

// JSON text for the audit log; invalid UTF-8 (an attacker's input) becomes U+FFFD.
std::string AuditJson(const nlohmann::json& json);

// `before` and `after` are JSON texts ("null" when absent). `actor` is empty for the system.
Status RecordChange(store::AuditLog& log, std::optional<int64_t> actor, std::string action,
                    std::string entity, int64_t entity_id, std::string before, std::string after,
                    int64_t at);

}  // namespace chorus::service
