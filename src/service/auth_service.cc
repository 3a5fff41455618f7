#include "service/auth_service.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "core/utf8.h"
#include "service/audit.h"
#include "service/escalation.h"
#include "service/permissions.h"
#include "service/secrets.h"

namespace chorus::service {
namespace {

using domain::User;

constexpr std::string_view kTokenPrefix = "chorus_";
constexpr std::string_view kWrongCredentials = "email or password is wrong";
constexpr std::string_view kLogInHint =
    "log in (POST /api/v1/auth/login) or send Authorization: Bearer TOKEN";

Status Unauthenticated(std::string message) {
  return Status(StatusCode::kUnauthenticated, std::move(message));
}

Status Require(const Principal& principal, Action action) {
  if (Allows(principal.role, action)) return Status::Ok();
  return Status(StatusCode::kPermissionDenied,
                std::string("your role (") + domain::RoleName(principal.role) + ") may not " +
                    ActionName(action) + "; ask an administrator for a role that may");
}

std::string UserText(const User& user) { return AuditJson(domain::ToJson(user)); }

std::string TokenText(const domain::ApiToken& token) { return AuditJson(domain::ToJson(token)); }

}  // namespace

AuthService::Clock AuthService::NowUnixMillisClock() {
  return [] { return NowUnixMillis(); };
}

AuthService::AuthService(store::Store& store, AuthServiceOptions options, Clock now)
    : store_(store),
      options_(options),
      now_(std::move(now)),
      hasher_(options.hasher),
      limiter_(options.rate_limit) {
  // Verified against for unknown emails, so they cost the same argon2id work as known ones.
  auto dummy = hasher_.Hash(RandomPassword(32));
  dummy_hash_ = dummy.ok() ? *dummy : std::string();
}

Status AuthService::Audit(std::optional<int64_t> actor, std::string action, std::string entity,
                          int64_t entity_id, std::string before, std::string after) {
  return RecordChange(store_.audit(), actor, std::move(action), std::move(entity), entity_id,
                      std::move(before), std::move(after), now_());
}

Result<LoginResult> AuthService::Login(std::string_view email, std::string_view password,
                                       std::string_view remote_address,
                                       int64_t* retry_after_seconds) {
  const std::string normalised = domain::NormaliseEmail(email);
  const std::string address = AddressWithoutPort(remote_address);
  const int64_t now = now_();
  if (auto until = limiter_.LockedUntil(normalised, address, now)) {
    const int64_t seconds = std::max<int64_t>(1, (*until - now + 999) / 1000);
    if (retry_after_seconds != nullptr) *retry_after_seconds = seconds;
    return Status(StatusCode::kResourceExhausted,
                  "too many failed logins for this account or address; try again in " +
                      std::to_string(seconds) + " seconds");
  }

  // The same work on every path: one argon2id verification, then the decision.
  std::optional<User> user;
  std::string hash = dummy_hash_;
  bool password_ok = false;
  if (password.size() <= kMaxPasswordBytes) {
    auto found = store_.users().GetByEmail(normalised);
    if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
    if (found.ok()) {
      auto stored = store_.users().GetPasswordHash(found->id);
      if (!stored.ok() && stored.status().code() != StatusCode::kNotFound) return stored.status();
      if (stored.ok()) {
        hash = *stored;
        user = *found;
      }
    }
    password_ok = hasher_.Verify(hash, password) && user.has_value();
  }

  if (!password_ok || user->disabled) {
    limiter_.RecordFailure(normalised, address, now);
    nlohmann::json details = {{"email", normalised.substr(0, 254)}, {"address", address}};
    // Best effort: a failed audit write must not turn a refusal into a different answer.
    (void)Audit(user ? std::optional<int64_t>(user->id) : std::nullopt, "auth.login_failed", "user",
                user ? user->id : 0, "null", AuditJson(details));
    return Unauthenticated(std::string(kWrongCredentials) +
                           "; check both, or ask an administrator to reset the password");
  }
  limiter_.RecordSuccess(normalised);

  if (hasher_.NeedsRehash(hash)) {
    // Limits were raised since this hash was made; store one with the current limits.
    if (auto rehashed = hasher_.Hash(password); rehashed.ok()) {
      (void)store_.users().SetPasswordHash(user->id, *rehashed);
    }
  }
  auto session = StartSession(store_.auth(), *user, now_(), options_.session_lifetime_ms);
  if (!session.ok()) return session.status();
  CHORUS_RETURN_IF_ERROR(
      Audit(user->id, "auth.login", "user", user->id, "null", AuditJson({{"address", address}})));
  return session;
}

Status AuthService::Logout(const std::optional<std::string>& session_cookie) {
  if (!session_cookie || session_cookie->empty()) return Status::Ok();
  const std::string hash = SecretHash(*session_cookie);
  auto session = store_.auth().GetSession(hash, now_());
  CHORUS_RETURN_IF_ERROR(store_.auth().DeleteSession(hash));
  if (session.ok()) {
    return Audit(session->user_id, "auth.logout", "user", session->user_id, "null", "null");
  }
  return Status::Ok();
}

Result<User> AuthService::ActiveUser(int64_t user_id, const Status& refusal) {
  auto user = store_.users().Get(user_id);
  if (!user.ok()) {
    return user.status().code() == StatusCode::kNotFound ? refusal : user.status();
  }
  if (user->disabled) return refusal;
  return user;
}

Result<Principal> AuthService::Authenticate(const Credentials& credentials) {
  if (credentials.bearer_token) {
    const Status refusal = Unauthenticated(
        "the bearer token is unknown or revoked; create a new one (POST /api/v1/auth/tokens) "
        "or log in");
    auto token = store_.auth().FindActiveToken(SecretHash(*credentials.bearer_token));
    if (!token.ok()) {
      return token.status().code() == StatusCode::kNotFound ? refusal : token.status();
    }
    auto user = ActiveUser(token->user_id, refusal);
    if (!user.ok()) return user.status();
    return Principal{user->id, user->role, CredentialKind::kApiToken, user->tier};
  }
  if (credentials.session_cookie) {
    const Status refusal = Unauthenticated(
        "your session has ended or expired; log in again (POST /api/v1/auth/login)");
    auto found = store_.auth().GetSessionUser(SecretHash(*credentials.session_cookie), now_());
    if (!found.ok()) {
      return found.status().code() == StatusCode::kNotFound ? refusal : found.status();
    }
    if (found->user.disabled) return refusal;
    if (credentials.unsafe_method &&
        (!credentials.csrf_token || !ConstantTimeEquals(SecretHash(*credentials.csrf_token),
                                                        found->session.csrf_token_hash))) {
      return Status(StatusCode::kPermissionDenied,
                    "send the X-CSRF-Token header (the chorus_csrf cookie's value)");
    }
    return Principal{found->user.id, found->user.role, CredentialKind::kSession,
                     found->user.tier};
  }
  return Unauthenticated(std::string(kLogInHint));
}

Status AuthService::ChangePassword(const Principal& principal, std::string_view current_password,
                                   std::string_view new_password) {
  CHORUS_RETURN_IF_ERROR(Require(principal, Action::kReadSelf));
  if (Status policy = CheckPasswordPolicy(new_password); !policy.ok()) {
    return InvalidArgument(policy.message(), "new_password");
  }
  auto stored = store_.users().GetPasswordHash(principal.user_id);
  if (!stored.ok() && stored.status().code() != StatusCode::kNotFound) return stored.status();
  if (!stored.ok() || !hasher_.Verify(*stored, current_password)) {
    return Status(StatusCode::kUnauthenticated,
                  "the current password is wrong; nothing was changed", "current_password");
  }
  auto hash = hasher_.Hash(new_password);
  if (!hash.ok()) return hash.status();
  // Closed before the new password is set: a failure in between leaves the old password and
  // no way in made with it.
  CHORUS_RETURN_IF_ERROR(EndEveryWayIn(principal.user_id));
  CHORUS_RETURN_IF_ERROR(store_.users().SetPasswordHash(principal.user_id, *hash));
  return Audit(principal.user_id, "user.password_change", "user", principal.user_id, "null",
               "null");
}

Status AuthService::EndEveryWayIn(int64_t user_id) {
  auto deleted = store_.auth().DeleteUserSessions(user_id);
  if (!deleted.ok()) return deleted.status();
  auto tokens = store_.auth().ListTokens(user_id);
  if (!tokens.ok()) return tokens.status();
  for (const domain::ApiToken& token : *tokens) {
    if (!token.revoked_at)
      CHORUS_RETURN_IF_ERROR(store_.auth().RevokeToken(user_id, token.id, now_()));
  }
  return Status::Ok();
}

Result<CreatedToken> AuthService::CreateToken(const Principal& principal, std::string_view name) {
  CHORUS_RETURN_IF_ERROR(Require(principal, Action::kManageOwnTokens));
  if (principal.via != CredentialKind::kSession) {
    return Status(StatusCode::kPermissionDenied,
                  "API tokens are created from a logged-in session (the web app or "
                  "POST /api/v1/auth/login), not with another token");
  }
  if (name.empty() || name.size() > 100 || !IsValidUtf8(name)) {
    return InvalidArgument("must be 1 to 100 bytes of UTF-8 (what the token is for)", "name");
  }
  CreatedToken created;
  created.plain = std::string(kTokenPrefix) + RandomSecret();
  domain::ApiToken token;
  token.user_id = principal.user_id;
  token.name = std::string(name);
  token.token_hash = SecretHash(created.plain);
  token.created_at = now_();
  auto stored = store_.auth().CreateToken(std::move(token));
  if (!stored.ok()) return stored.status();
  created.token = *stored;
  CHORUS_RETURN_IF_ERROR(Audit(principal.user_id, "token.create", "api_token", stored->id, "null",
                               TokenText(*stored)));
  return created;
}

Result<std::vector<domain::ApiToken>> AuthService::ListTokens(const Principal& principal) {
  CHORUS_RETURN_IF_ERROR(Require(principal, Action::kManageOwnTokens));
  return store_.auth().ListTokens(principal.user_id);
}

Status AuthService::RevokeToken(const Principal& principal, int64_t token_id) {
  CHORUS_RETURN_IF_ERROR(Require(principal, Action::kManageOwnTokens));
  CHORUS_RETURN_IF_ERROR(store_.auth().RevokeToken(principal.user_id, token_id, now_()));
  return Audit(principal.user_id, "token.revoke", "api_token", token_id, "null", "null");
}

Result<User> AuthService::CreateUser(const Principal& principal, const NewUser& fields) {
  CHORUS_RETURN_IF_ERROR(Require(principal, Action::kManageUsers));
  CHORUS_RETURN_IF_ERROR(CheckPasswordPolicy(fields.password));
  User user;
  user.email = domain::NormaliseEmail(fields.email);
  user.display_name = fields.display_name;
  user.role = fields.role;
  user.tier = fields.tier;
  user.attributes = fields.attributes;
  user.pay_rate_cents_per_hour = fields.pay_rate_cents_per_hour;
  user.created_at = now_();
  CHORUS_RETURN_IF_ERROR(domain::ValidateUser(user));
  auto hash = hasher_.Hash(fields.password);
  if (!hash.ok()) return hash.status();
  auto created = store_.users().Create(std::move(user));
  if (!created.ok()) {
    if (created.status().code() == StatusCode::kConflict) {
      return Status(StatusCode::kConflict, "an account with this email exists already", "email");
    }
    return created.status();
  }
  CHORUS_RETURN_IF_ERROR(store_.users().SetPasswordHash(created->id, *hash));
  CHORUS_RETURN_IF_ERROR(
      Audit(principal.user_id, "user.create", "user", created->id, "null", UserText(*created)));
  return created;
}

Result<store::Page<User>> AuthService::ListUsers(const Principal& principal,
                                                 const store::PageRequest& page) {
  CHORUS_RETURN_IF_ERROR(Require(principal, Action::kListUsers));
  return store_.users().List(page);
}

Result<User> AuthService::GetUser(const Principal& principal, int64_t user_id) {
  if (principal.user_id != user_id && !Allows(principal.role, Action::kListUsers)) {
    return NotFound("no user with this id that you may see", "id");
  }
  auto user = store_.users().Get(user_id);
  if (!user.ok() && user.status().code() == StatusCode::kNotFound) {
    return NotFound("no user with this id that you may see", "id");
  }
  return user;
}

store::UpdateResult<User> AuthService::UpdateUser(const Principal& principal, int64_t user_id,
                                                  const UserPatch& patch) {
  if (Status allowed = Require(principal, Action::kManageUsers); !allowed.ok()) return allowed;
  auto current = store_.users().Get(user_id);
  if (!current.ok()) {
    if (current.status().code() == StatusCode::kNotFound) {
      return NotFound("no user with this id", "id");
    }
    return current.status();
  }
  if (current->version != patch.version) {
    return {Status(StatusCode::kConflict,
                   "the user changed since you read it (version " +
                       std::to_string(current->version) + "); reload and apply your change again",
                   "version"),
            current->version};
  }
  if (principal.user_id == user_id &&
      ((patch.disabled && *patch.disabled) || (patch.role && *patch.role != domain::Role::kAdmin &&
                                               current->role == domain::Role::kAdmin))) {
    return Status(StatusCode::kFailedPrecondition,
                  "you cannot disable or demote your own account; ask another administrator",
                  patch.disabled ? "disabled" : "role");
  }
  std::optional<std::string> new_hash;
  if (patch.password) {
    auto hash = hasher_.Hash(*patch.password);
    if (!hash.ok()) return hash.status();
    new_hash = *hash;
  }
  User changed = *current;
  if (patch.display_name) changed.display_name = *patch.display_name;
  if (patch.role) changed.role = *patch.role;
  if (patch.tier) changed.tier = *patch.tier;
  if (patch.attributes) changed.attributes = *patch.attributes;
  if (patch.pay_rate_cents_per_hour)
    changed.pay_rate_cents_per_hour = *patch.pay_rate_cents_per_hour;
  if (patch.disabled) changed.disabled = *patch.disabled;
  if (Status valid = domain::ValidateUser(changed); !valid.ok()) return valid;
  auto updated = store_.users().Update(changed);
  if (!updated.ok()) return updated;
  if (new_hash) {
    if (Status ended = EndEveryWayIn(user_id); !ended.ok()) return ended;
    if (Status set = store_.users().SetPasswordHash(user_id, *new_hash); !set.ok()) return set;
  } else if (updated->disabled) {
    // Catalogue 52: a disabled account ends every session at once (its tokens are refused on
    // every request while it stays disabled).
    auto deleted = store_.auth().DeleteUserSessions(user_id);
    if (!deleted.ok()) return deleted.status();
  }
  nlohmann::json after = domain::ToJson(*updated);
  if (new_hash) after["password_reset"] = true;
  if (Status audited =
          Audit(principal.user_id,
                updated->disabled && !current->disabled ? "user.disable" : "user.update", "user",
                user_id, UserText(*current), AuditJson(after));
      !audited.ok()) {
    return audited;
  }
  return updated;
}

Status AuthService::CheckMayPatchUser(const Principal& principal, int64_t user_id,
                                      const std::vector<std::string>& fields_sent) {
  if (Allows(principal.role, Action::kManageUsers)) return Status::Ok();
  return RefuseEscalation(store_.audit(), principal, user_id, fields_sent,
                          "PATCH /api/v1/users/" + std::to_string(user_id), now_());
}

Result<std::optional<BootstrappedAdmin>> AuthService::BootstrapAdmin(
    std::optional<std::string> email, std::optional<std::string> password) {
  auto existing = store_.users().List({.after_id = 0, .limit = 1});
  if (!existing.ok()) return existing.status();
  if (!existing->items.empty()) return std::optional<BootstrappedAdmin>();
  BootstrappedAdmin admin;
  if (!password) {
    admin.generated_password = RandomPassword(20);
    password = admin.generated_password;
  }
  CHORUS_RETURN_IF_ERROR(CheckPasswordPolicy(*password));
  User user;
  user.email = domain::NormaliseEmail(email.value_or("admin@localhost"));
  user.display_name = "Administrator";
  user.role = domain::Role::kAdmin;
  user.created_at = now_();
  CHORUS_RETURN_IF_ERROR(domain::ValidateUser(user));
  auto hash = hasher_.Hash(*password);
  if (!hash.ok()) return hash.status();
  auto created = store_.users().Create(std::move(user));
  if (!created.ok()) return created.status();
  CHORUS_RETURN_IF_ERROR(store_.users().SetPasswordHash(created->id, *hash));
  CHORUS_RETURN_IF_ERROR(
      Audit(std::nullopt, "user.bootstrap_admin", "user", created->id, "null", UserText(*created)));
  admin.user = *created;
  return std::optional<BootstrappedAdmin>(std::move(admin));
}

}  // namespace chorus::service
