// AuthStore on SQLite: sessions and API tokens by hash. Thread-safety: safe from many threads.
#pragma once

#include "store/auth_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteAuthStore final : public AuthStore {
 public:
  explicit SqliteAuthStore(SqliteContext context) : db_(context) {}

  Status CreateSession(const domain::Session& session) override;
  Result<domain::Session> GetSession(std::string_view id_hash, int64_t now_ms) override;
  Result<SessionUser> GetSessionUser(std::string_view id_hash, int64_t now_ms) override;
  Status DeleteSession(std::string_view id_hash) override;
  Result<int64_t> DeleteUserSessions(int64_t user_id) override;
  Result<int64_t> DeleteExpiredSessions(int64_t now_ms) override;
  Result<domain::ApiToken> CreateToken(domain::ApiToken token) override;
  Result<domain::ApiToken> FindActiveToken(std::string_view token_hash) override;
  Result<std::vector<domain::ApiToken>> ListTokens(int64_t user_id) override;
  Status RevokeToken(int64_t user_id, int64_t token_id, int64_t now_ms) override;

 private:
  // Runs `sql`, a DELETE with one integer parameter, and returns the rows it deleted.
  Result<int64_t> DeleteSessions(const char* sql, int64_t value);

  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
