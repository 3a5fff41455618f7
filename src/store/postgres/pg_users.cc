// UserStore on PostgreSQL. Update locks the row (FOR UPDATE) before comparing versions.
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::User;

Result<User> ReadUserColumns(const Rows& rows, int i) {
  User user;
  user.id = rows.Int(i, 0);
  user.email = rows.Text(i, 1);
  user.display_name = rows.Text(i, 2);
  Result<domain::Role> role = domain::ParseRole(rows.Text(i, 3));
  Result<domain::Tier> tier = domain::ParseTier(rows.Text(i, 4));
  auto attributes = domain::AttributesFromJsonText(rows.Text(i, 5));
  if (!role.ok() || !tier.ok() || !attributes.ok()) {
    return Internal("user " + std::to_string(user.id) +
                    " has an unreadable role, tier or attributes in the database");
  }
  user.role = *role;
  user.tier = *tier;
  user.attributes = std::move(attributes).value();
  user.pay_rate_cents_per_hour = rows.OptInt(i, 6);
  user.disabled = rows.Bool(i, 7);
  user.created_at = rows.Int(i, 8);
  user.version = rows.Int(i, 9);
  return user;
}

namespace {

constexpr const char* kUserColumns =
    "id, email, display_name, role, tier, attributes, pay_rate_cents_per_hour, disabled, "
    "created_at, version";

Result<User> ReadOne(Result<Rows> rows, const std::string& what) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NotFound("there is no user " + what, "user");
  return ReadUserColumns(*rows, 0);
}

std::string Select(const char* tail) { return std::string("SELECT ") + kUserColumns + " " + tail; }

}  // namespace

Result<User> ReadUserById(Connection& db, int64_t id) {
  static const std::string sql = Select("FROM users WHERE id = $1");
  return ReadOne(db.Exec(sql.c_str(), Params().Int(id)), "with id " + std::to_string(id));
}

Status InsertUser(Connection& db, User& user) {
  user.email = domain::NormaliseEmail(user.email);
  CHORUS_RETURN_IF_ERROR(domain::ValidateUser(user));
  user.version = 1;
  Result<Rows> rows = db.Exec(
      "INSERT INTO users (email, display_name, role, tier, attributes, "
      "pay_rate_cents_per_hour, disabled, created_at, version) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id",
      Params()
          .Text(user.email)
          .Text(user.display_name)
          .Text(domain::RoleName(user.role))
          .Text(domain::TierName(user.tier))
          .Text(domain::AttributesToJsonText(user.attributes))
          .OptInt(user.pay_rate_cents_per_hour)
          .Bool(user.disabled)
          .Int(user.created_at));
  if (rows.status().code() == StatusCode::kConflict) {
    return Conflict("is already used by another user; sign in or pick another address", "email");
  }
  if (!rows.ok()) return rows.status();
  user.id = rows->Int(0, 0);
  return Status::Ok();
}

Result<User> PgUserStore::Create(User user) {
  user.email = domain::NormaliseEmail(user.email);
  CHORUS_RETURN_IF_ERROR(domain::ValidateUser(user));
  Status status = pool_.Transaction([&](Connection& db) -> Status { return InsertUser(db, user); });
  if (!status.ok()) return status;
  return user;
}

Result<User> PgUserStore::Get(int64_t id) {
  return WithConnection(pool_, [&](Connection& db) { return ReadUserById(db, id); });
}

Result<User> PgUserStore::GetByEmail(std::string_view email) {
  std::string normalised = domain::NormaliseEmail(email);
  return WithConnection(pool_, [&](Connection& db) {
    static const std::string sql = Select("FROM users WHERE email = $1");
    return ReadOne(db.Exec(sql.c_str(), Params().Text(normalised)), "with that email");
  });
}

Result<Page<User>> PgUserStore::List(const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<User>> {
    int64_t limit = ClampLimit(page.limit);
    static const std::string sql = Select("FROM users WHERE id > $1 ORDER BY id LIMIT $2");
    Result<Rows> rows = db.Exec(sql.c_str(), Params().Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<User> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      Result<User> user = ReadUserColumns(*rows, i);
      if (!user.ok()) return user.status();
      out.items.push_back(std::move(user).value());
    }
    return out;
  });
}

UpdateResult<User> PgUserStore::Update(const User& changed) {
  int64_t current_version = 0;
  User updated;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    current_version = 0;
    static const std::string sql = Select("FROM users WHERE id = $1 FOR UPDATE");
    Result<User> current = ReadOne(db.Exec(sql.c_str(), Params().Int(changed.id)),
                                   "with id " + std::to_string(changed.id));
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
    return db
        .Exec(
            "UPDATE users SET display_name = $1, role = $2, tier = $3, attributes = $4, "
            "pay_rate_cents_per_hour = $5, disabled = $6, version = $7 WHERE id = $8",
            Params()
                .Text(updated.display_name)
                .Text(domain::RoleName(updated.role))
                .Text(domain::TierName(updated.tier))
                .Text(domain::AttributesToJsonText(updated.attributes))
                .OptInt(updated.pay_rate_cents_per_hour)
                .Bool(updated.disabled)
                .Int(updated.version)
                .Int(updated.id))
        .status();
  });
  if (!status.ok()) return {status, current_version};
  return updated;
}

Status PgUserStore::SetPasswordHash(int64_t user_id, std::string hash) {
  if (hash.empty()) return InvalidArgument("must not be empty", "password_hash");
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec("UPDATE users SET password_hash = $1 WHERE id = $2",
                                Params().Text(hash).Int(user_id));
    if (!rows.ok()) return rows.status();
    if (rows->affected() == 0) {
      return NotFound("there is no user with id " + std::to_string(user_id), "user_id");
    }
    return Status::Ok();
  });
}

Result<std::string> PgUserStore::GetPasswordHash(int64_t user_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::string> {
    Result<Rows> rows =
        db.Exec("SELECT password_hash FROM users WHERE id = $1", Params().Int(user_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty() || rows->IsNull(0, 0)) {
      return NotFound("user " + std::to_string(user_id) + " has no password", "user_id");
    }
    return rows->Text(0, 0);
  });
}

}  // namespace chorus::store::postgres
