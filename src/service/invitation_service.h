// Invitations (issue 4): how people join Chorus, since there is no open self-registration
// (security catalogue entry 59). An administrator or manager invites an email with the role,
// tier, attributes and pay rate the account will get; the invitee accepts with the one-time
// token, a password and a display name, and is logged in.
//
// Who may invite whom: invite_users and MayGrantRole (service/permissions.h). Managers invite
// annotators and reviewers only, and only administrators set a pay rate.
// The token is 256 random bits shown once, in Invite's result; the store keeps its BLAKE2b
// hash (service/secrets.h), like API tokens (entry 54). It works once, until it expires
// (AuthServiceOptions::invitation_lifetime_ms, 7 days by default) or is revoked. Unknown,
// used, revoked and expired tokens all get the same answer (no oracle), and failed
// acceptances are rate limited per token and per client address like logins (entry 58).
// Acceptance creates the account and marks the invitation used in one store transaction, so
// a token presented twice at once makes one account. Every change is written to the audit log.
// Thread-safety: safe to call concurrently; blocking (store, argon2id hashing).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/invitation.h"
#include "domain/user.h"
#include "service/auth_service.h"
#include "service/login_rate_limiter.h"
#include "service/paging.h"
#include "service/password_hasher.h"
#include "service/principal.h"
#include "service/sessions.h"
#include "store/store.h"

namespace chorus::service {

// What an inviter chooses.
struct NewInvitation {
  std::string email;
  domain::Role role = domain::Role::kAnnotator;
  domain::Tier tier = domain::Tier::kCrowd;
  std::map<std::string, std::string> attributes;
  std::optional<int64_t> pay_rate_cents_per_hour;  // Administrators only.
};

struct CreatedInvitation {
  domain::Invitation invitation;  // As stored (hash included; never serialise the hash).
  std::string token;              // "chorus_invite_" + 43 characters; shown once, never stored.
};

// What the invitee sends.
struct InvitationAcceptance {
  std::string token;
  std::string password;      // CheckPasswordPolicy (field "password").
  std::string display_name;  // 1..200 bytes of UTF-8 (field "display_name").
};

class InvitationService {
 public:
  using Clock = std::function<int64_t()>;  // Unix milliseconds.

  // Uses options.hasher, session_lifetime_ms, rate_limit and invitation_lifetime_ms.
  // REQUIRES: `store` outlives the service.
  InvitationService(store::Store& store, const AuthServiceOptions& options, Clock now);

  // kPermissionDenied unless the principal may invite_users and MayGrantRole(role), and (pay
  // rate set) manage_users; kInvalidArgument (email, attributes, pay rate); kConflict (field
  // "email") when an account has the email already.
  Result<CreatedInvitation> Invite(const Principal& principal, const NewInvitation& invitation);

  // Pending invitations (not used, revoked or expired), in id order (invite_users).
  Result<Page<domain::Invitation>> ListPending(const Principal& principal, const PageRequest& page);

  // Revokes invitation `id` (invite_users and MayGrantRole of its role); revoking twice is ok.
  // kNotFound for an unknown id; kFailedPrecondition when it was accepted already.
  Status Revoke(const Principal& principal, int64_t id);

  // Creates the invited account and logs it in (a new session, as Login does).
  // kInvalidArgument with field "token" and one message for an unknown, used, revoked or
  // expired token; kInvalidArgument for the password policy or display name; kConflict (field
  // "email") when an account has the email by now; kResourceExhausted when this token or
  // address failed too often recently, with *retry_after_seconds set (>= 1) when given.
  // remote_address as the transport reports it ("1.2.3.4:5678").
  Result<LoginResult> Accept(const InvitationAcceptance& acceptance,
                             std::string_view remote_address,
                             int64_t* retry_after_seconds = nullptr);

 private:
  Status Audit(std::optional<int64_t> actor, std::string action, std::string entity,
               int64_t entity_id, std::string before, std::string after);
  // The generic refusal of Accept; counts the failure and records it.
  Status RefuseAcceptance(std::string_view token_key, std::string_view address,
                          std::optional<int64_t> invitation_id, std::string_view reason,
                          int64_t now);

  store::Store& store_;
  AuthServiceOptions options_;
  Clock now_;
  PasswordHasher hasher_;
  LoginRateLimiter limiter_;
};

}  // namespace chorus::service
