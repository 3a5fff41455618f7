// Accounts, logins, sessions and API tokens over the store (issue 4 "Authentication and
// roles"); implements the Authenticator the server's guard calls on every request.
//
// Security catalogue entries covered here (tests in auth_service_test.cc and tests/api):
//   51 every login issues a new session; a cookie sent before login is never promoted.
//   52 logout, password change and disabling delete the user's sessions; disabled users'
//      tokens stop working; revocation is immediate (every request reads the user again).
//   54 session ids, CSRF tokens and API tokens are 256-bit random secrets stored as BLAKE2b
//      hashes; an API token is shown once, at creation; tokens are made only from a session.
//   55 cookie-authenticated unsafe requests must echo the session's CSRF token.
//   57 sessions and tokens go through the same checks (user exists and is not disabled).
//   58 unknown email, wrong password and disabled account give the same answer after the same
//      work (a dummy argon2id verification for unknown emails); failed logins are rate limited.
//   59 no self-registration (people join by invitation, invitation_service.h); the first
//      administrator is created by BootstrapAdmin only when the store has no user, with a
//      generated password unless one is given.
//   60 argon2id (password_hasher.h).
//   61 PATCH /api/v1/users/{id} without manage_users is refused and recorded
//      (CheckMayPatchUser, escalation.h).
// Every change is appended to the audit log with the acting user.
// Thread-safety: safe to call from many threads; blocking (store, hashing): call from worker
// threads. REQUIRES: the store outlives the service.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/api_token.h"
#include "domain/user.h"
#include "service/authenticator.h"
#include "service/login_rate_limiter.h"
#include "service/password_hasher.h"
#include "service/principal.h"
#include "service/sessions.h"
#include "store/page.h"
#include "store/store.h"
#include "store/update_result.h"

namespace chorus::service {

struct AuthServiceOptions {
  PasswordHasherOptions hasher;                           // argon2id limits for new hashes.
  int64_t session_lifetime_ms = 12 * 3600 * 1000;         // A session ends this long after login.
  LoginRateLimitOptions rate_limit;                       // Failed-login (and failed invitation
                                                          // acceptance) limits.
  int64_t invitation_lifetime_ms = 7 * 24 * 3600 * 1000;  // An invitation expires this long
                                                          // after it is made.
};

struct CreatedToken {
  domain::ApiToken token;  // As stored (hash included; never serialise the hash).
  std::string plain;       // "chorus_" + 43 characters; shown once, never stored.
};

// The fields an administrator sets on a new account.
struct NewUser {
  std::string email;
  std::string display_name;
  domain::Role role = domain::Role::kAnnotator;
  domain::Tier tier = domain::Tier::kCrowd;
  std::map<std::string, std::string> attributes;
  std::optional<int64_t> pay_rate_cents_per_hour;
  std::string password;  // CheckPasswordPolicy.
};

// A partial update of an account; absent fields stay as they are.
struct UserPatch {
  int64_t version = 0;  // The version the caller read; stale gives kConflict.
  std::optional<std::string> display_name;
  std::optional<domain::Role> role;
  std::optional<domain::Tier> tier;
  std::optional<std::map<std::string, std::string>> attributes;
  std::optional<std::optional<int64_t>> pay_rate_cents_per_hour;  // Inner nullopt: clear it.
  std::optional<bool> disabled;         // true logs the user out everywhere.
  std::optional<std::string> password;  // An administrator's reset; logs the user out.
};

// The first administrator, when BootstrapAdmin created one.
struct BootstrappedAdmin {
  domain::User user;
  std::string generated_password;  // Empty when the caller gave the password.
};

class AuthService final : public Authenticator {
 public:
  using Clock = std::function<int64_t()>;  // Unix milliseconds.

  // Computes the dummy hash for unknown emails once (one argon2id hash).
  explicit AuthService(store::Store& store, AuthServiceOptions options = {},
                       Clock now = NowUnixMillisClock());

  static Clock NowUnixMillisClock();

  // Logs in and starts a new session. kUnauthenticated "email or password is wrong" for an
  // unknown email, a wrong password or a disabled account alike; kResourceExhausted when the
  // email or the address (port ignored) has too many recent failures, with *retry_after_seconds
  // set (>= 1) when given. remote_address as the transport reports it ("1.2.3.4:5678").
  Result<LoginResult> Login(std::string_view email, std::string_view password,
                            std::string_view remote_address,
                            int64_t* retry_after_seconds = nullptr);

  // Ends the session with this cookie value; ok whether or not it existed.
  Status Logout(const std::optional<std::string>& session_cookie);

  // Authenticator: bearer token first, else the session cookie (with the CSRF check on
  // unsafe methods).
  Result<Principal> Authenticate(const Credentials& credentials) override;

  // Checks the current password, sets the new one, and deletes every session of the user
  // (they log in again). kUnauthenticated for a wrong current password; kInvalidArgument
  // (policy, field "new_password").
  Status ChangePassword(const Principal& principal, std::string_view current_password,
                        std::string_view new_password);

  // API tokens of the principal's own account. CreateToken needs a session (a token cannot
  // mint tokens: kPermissionDenied); name is 1..100 bytes (field "name").
  Result<CreatedToken> CreateToken(const Principal& principal, std::string_view name);
  Result<std::vector<domain::ApiToken>> ListTokens(const Principal& principal);
  // kNotFound for another user's token or an unknown id.
  Status RevokeToken(const Principal& principal, int64_t token_id);

  // Accounts. CreateUser and UpdateUser need manage_users; ListUsers needs list_users; GetUser
  // needs list_users unless it is the principal's own account (otherwise kNotFound, no
  // existence oracle). An administrator cannot disable or demote themself
  // (kFailedPrecondition), so there is always one who can undo a mistake.
  Result<domain::User> CreateUser(const Principal& principal, const NewUser& user);
  Result<store::Page<domain::User>> ListUsers(const Principal& principal,
                                              const store::PageRequest& page);
  Result<domain::User> GetUser(const Principal& principal, int64_t user_id);
  store::UpdateResult<domain::User> UpdateUser(const Principal& principal, int64_t user_id,
                                               const UserPatch& patch);
  // Ok when the principal may manage_users. Otherwise PATCH /api/v1/users/{id} is an attempt
  // to change what only administrators may (on one's own account: self-escalation, catalogue
  // entry 61): records "user.escalation_refused" with `fields_sent` (the body's keys) and
  // returns kPermissionDenied. Call before reading the body's values.
  Status CheckMayPatchUser(const Principal& principal, int64_t user_id,
                           const std::vector<std::string>& fields_sent);

  // When the store holds no user: creates an administrator with `email` (default
  // "admin@localhost") and `password` (default: 20 generated characters, returned so the
  // caller prints it once). nullopt when any user exists. Errors: policy (given password),
  // store failures.
  Result<std::optional<BootstrappedAdmin>> BootstrapAdmin(std::optional<std::string> email,
                                                          std::optional<std::string> password);

  const AuthServiceOptions& options() const { return options_; }

 private:
  Result<domain::User> ActiveUser(int64_t user_id, const Status& refusal);
  // Catalogue 52: ends every session of the user and revokes every API token, so nothing made
  // with an old password works after a new one is set.
  Status EndEveryWayIn(int64_t user_id);
  Status Audit(std::optional<int64_t> actor, std::string action, std::string entity,
               int64_t entity_id, std::string before, std::string after);

  store::Store& store_;
  AuthServiceOptions options_;
  Clock now_;
  PasswordHasher hasher_;
  std::string dummy_hash_;
  LoginRateLimiter limiter_;
};

}  // namespace chorus::service
