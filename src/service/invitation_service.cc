#include "service/invitation_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/utf8.h"
#include "service/audit.h"
#include "service/permissions.h"
#include "service/secrets.h"

namespace chorus::service {
namespace {

using domain::Invitation;
using domain::User;

constexpr std::string_view kInvitePrefix = "chorus_invite_";
// Longer than any token we issue; anything beyond is not ours and is not hashed.
constexpr size_t kMaxTokenBytes = 256;

// The one answer for a token that cannot be used, whatever the reason (no oracle).
Status UnusableInvitation() {
  return InvalidArgument(
      "this invitation cannot be used: it is unknown, already used, revoked or expired; ask "
      "whoever invited you for a new one",
      "token");
}

Status Denied(std::string message) {
  return Status(StatusCode::kPermissionDenied, std::move(message));
}

}  // namespace

InvitationService::InvitationService(store::Store& store, const AuthServiceOptions& options,
                                     Clock now)
    : store_(store),
      options_(options),
      now_(std::move(now)),
      hasher_(options.hasher),
      limiter_(options.rate_limit) {}

Status InvitationService::Audit(std::optional<int64_t> actor, std::string action,
                                std::string entity, int64_t entity_id, std::string before,
                                std::string after) {
  return RecordChange(store_.audit(), actor, std::move(action), std::move(entity), entity_id,
                      std::move(before), std::move(after), now_());
}

Result<CreatedInvitation> InvitationService::Invite(const Principal& principal,
                                                    const NewInvitation& fields) {
  if (!Allows(principal.role, Action::kInviteUsers)) {
    return Denied(std::string("your role (") + domain::RoleName(principal.role) +
                  ") may not invite_users; ask an administrator or a manager");
  }
  if (!MayGrantRole(principal.role, fields.role)) {
    return Denied(std::string("your role (") + domain::RoleName(principal.role) +
                  ") may not invite a " + domain::RoleName(fields.role) +
                  "; managers invite annotators and reviewers, ask an administrator");
  }
  if (fields.pay_rate_cents_per_hour && !Allows(principal.role, Action::kManageUsers)) {
    return Denied(
        "only administrators set pay rates; leave pay_rate_cents_per_hour out and ask an "
        "administrator to set it after the invitation is accepted");
  }
  CreatedInvitation created;
  created.token = std::string(kInvitePrefix) + RandomSecret();
  Invitation invitation;
  invitation.email = domain::NormaliseEmail(fields.email);
  invitation.role = fields.role;
  invitation.tier = fields.tier;
  invitation.attributes = fields.attributes;
  invitation.pay_rate_cents_per_hour = fields.pay_rate_cents_per_hour;
  invitation.token_hash = SecretHash(created.token);
  invitation.invited_by = principal.user_id;
  invitation.created_at = now_();
  invitation.expires_at = invitation.created_at + options_.invitation_lifetime_ms;
  CHORUS_RETURN_IF_ERROR(domain::ValidateInvitation(invitation));
  auto existing = store_.users().GetByEmail(invitation.email);
  if (existing.ok()) {
    return Status(StatusCode::kConflict,
                  "an account with this email exists already; it can log in (or be re-enabled "
                  "with PATCH /api/v1/users/" +
                      std::to_string(existing->id) + ")",
                  "email");
  }
  if (existing.status().code() != StatusCode::kNotFound) return existing.status();
  auto stored = store_.invitations().Create(std::move(invitation));
  if (!stored.ok()) return stored.status();
  created.invitation = *stored;
  CHORUS_RETURN_IF_ERROR(Audit(principal.user_id, "invitation.create", "invitation", stored->id,
                               "null", AuditJson(domain::ToJson(*stored))));
  return created;
}

Result<Page<Invitation>> InvitationService::ListPending(const Principal& principal,
                                                        const PageRequest& page) {
  if (!Allows(principal.role, Action::kInviteUsers)) {
    return Denied(std::string("your role (") + domain::RoleName(principal.role) +
                  ") may not invite_users; ask an administrator or a manager");
  }
  return store_.invitations().ListPending(now_(), page);
}

Status InvitationService::Revoke(const Principal& principal, int64_t id) {
  if (!Allows(principal.role, Action::kInviteUsers)) {
    return Denied(std::string("your role (") + domain::RoleName(principal.role) +
                  ") may not invite_users; ask an administrator or a manager");
  }
  auto current = store_.invitations().Get(id);
  if (!current.ok()) {
    if (current.status().code() == StatusCode::kNotFound) {
      return NotFound("no invitation with id " + std::to_string(id), "id");
    }
    return current.status();
  }
  if (!MayGrantRole(principal.role, current->role)) {
    return Denied(std::string("your role (") + domain::RoleName(principal.role) +
                  ") may not revoke an invitation as " + domain::RoleName(current->role) +
                  "; ask an administrator");
  }
  auto revoked = store_.invitations().Revoke(id, now_());
  if (!revoked.ok()) return revoked.status();
  if (current->revoked_at) return Status::Ok();  // Nothing changed: nothing to record.
  return Audit(principal.user_id, "invitation.revoke", "invitation", id,
               AuditJson(domain::ToJson(*current)), AuditJson(domain::ToJson(*revoked)));
}

Status InvitationService::RefuseAcceptance(std::string_view token_key, std::string_view address,
                                           std::optional<int64_t> invitation_id,
                                           std::string_view reason, int64_t now) {
  limiter_.RecordFailure(token_key, address, now);
  // Best effort: a failed audit write must not turn a refusal into a different answer. The
  // reason is for administrators; the client gets UnusableInvitation() whatever it is.
  (void)Audit(std::nullopt, "invitation.accept_failed", "invitation", invitation_id.value_or(0),
              "null", AuditJson({{"address", std::string(address)}, {"reason", reason}}));
  return UnusableInvitation();
}

Result<LoginResult> InvitationService::Accept(const InvitationAcceptance& acceptance,
                                              std::string_view remote_address,
                                              int64_t* retry_after_seconds) {
  const int64_t now = now_();
  const std::string address = AddressWithoutPort(remote_address);
  const std::string token_hash =
      acceptance.token.size() <= kMaxTokenBytes ? SecretHash(acceptance.token) : std::string();
  const std::string token_key = "invitation:" + token_hash;
  if (auto until = limiter_.LockedUntil(token_key, address, now)) {
    const int64_t seconds = std::max<int64_t>(1, (*until - now + 999) / 1000);
    if (retry_after_seconds != nullptr) *retry_after_seconds = seconds;
    return Status(StatusCode::kResourceExhausted,
                  "too many failed attempts for this invitation or address; try again in " +
                      std::to_string(seconds) + " seconds");
  }
  // The caller's own input first: nothing here depends on the invitation.
  if (Status policy = CheckPasswordPolicy(acceptance.password); !policy.ok()) {
    return InvalidArgument(policy.message(), "password");
  }
  if (acceptance.display_name.empty() || acceptance.display_name.size() > 200 ||
      !IsValidUtf8(acceptance.display_name)) {
    return InvalidArgument("must be 1 to 200 bytes of UTF-8", "display_name");
  }
  if (token_hash.empty())
    return RefuseAcceptance(token_key, address, std::nullopt, "malformed", now);
  auto found = store_.invitations().FindByTokenHash(token_hash);
  if (!found.ok()) {
    if (found.status().code() != StatusCode::kNotFound) return found.status();
    return RefuseAcceptance(token_key, address, std::nullopt, "unknown", now);
  }
  if (!domain::IsPending(*found, now)) {
    const char* reason = found->used_at ? "used" : found->revoked_at ? "revoked" : "expired";
    return RefuseAcceptance(token_key, address, found->id, reason, now);
  }

  auto password_hash = hasher_.Hash(acceptance.password);
  if (!password_hash.ok()) return password_hash.status();
  User user;
  user.email = found->email;
  user.display_name = acceptance.display_name;
  user.role = found->role;
  user.tier = found->tier;
  user.attributes = found->attributes;
  user.pay_rate_cents_per_hour = found->pay_rate_cents_per_hour;
  user.created_at = now;
  auto created = store_.invitations().Accept(found->id, token_hash, std::move(user),
                                             std::move(password_hash).value(), now);
  if (!created.ok()) {
    if (created.status().code() == StatusCode::kNotFound) {
      // Another request used (or someone revoked) it between the lookup and now.
      return RefuseAcceptance(token_key, address, found->id, "raced", now);
    }
    if (created.status().code() == StatusCode::kConflict) {
      return Status(StatusCode::kConflict,
                    "an account with this email exists already; log in instead (or ask for a "
                    "password reset)",
                    "email");
    }
    return created.status();
  }
  limiter_.RecordSuccess(token_key);

  nlohmann::json user_after = domain::ToJson(*created);
  user_after["invitation_id"] = found->id;
  Invitation used = *found;
  used.used_at = now;
  used.user_id = created->id;
  CHORUS_RETURN_IF_ERROR(
      Audit(created->id, "user.create", "user", created->id, "null", AuditJson(user_after)));
  CHORUS_RETURN_IF_ERROR(Audit(created->id, "invitation.accept", "invitation", found->id,
                               AuditJson(domain::ToJson(*found)), AuditJson(domain::ToJson(used))));
  auto session = StartSession(store_.auth(), *created, now, options_.session_lifetime_ms);
  if (!session.ok()) return session.status();
  CHORUS_RETURN_IF_ERROR(Audit(created->id, "auth.login", "user", created->id, "null",
                               AuditJson({{"address", address}, {"via", "invitation"}})));
  return session;
}

}  // namespace chorus::service
