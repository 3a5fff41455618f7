// A signed-in user's own profile (issue 4, GET/PATCH /api/v1/me): anyone may read their account
// and change their display name and self-reported attributes (languages, region, ...), nothing
// else. Role, tier, pay rate, email and account state belong to administrators (manage_users);
// an attempt to send them here is refused and recorded (service/escalation.h, security
// catalogue entry 61). Every change is written to the audit log.
// Thread-safety: safe to call concurrently; blocking (store).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/user.h"
#include "service/principal.h"
#include "store/store.h"
#include "store/update_result.h"

namespace chorus::service {

// Bounds on self-reported attributes (tighter than an administrator's: the user types them).
inline constexpr size_t kMaxSelfAttributes = 16;            // Keys at most.
inline constexpr size_t kMaxSelfAttributeKeyBytes = 64;     // [a-z0-9_], 1..64 bytes.
inline constexpr size_t kMaxSelfAttributeValueBytes = 200;  // UTF-8.

// What PATCH /api/v1/me may carry; absent fields stay as they are.
struct ProfilePatch {
  int64_t version = 0;  // The version the caller read; stale gives kConflict.
  std::optional<std::string> display_name;
  std::optional<std::map<std::string, std::string>> attributes;  // Replaces them all.
};

class ProfileService {
 public:
  // REQUIRES: `store` outlives the service.
  ProfileService(store::Store& store, std::function<int64_t()> now);

  // The principal's own account.
  Result<domain::User> Get(const Principal& principal);

  // Ok when every name in `fields_sent` (the request body's keys) is self-editable (version,
  // display_name, attributes); otherwise records the attempt and returns kPermissionDenied
  // (service/escalation.h). Call before reading the body's values.
  Status CheckFields(const Principal& principal, const std::vector<std::string>& fields_sent);

  // Applies `patch` to the principal's own account. kInvalidArgument (display_name 1..200
  // bytes of UTF-8; attributes within the bounds above, field "attributes.KEY"), kConflict
  // with current_version() for a stale version.
  store::UpdateResult<domain::User> Update(const Principal& principal, const ProfilePatch& patch);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

// kInvalidArgument naming the attribute at fault, unless `attributes` is within the bounds.
Status CheckSelfAttributes(const std::map<std::string, std::string>& attributes);

}  // namespace chorus::service
