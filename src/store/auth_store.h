// Sessions and API tokens, stored by hash only (the secrets never reach the database).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/api_token.h"
#include "domain/session.h"
#include "domain/user.h"

namespace chorus::store {

struct SessionUser {
  domain::Session session;
  domain::User user;
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // kInvalidArgument for an empty hash or expires_at <= created_at; kNotFound for an unknown
  // user; kConflict when the id hash exists.
  virtual Status CreateSession(const domain::Session& session) = 0;
  // The live session with this id hash: kNotFound when there is none or it expired at or
  // before now_ms (an expired session is as good as absent).
  virtual Result<domain::Session> GetSession(std::string_view id_hash, int64_t now_ms) = 0;
  // GetSession and the session's user, read together: every request a browser makes needs
  // both, and one read costs half of two. kNotFound as GetSession.
  virtual Result<SessionUser> GetSessionUser(std::string_view id_hash, int64_t now_ms) = 0;
  // Ok whether or not it existed (logout is idempotent).
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  // Logs a user out everywhere (password change, disable: catalogue entry 52); returns how
  // many sessions were deleted.
  virtual Result<int64_t> DeleteUserSessions(int64_t user_id) = 0;
  // Deletes every session that expired at or before now_ms (they are refused already; this
  // keeps the table to the live ones) and returns how many went.
  virtual Result<int64_t> DeleteExpiredSessions(int64_t now_ms) = 0;

  // Stores a token and returns it with its id. kInvalidArgument for an empty hash or name,
  // kNotFound for an unknown user, kConflict when the hash exists.
  virtual Result<domain::ApiToken> CreateToken(domain::ApiToken token) = 0;
  // The unrevoked token with this hash; kNotFound when there is none or it was revoked.
  virtual Result<domain::ApiToken> FindActiveToken(std::string_view token_hash) = 0;
  // A user's tokens, revoked ones included, in id order.
  virtual Result<std::vector<domain::ApiToken>> ListTokens(int64_t user_id) = 0;
  // Revokes token `token_id` of user `user_id` at now_ms. kNotFound when that user has no
  // such token (another user's token id is not found, not forbidden: no existence oracle).
  // Revoking twice keeps the first time.
  virtual Status RevokeToken(int64_t user_id, int64_t token_id, int64_t now_ms) = 0;
};

}  // namespace chorus::store
