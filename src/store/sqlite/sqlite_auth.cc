#include "store/sqlite/sqlite_auth.h"

#include <string>
#include <utility>

#include "store/sqlite/sqlite_users.h"

namespace chorus::store::sqlite {

using domain::ApiToken;
using domain::Session;

namespace {

ApiToken ReadToken(const Query& q) {
  ApiToken t;
  t.id = q.Int(0);
  t.user_id = q.Int(1);
  t.name = q.Text(2);
  t.token_hash = q.Text(3);
  t.created_at = q.Int(4);
  t.revoked_at = q.OptInt(5);
  return t;
}

}  // namespace

Status SqliteAuthStore::CreateSession(const Session& session) {
  if (session.id_hash.empty()) return InvalidArgument("must not be empty", "id_hash");
  if (session.csrf_token_hash.empty()) {
    return InvalidArgument("must not be empty", "csrf_token_hash");
  }
  if (session.expires_at <= session.created_at) {
    return InvalidArgument("must be after created_at", "expires_at");
  }
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<domain::User> user = ReadUserById(db, session.user_id);
    if (!user.ok()) return user.status();
    Result<Query> q = db.Prepare(
        "INSERT INTO sessions (id_hash, user_id, csrf_token_hash, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindText(session.id_hash)
                   .BindInt(session.user_id)
                   .BindText(session.csrf_token_hash)
                   .BindInt(session.created_at)
                   .BindInt(session.expires_at)
                   .Run();
    if (s.code() == StatusCode::kConflict) return Conflict("session exists", "id_hash");
    return s;
  });
}

Result<Session> SqliteAuthStore::GetSession(std::string_view id_hash, int64_t now_ms) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Session> {
    Result<Query> q = db.Prepare(
        "SELECT id_hash, user_id, csrf_token_hash, created_at, expires_at FROM sessions "
        "WHERE id_hash = ? AND expires_at > ?");
    if (!q.ok()) return q.status();
    q->BindText(id_hash).BindInt(now_ms);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("the session does not exist or expired; sign in again", "session");
    return Session{q->Text(0), q->Int(1), q->Text(2), q->Int(3), q->Int(4)};
  });
}

Result<SessionUser> SqliteAuthStore::GetSessionUser(std::string_view id_hash, int64_t now_ms) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<SessionUser> {
    static const std::string sql = std::string("SELECT ") + kUserColumns +
                                   ", sessions.id_hash, sessions.csrf_token_hash, "
                                   "sessions.created_at, sessions.expires_at FROM sessions "
                                   "JOIN users ON users.id = sessions.user_id "
                                   "WHERE sessions.id_hash = ? AND sessions.expires_at > ?";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindText(id_hash).BindInt(now_ms);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("the session does not exist or expired; sign in again", "session");
    Result<domain::User> user = ReadUserColumns(*q);
    if (!user.ok()) return user.status();
    Session session{q->Text(10), user->id, q->Text(11), q->Int(12), q->Int(13)};
    return SessionUser{std::move(session), std::move(*user)};
  });
}

Status SqliteAuthStore::DeleteSession(std::string_view id_hash) {
  std::string key(id_hash);
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("DELETE FROM sessions WHERE id_hash = ?");
    if (!q.ok()) return q.status();
    return q->BindText(key).Run();
  });
}

Result<int64_t> SqliteAuthStore::DeleteUserSessions(int64_t user_id) {
  return DeleteSessions("DELETE FROM sessions WHERE user_id = ?", user_id);
}

Result<int64_t> SqliteAuthStore::DeleteExpiredSessions(int64_t now_ms) {
  return DeleteSessions("DELETE FROM sessions WHERE expires_at <= ?", now_ms);
}

Result<int64_t> SqliteAuthStore::DeleteSessions(const char* sql, int64_t value) {
  int64_t deleted = 0;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare(sql);
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindInt(value).Run());
    deleted = db.Changes();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return deleted;
}

Result<ApiToken> SqliteAuthStore::CreateToken(ApiToken token) {
  if (token.token_hash.empty()) return InvalidArgument("must not be empty", "token_hash");
  if (token.name.empty() || token.name.size() > 200) {
    return InvalidArgument("must be 1 to 200 bytes", "name");
  }
  token.revoked_at.reset();
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<domain::User> user = ReadUserById(db, token.user_id);
    if (!user.ok()) return user.status();
    Result<Query> q = db.Prepare(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindInt(token.user_id)
                   .BindText(token.name)
                   .BindText(token.token_hash)
                   .BindInt(token.created_at)
                   .Run();
    if (s.code() == StatusCode::kConflict) return Conflict("token exists", "token_hash");
    CHORUS_RETURN_IF_ERROR(s);
    token.id = db.LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return token;
}

Result<ApiToken> SqliteAuthStore::FindActiveToken(std::string_view token_hash) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<ApiToken> {
    Result<Query> q = db.Prepare(
        "SELECT id, user_id, name, token_hash, created_at, revoked_at FROM api_tokens "
        "WHERE token_hash = ? AND revoked_at IS NULL");
    if (!q.ok()) return q.status();
    q->BindText(token_hash);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("the token is unknown or revoked; create a new one", "token");
    return ReadToken(*q);
  });
}

Result<std::vector<ApiToken>> SqliteAuthStore::ListTokens(int64_t user_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<ApiToken>> {
    Result<Query> q = db.Prepare(
        "SELECT id, user_id, name, token_hash, created_at, revoked_at FROM api_tokens "
        "WHERE user_id = ? ORDER BY id");
    if (!q.ok()) return q.status();
    q->BindInt(user_id);
    std::vector<ApiToken> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back(ReadToken(*q));
    }
    return out;
  });
}

Status SqliteAuthStore::RevokeToken(int64_t user_id, int64_t token_id, int64_t now_ms) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_id = ?");
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindInt(now_ms).BindInt(token_id).BindInt(user_id).Run());
    if (db.Changes() == 0) {
      return NotFound("you have no token with id " + std::to_string(token_id), "token_id");
    }
    return Status::Ok();
  });
}

}  // namespace chorus::store::sqlite
