// An invitation to join Chorus (issue 4: accounts are made by invitation, never by open
// self-registration, security catalogue entry 59). An administrator or manager names the email
// and the role, tier, pay rate and attributes the account will have; the invitee proves they
// hold the one-time token and chooses a password and display name. Only a hash of the token is
// stored (like API tokens, entry 54): the plain token is shown once, to the inviter.
// An invitation is pending until it is used, revoked or expires; each happens at most once.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/user.h"

namespace chorus::domain {

struct Invitation {
  int64_t id = 0;     // Assigned by the store.
  std::string email;  // The account's email, normalised (NormaliseEmail).
  Role role = Role::kAnnotator;
  Tier tier = Tier::kCrowd;
  std::map<std::string, std::string> attributes;   // Copied to the account.
  std::optional<int64_t> pay_rate_cents_per_hour;  // Copied to the account.
  std::string token_hash;  // Hash of the secret (service/secrets.h); unique; never serialised.
  int64_t invited_by = 0;  // The user who invited.
  int64_t created_at = 0;  // Unix milliseconds.
  int64_t expires_at = 0;  // Unusable from this instant on.
  std::optional<int64_t> used_at;     // Set once, when accepted.
  std::optional<int64_t> user_id;     // The account the acceptance created.
  std::optional<int64_t> revoked_at;  // Set once; a revoked invitation is never usable.

  bool operator==(const Invitation&) const = default;
};

// Whether the invitation can still be accepted at now_ms: not used, not revoked, not expired.
bool IsPending(const Invitation& invitation, int64_t now_ms);

// kInvalidArgument with the field at fault: the email and attributes as for a User, a
// non-negative pay rate, a non-empty token hash, expires_at after created_at.
// REQUIRES: email already normalised.
Status ValidateInvitation(const Invitation& invitation);

// Everything but the token hash (for lists, responses and the audit log).
nlohmann::json ToJson(const Invitation& invitation);

}  // namespace chorus::domain
