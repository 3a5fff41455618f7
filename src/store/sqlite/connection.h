// Thin RAII wrappers over the sqlite3 C API: a Connection that caches prepared statements, and
// a Query that borrows one, binds parameters in order, steps and reads columns.
//
// Only prepared statements with bound parameters run user data; Exec is for fixed SQL
// (PRAGMAs, BEGIN/COMMIT, embedded migrations). SQLite errors become Status codes by one
// mapping (SqliteError): busy and disk full are kUnavailable (retry later), unique and
// primary-key violations kConflict, foreign-key/check/not-null violations kInvalidArgument,
// everything else kInternal.
// Thread-safety: a Connection and its Queries belong to one thread at a time (the writer
// thread, or the reader holding a ReadPool lease).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace chorus::store::sqlite {

// The Status for SQLite result code `rc` (extended codes understood) while doing `what`.
Status SqliteError(int rc, std::string_view what, sqlite3* db = nullptr);

class Connection;

// A prepared statement borrowed from a Connection's cache; reset when the Query ends.
// Binding is positional: each Bind* call binds the next `?`.
class Query {
 public:
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  ~Query();

  Query& BindInt(int64_t value);
  Query& BindBool(bool value) { return BindInt(value ? 1 : 0); }
  Query& BindText(std::string_view value);
  Query& BindDouble(double value);
  Query& BindNull();
  Query& BindOptInt(const std::optional<int64_t>& value);
  Query& BindOptText(const std::optional<std::string>& value);

  // Advances: true when a row is available, false when the statement is done.
  Result<bool> Step();
  // Steps to completion, ignoring rows (for INSERT/UPDATE/DELETE).
  Status Run();

  int64_t Int(int column) const;
  bool Bool(int column) const { return Int(column) != 0; }
  std::string Text(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;
  std::optional<int64_t> OptInt(int column) const;
  std::optional<std::string> OptText(int column) const;

 private:
  friend class Connection;
  Query(Connection* connection, sqlite3_stmt* stmt, bool owned);

  Connection* connection_;
  sqlite3_stmt* stmt_;
  bool owned_;  // Finalised at the end (a second use of a statement already borrowed).
  int next_index_ = 1;
  int bind_rc_ = SQLITE_OK;  // First binding error, reported by Step.
};

class Connection {
 public:
  // Opens `path` with `flags` (SQLITE_OPEN_*), extended result codes on.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int flags);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs fixed SQL (one or more statements, no parameters).
  // REQUIRES: `sql` contains no user-supplied text.
  Status Exec(const char* sql);
  // The first column of the first row of fixed SQL as text ("" when there is no row), e.g.
  // the value of a PRAGMA. REQUIRES: as Exec.
  Result<std::string> QueryText(const char* sql);

  // A statement for `sql`, prepared once per connection and reused.
  // REQUIRES: as Exec; `sql` is one statement.
  Result<Query> Prepare(const char* sql);

  int64_t LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  int64_t Changes() const { return sqlite3_changes64(db_); }
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  sqlite3* raw() const { return db_; }

 private:
  friend class Query;
  explicit Connection(sqlite3* db) : db_(db) {}
  void Return(sqlite3_stmt* stmt);

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  // Hashes std::string and std::string_view alike, so a lookup needs no key copy.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>()(sql); }
  };
  std::unordered_map<std::string, Cached, SqlHash, std::equal_to<>> cache_;
  std::unordered_map<sqlite3_stmt*, Cached*> by_stmt_;
};

}  // namespace chorus::store::sqlite
