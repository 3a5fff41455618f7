#include "service/profile_service.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "core/utf8.h"
#include "service/audit.h"
#include "service/escalation.h"

namespace chorus::service {
namespace {

bool IsAttributeKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxSelfAttributeKeyBytes) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

Status CheckSelfAttributes(const std::map<std::string, std::string>& attributes) {
  if (attributes.size() > kMaxSelfAttributes) {
    return InvalidArgument("at most " + std::to_string(kMaxSelfAttributes) + " attributes",
                           "attributes");
  }
  for (const auto& [key, value] : attributes) {
    if (!IsAttributeKey(key)) {
      return InvalidArgument("keys are 1 to 64 of a-z, 0-9 and _ (e.g. languages, region)",
                             "attributes." + key.substr(0, kMaxSelfAttributeKeyBytes));
    }
    if (value.size() > kMaxSelfAttributeValueBytes || !IsValidUtf8(value)) {
      return InvalidArgument("must be at most 200 bytes of UTF-8", "attributes." + key);
    }
  }
  return Status::Ok();
}

ProfileService::ProfileService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<domain::User> ProfileService::Get(const Principal& principal) {
  return store_.users().Get(principal.user_id);
}

Status ProfileService::CheckFields(const Principal& principal,
                                   const std::vector<std::string>& fields_sent) {
  if (PrivilegedFields(fields_sent).empty()) return Status::Ok();
  return RefuseEscalation(store_.audit(), principal, principal.user_id, fields_sent,
                          "PATCH /api/v1/me", now_());
}

store::UpdateResult<domain::User> ProfileService::Update(const Principal& principal,
                                                         const ProfilePatch& patch) {
  if (patch.attributes) {
    if (Status bounded = CheckSelfAttributes(*patch.attributes); !bounded.ok()) return bounded;
  }
  auto current = store_.users().Get(principal.user_id);
  if (!current.ok()) return current.status();
  domain::User changed = *current;
  changed.version = patch.version;  // The store compares it with the stored one.
  if (patch.display_name) changed.display_name = *patch.display_name;
  if (patch.attributes) changed.attributes = *patch.attributes;
  if (Status valid = domain::ValidateUser(changed); !valid.ok()) return valid;
  auto updated = store_.users().Update(changed);
  if (!updated.ok()) return updated;
  if (Status audited = RecordChange(store_.audit(), principal.user_id, "user.profile_update",
                                    "user", principal.user_id, AuditJson(domain::ToJson(*current)),
                                    AuditJson(domain::ToJson(*updated)), now_());
      !audited.ok()) {
    return audited;
  }
  return updated;
}

}  // namespace chorus::service
