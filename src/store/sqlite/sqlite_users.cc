#include "store/sqlite/sqlite_users.h"

#include <string>
#include <utility>

namespace chorus::store::sqlite {

using domain::User;

Result<User> ReadUserColumns(const Query& q) {
  User user;
  user.id = q.Int(0);
  user.email = q.Text(1);
  user.display_name = q.Text(2);
  Result<domain::Role> role = domain::ParseRole(q.Text(3));
  Result<domain::Tier> tier = domain::ParseTier(q.Text(4));
  auto attributes = domain::AttributesFromJsonText(q.Text(5));
  if (!role.ok() || !tier.ok() || !attributes.ok()) {
    return Internal("user " + std::to_string(user.id) +
                    " has an unreadable role, tier or "
                    "attributes in the database");
  }
  user.role = *role;
  user.tier = *tier;
  user.attributes = std::move(attributes).value();
  user.pay_rate_cents_per_hour = q.OptInt(6);
  user.disabled = q.Bool(7);
  user.created_at = q.Int(8);
  user.version = q.Int(9);
  return user;
}

namespace {

// One user from a prepared query (bound), or kNotFound with `what`.
Result<User> ReadOne(Result<Query>& q, const std::string& what) {
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("there is no user " + what, "user");
  return ReadUserColumns(*q);
}

}  // namespace

Result<User> ReadUserById(Connection& db, int64_t id) {
  Result<Query> q = db.Prepare(
      "SELECT id, email, display_name, role, tier, attributes, pay_rate_cents_per_hour, "
      "disabled, created_at, version FROM users WHERE id = ?");
  if (q.ok()) q->BindInt(id);
  return ReadOne(q, "with id " + std::to_string(id));
}

Status InsertUser(Connection& db, User& user) {
  user.email = domain::NormaliseEmail(user.email);
  CHORUS_RETURN_IF_ERROR(domain::ValidateUser(user));
  user.version = 1;
  Result<Query> q = db.Prepare(
      "INSERT INTO users (email, display_name, role, tier, attributes, "
      "pay_rate_cents_per_hour, disabled, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "1)");
  if (!q.ok()) return q.status();
  Status s = q->BindText(user.email)
                 .BindText(user.display_name)
                 .BindText(domain::RoleName(user.role))
                 .BindText(domain::TierName(user.tier))
                 .BindText(domain::AttributesToJsonText(user.attributes))
                 .BindOptInt(user.pay_rate_cents_per_hour)
                 .BindBool(user.disabled)
                 .BindInt(user.created_at)
                 .Run();
  if (s.code() == StatusCode::kConflict) {
    return Conflict("is already used by another user; sign in or pick another address", "email");
  }
  CHORUS_RETURN_IF_ERROR(s);
  user.id = db.LastInsertRowId();
  return Status::Ok();
}

Result<User> SqliteUserStore::Create(User user) {
  // Validated before queueing too, so a bad user costs the writer nothing.
  user.email = domain::NormaliseEmail(user.email);
  CHORUS_RETURN_IF_ERROR(domain::ValidateUser(user));
  Status status = db_.writer.Run([&](Connection& db) -> Status { return InsertUser(db, user); });
  if (!status.ok()) return status;
  return user;
}

Result<User> SqliteUserStore::Get(int64_t id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadUserById(db, id); });
}

Result<User> SqliteUserStore::GetByEmail(std::string_view email) {
  std::string normalised = domain::NormaliseEmail(email);
  return WithReader(db_.reads, [&](Connection& db) {
    Result<Query> q = db.Prepare(
        "SELECT id, email, display_name, role, tier, attributes, pay_rate_cents_per_hour, "
        "disabled, created_at, version FROM users WHERE email = ?");
    if (q.ok()) q->BindText(normalised);
    return ReadOne(q, "with that email");
  });
}

Result<Page<User>> SqliteUserStore::List(const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<User>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(
        "SELECT id, email, display_name, role, tier, attributes, pay_rate_cents_per_hour, "
        "disabled, created_at, version FROM users WHERE id > ? ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->BindInt(page.after_id).BindInt(limit + 1);
    return ReadPageRows<User>(*q, limit, ReadUserColumns);
  });
}

UpdateResult<User> SqliteUserStore::Update(const User& changed) {
  int64_t current_version = 0;
  User updated;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<User> current = ReadUserById(db, changed.id);
    if (!current.ok()) return current.status();
    if (current->version != changed.version) {
      current_version = current->version;
      return Conflict("user " + std::to_string(changed.id) + " changed since version " +
                          std::to_string(changed.version) + " (now " +
                          std::to_string(current_version) +
                          "); reload it and apply your change again",
                      "version");
    }
    updated = *current;
    updated.display_name = changed.display_name;
    updated.role = changed.role;
    updated.tier = changed.tier;
    updated.attributes = changed.attributes;
    updated.pay_rate_cents_per_hour = changed.pay_rate_cents_per_hour;
    updated.disabled = changed.disabled;
    updated.version = current->version + 1;
    CHORUS_RETURN_IF_ERROR(domain::ValidateUser(updated));
    Result<Query> q = db.Prepare(
        "UPDATE users SET display_name = ?, role = ?, tier = ?, attributes = ?, "
        "pay_rate_cents_per_hour = ?, disabled = ?, version = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    return q->BindText(updated.display_name)
        .BindText(domain::RoleName(updated.role))
        .BindText(domain::TierName(updated.tier))
        .BindText(domain::AttributesToJsonText(updated.attributes))
        .BindOptInt(updated.pay_rate_cents_per_hour)
        .BindBool(updated.disabled)
        .BindInt(updated.version)
        .BindInt(updated.id)
        .Run();
  });
  if (!status.ok()) return {status, current_version};
  return updated;
}

Status SqliteUserStore::SetPasswordHash(int64_t user_id, std::string hash) {
  if (hash.empty()) return InvalidArgument("must not be empty", "password_hash");
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("UPDATE users SET password_hash = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindText(hash).BindInt(user_id).Run());
    if (db.Changes() == 0) {
      return NotFound("there is no user with id " + std::to_string(user_id), "user_id");
    }
    return Status::Ok();
  });
}

Result<std::string> SqliteUserStore::GetPasswordHash(int64_t user_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::string> {
    Result<Query> q = db.Prepare("SELECT password_hash FROM users WHERE id = ?");
    if (!q.ok()) return q.status();
    q->BindInt(user_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row || q->IsNull(0)) {
      return NotFound("user " + std::to_string(user_id) + " has no password", "user_id");
    }
    return q->Text(0);
  });
}

}  // namespace chorus::store::sqlite
