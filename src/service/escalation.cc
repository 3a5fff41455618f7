#include "service/escalation.h"

#include <nlohmann/json.hpp>

#include "service/audit.h"

namespace chorus::service {
namespace {

// An attacker chooses the field names: keep what is recorded bounded.
constexpr size_t kMaxRecordedFields = 32;
constexpr size_t kMaxRecordedFieldBytes = 100;

}  // namespace

bool IsSelfEditableField(std::string_view field) {
  return field == "version" || field == "display_name" || field == "attributes";
}

std::vector<std::string> PrivilegedFields(const std::vector<std::string>& fields_sent) {
  std::vector<std::string> refused;
  for (const std::string& field : fields_sent) {
    if (!IsSelfEditableField(field)) refused.push_back(field);
  }
  return refused;
}

Status RefuseEscalation(store::AuditLog& log, const Principal& who, int64_t user_id,
                        const std::vector<std::string>& fields_sent, std::string_view via,
                        int64_t now_ms) {
  nlohmann::json fields = nlohmann::json::array();
  for (size_t i = 0; i < fields_sent.size() && i < kMaxRecordedFields; ++i) {
    fields.push_back(fields_sent[i].substr(0, kMaxRecordedFieldBytes));
  }
  const nlohmann::json after = {{"via", std::string(via)},
                                {"fields", std::move(fields)},
                                {"fields_sent", fields_sent.size()}};
  // Invalid UTF-8 in a field name becomes U+FFFD rather than failing the record.
  (void)RecordChange(log, who.user_id, "user.escalation_refused", "user", user_id, "null",
                     AuditJson(after), now_ms);
  const std::vector<std::string> refused = PrivilegedFields(fields_sent);
  return Status(
      StatusCode::kPermissionDenied,
      "you may change only your own display_name and attributes "
      "(PATCH /api/v1/me); role, tier, pay rate, email and account state are changed "
      "by an administrator. Nothing was changed and the attempt was recorded",
      refused.empty() ? std::string() : refused.front().substr(0, kMaxRecordedFieldBytes));
}

}  // namespace chorus::service
