// UserStore on SQLite. Thread-safety: safe from many threads (writes go through the writer).
#pragma once

#include "store/sqlite/sqlite_context.h"
#include "store/user_store.h"

namespace chorus::store::sqlite {

class SqliteUserStore final : public UserStore {
 public:
  explicit SqliteUserStore(SqliteContext context) : db_(context) {}

  Result<domain::User> Create(domain::User user) override;
  Result<domain::User> Get(int64_t id) override;
  Result<domain::User> GetByEmail(std::string_view email) override;
  Result<Page<domain::User>> List(const PageRequest& page) override;
  UpdateResult<domain::User> Update(const domain::User& changed) override;
  Status SetPasswordHash(int64_t user_id, std::string hash) override;
  Result<std::string> GetPasswordHash(int64_t user_id) override;

 private:
  SqliteContext db_;
};

// The columns a query must select first, in this order, for ReadUserColumns.
inline constexpr const char* kUserColumns =
    "users.id, users.email, users.display_name, users.role, users.tier, users.attributes, "
    "users.pay_rate_cents_per_hour, users.disabled, users.created_at, users.version";
// The user in the first columns (kUserColumns) of `q`'s current row.
Result<domain::User> ReadUserColumns(const Query& q);
// The user with this id, read through `db` (any connection). kNotFound when absent.
Result<domain::User> ReadUserById(Connection& db, int64_t id);
// Inserts `*user` (email normalised, validated, version 1) through `db` and sets its id.
// kInvalidArgument (ValidateUser), kConflict (field "email") when the email is taken.
// REQUIRES: called on the writer's connection, inside its transaction.
Status InsertUser(Connection& db, domain::User& user);

}  // namespace chorus::store::sqlite
