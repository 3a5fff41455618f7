#include "domain/invitation.h"

#include <nlohmann/json.hpp>

namespace chorus::domain {

bool IsPending(const Invitation& invitation, int64_t now_ms) {
  return !invitation.used_at && !invitation.revoked_at && now_ms < invitation.expires_at;
}

Status ValidateInvitation(const Invitation& invitation) {
  // The account-to-be must itself be valid; a placeholder name stands in for the one the
  // invitee chooses.
  User user;
  user.email = invitation.email;
  user.display_name = "invitee";
  user.role = invitation.role;
  user.tier = invitation.tier;
  user.attributes = invitation.attributes;
  user.pay_rate_cents_per_hour = invitation.pay_rate_cents_per_hour;
  CHORUS_RETURN_IF_ERROR(ValidateUser(user));
  if (invitation.token_hash.empty()) return InvalidArgument("must not be empty", "token_hash");
  if (invitation.expires_at <= invitation.created_at) {
    return InvalidArgument("must be after created_at", "expires_at");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Invitation& invitation) {
  nlohmann::json j = {{"id", invitation.id},
                      {"email", invitation.email},
                      {"role", RoleName(invitation.role)},
                      {"tier", TierName(invitation.tier)},
                      {"attributes", invitation.attributes},
                      {"pay_rate_cents_per_hour", nullptr},
                      {"invited_by", invitation.invited_by},
                      {"created_at", invitation.created_at},
                      {"expires_at", invitation.expires_at},
                      {"used_at", nullptr},
                      {"user_id", nullptr},
                      {"revoked_at", nullptr}};
  if (invitation.pay_rate_cents_per_hour) {
    j["pay_rate_cents_per_hour"] = *invitation.pay_rate_cents_per_hour;
  }
  if (invitation.used_at) j["used_at"] = *invitation.used_at;
  if (invitation.user_id) j["user_id"] = *invitation.user_id;
  if (invitation.revoked_at) j["revoked_at"] = *invitation.revoked_at;
  return j;
}

}  // namespace chorus::domain
