// AuthStore on PostgreSQL: sessions and API tokens by hash.
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::ApiToken;
using domain::Session;

namespace {

ApiToken ReadToken(const Rows& rows, int i) {
  ApiToken t;
  t.id = rows.Int(i, 0);
  t.user_id = rows.Int(i, 1);
  t.name = rows.Text(i, 2);
  t.token_hash = rows.Text(i, 3);
  t.created_at = rows.Int(i, 4);
  t.revoked_at = rows.OptInt(i, 5);
  return t;
}

}  // namespace

Status PgAuthStore::CreateSession(const Session& session) {
  if (session.id_hash.empty()) return InvalidArgument("must not be empty", "id_hash");
  if (session.csrf_token_hash.empty()) {
    return InvalidArgument("must not be empty", "csrf_token_hash");
  }
  if (session.expires_at <= session.created_at) {
    return InvalidArgument("must be after created_at", "expires_at");
  }
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<domain::User> user = ReadUserById(db, session.user_id);
    if (!user.ok()) return user.status();
    Result<Rows> rows = db.Exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_token_hash, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        Params()
            .Text(session.id_hash)
            .Int(session.user_id)
            .Text(session.csrf_token_hash)
            .Int(session.created_at)
            .Int(session.expires_at));
    if (rows.status().code() == StatusCode::kConflict) return Conflict("session exists", "id_hash");
    return rows.status();
  });
}

Result<Session> PgAuthStore::GetSession(std::string_view id_hash, int64_t now_ms) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Session> {
    Result<Rows> rows = db.Exec(
        "SELECT id_hash, user_id, csrf_token_hash, created_at, expires_at FROM sessions "
        "WHERE id_hash = $1 AND expires_at > $2",
        Params().Text(id_hash).Int(now_ms));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("the session does not exist or expired; sign in again", "session");
    }
    return Session{rows->Text(0, 0), rows->Int(0, 1), rows->Text(0, 2), rows->Int(0, 3),
                   rows->Int(0, 4)};
  });
}

Result<SessionUser> PgAuthStore::GetSessionUser(std::string_view id_hash, int64_t now_ms) {
  return WithConnection(pool_, [&](Connection& db) -> Result<SessionUser> {
    static const std::string sql = std::string("SELECT ") + kUserColumns +
                                   ", sessions.id_hash, sessions.csrf_token_hash, "
                                   "sessions.created_at, sessions.expires_at FROM sessions "
                                   "JOIN users ON users.id = sessions.user_id "
                                   "WHERE sessions.id_hash = $1 AND sessions.expires_at > $2";
    Result<Rows> rows = db.Exec(sql.c_str(), Params().Text(id_hash).Int(now_ms));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("the session does not exist or expired; sign in again", "session");
    }
    Result<domain::User> user = ReadUserColumns(*rows, 0);
    if (!user.ok()) return user.status();
    Session session{rows->Text(0, 10), user->id, rows->Text(0, 11), rows->Int(0, 12),
                    rows->Int(0, 13)};
    return SessionUser{std::move(session), std::move(*user)};
  });
}

Status PgAuthStore::DeleteSession(std::string_view id_hash) {
  return pool_.Transaction([&](Connection& db) -> Status {
    return db.Exec("DELETE FROM sessions WHERE id_hash = $1", Params().Text(id_hash)).status();
  });
}

Result<int64_t> PgAuthStore::DeleteUserSessions(int64_t user_id) {
  return DeleteSessions("DELETE FROM sessions WHERE user_id = $1", user_id);
}

Result<int64_t> PgAuthStore::DeleteExpiredSessions(int64_t now_ms) {
  return DeleteSessions("DELETE FROM sessions WHERE expires_at <= $1", now_ms);
}

Result<int64_t> PgAuthStore::DeleteSessions(const char* sql, int64_t value) {
  int64_t deleted = 0;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec(sql, Params().Int(value));
    if (!rows.ok()) return rows.status();
    deleted = rows->affected();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return deleted;
}

Result<ApiToken> PgAuthStore::CreateToken(ApiToken token) {
  if (token.token_hash.empty()) return InvalidArgument("must not be empty", "token_hash");
  if (token.name.empty() || token.name.size() > 200) {
    return InvalidArgument("must be 1 to 200 bytes", "name");
  }
  token.revoked_at.reset();
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<domain::User> user = ReadUserById(db, token.user_id);
    if (!user.ok()) return user.status();
    Result<Rows> rows = db.Exec(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
        "VALUES ($1, $2, $3, $4) RETURNING id",
        Params().Int(token.user_id).Text(token.name).Text(token.token_hash).Int(token.created_at));
    if (rows.status().code() == StatusCode::kConflict) {
      return Conflict("token exists", "token_hash");
    }
    if (!rows.ok()) return rows.status();
    token.id = rows->Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return token;
}

Result<ApiToken> PgAuthStore::FindActiveToken(std::string_view token_hash) {
  return WithConnection(pool_, [&](Connection& db) -> Result<ApiToken> {
    Result<Rows> rows = db.Exec(
        "SELECT id, user_id, name, token_hash, created_at, revoked_at FROM api_tokens "
        "WHERE token_hash = $1 AND revoked_at IS NULL",
        Params().Text(token_hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty())
      return NotFound("the token is unknown or revoked; create a new one", "token");
    return ReadToken(*rows, 0);
  });
}

Result<std::vector<ApiToken>> PgAuthStore::ListTokens(int64_t user_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<ApiToken>> {
    Result<Rows> rows = db.Exec(
        "SELECT id, user_id, name, token_hash, created_at, revoked_at FROM api_tokens "
        "WHERE user_id = $1 ORDER BY id",
        Params().Int(user_id));
    if (!rows.ok()) return rows.status();
    std::vector<ApiToken> out;
    out.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) out.push_back(ReadToken(*rows, i));
    return out;
  });
}

Status PgAuthStore::RevokeToken(int64_t user_id, int64_t token_id, int64_t now_ms) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) "
        "WHERE id = $2 AND user_id = $3",
        Params().Int(now_ms).Int(token_id).Int(user_id));
    if (!rows.ok()) return rows.status();
    if (rows->affected() == 0) {
      return NotFound("you have no token with id " + std::to_string(token_id), "token_id");
    }
    return Status::Ok();
  });
}

}  // namespace chorus::store::postgres
