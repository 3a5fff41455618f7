// Refusing an attempt to raise one's own privileges (security catalogue entry 61; CVAT
// CVE-2026-23526, CVE-2024-47172): a user without manage_users who sends role, tier, pay rate,
// disabled, email or any unknown field (is_admin, is_staff, permissions, ...) to
// PATCH /api/v1/me or PATCH /api/v1/users/{id} gets 403, nothing changes, and the attempt is
// written to the audit log as "user.escalation_refused" with the fields sent, so an
// administrator can see it (GET /api/v1/audit?entity=user&entity_id=N).
// Thread-safety: pure functions, and RefuseEscalation is safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "service/principal.h"
#include "store/audit_log.h"

namespace chorus::service {

// The fields PATCH /api/v1/me accepts: "version", "display_name", "attributes".
bool IsSelfEditableField(std::string_view field);

// The fields of `fields_sent` that are not self-editable, in the order sent.
std::vector<std::string> PrivilegedFields(const std::vector<std::string>& fields_sent);

// Appends "user.escalation_refused" (actor: who; entity: user `user_id`; after:
// {"via": via, "fields": fields_sent}) at now_ms, best effort: a failed audit write does not
// change the answer. Returns the kPermissionDenied to send, naming the first refused field.
Status RefuseEscalation(store::AuditLog& log, const Principal& who, int64_t user_id,
                        const std::vector<std::string>& fields_sent, std::string_view via,
                        int64_t now_ms);

}  // namespace chorus::service
