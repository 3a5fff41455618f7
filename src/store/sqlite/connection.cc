#include "store/sqlite/connection.h"

#include <mutex>
#include <utility>

namespace chorus::store::sqlite {
namespace {

// Before SQLite initialises: without memory statistics, SQLite's allocations skip a mutex that
// every connection of the process shares (threads labelling at once queued on it). Too late
// when something else in the process started SQLite first; then the default stays.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Status SqliteError(int rc, std::string_view what, sqlite3* db) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string context = std::string(what) + ": " + detail;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {StatusCode::kUnavailable,
              "the database is busy (another connection holds its write lock); retry in a "
              "moment (" +
                  context + ")"};
    case SQLITE_FULL:
      return {StatusCode::kUnavailable,
              "the disk holding the database is full; free space and retry (" + context + ")"};
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return {StatusCode::kConflict, "already exists (" + context + ")"};
      }
      return {StatusCode::kInvalidArgument,
              "refers to a missing row or breaks a rule of the schema (" + context + ")"};
    case SQLITE_IOERR:
      return {StatusCode::kUnavailable,
              "the disk reported an I/O error; check the disk, then restart (" + context + ")"};
    default: return Internal("SQLite error " + std::to_string(rc) + " (" + context + ")");
  }
}

Query::Query(Connection* connection, sqlite3_stmt* stmt, bool owned)
    : connection_(connection), stmt_(stmt), owned_(owned) {}

Query::Query(Query&& other) noexcept
    : connection_(other.connection_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      owned_(other.owned_),
      next_index_(other.next_index_),
      bind_rc_(other.bind_rc_) {}

Query::~Query() {
  if (stmt_ == nullptr) return;
  if (owned_) {
    sqlite3_finalize(stmt_);
  } else {
    connection_->Return(stmt_);
  }
}

Query& Query::BindInt(int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, next_index_++, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Query& Query::BindText(std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, next_index_++, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Query& Query::BindDouble(double value) {
  int rc = sqlite3_bind_double(stmt_, next_index_++, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Query& Query::BindNull() {
  int rc = sqlite3_bind_null(stmt_, next_index_++);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Query& Query::BindOptInt(const std::optional<int64_t>& value) {
  return value ? BindInt(*value) : BindNull();
}

Query& Query::BindOptText(const std::optional<std::string>& value) {
  return value ? BindText(*value) : BindNull();
}

Result<bool> Query::Step() {
  if (bind_rc_ != SQLITE_OK) return SqliteError(bind_rc_, "binding a parameter");
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(sqlite3_extended_errcode(connection_->db_), sqlite3_sql(stmt_),
                     connection_->db_);
}

Status Query::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

int64_t Query::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Query::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Query::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Query::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::optional<int64_t> Query::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<std::string> Query::OptText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int flags) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(rc, "opening " + path, db);
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  sqlite3_free(error);
  return SqliteError(sqlite3_extended_errcode(db_), sql, db_);
}

Result<std::string> Connection::QueryText(const char* sql) {
  Result<Query> q = Prepare(sql);
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Text(0) : std::string();
}

Result<Query> Connection::Prepare(const char* sql) {
  // Looked up by view: a label runs about twenty statements, each once a key copy otherwise.
  auto it = cache_.find(std::string_view(sql));
  const bool inserted = it == cache_.end();
  if (inserted) it = cache_.emplace(sql, Cached{}).first;
  Cached& cached = it->second;
  if (!inserted && !cached.in_use) {
    cached.in_use = true;
    return Query(this, cached.stmt, /*owned=*/false);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    if (inserted) cache_.erase(it);
    return SqliteError(rc, sql, db_);
  }
  if (!inserted) return Query(this, stmt, /*owned=*/true);  // Nested use: a private copy.
  cached.stmt = stmt;
  cached.in_use = true;
  by_stmt_[stmt] = &cached;
  return Query(this, stmt, /*owned=*/false);
}

void Connection::Return(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto it = by_stmt_.find(stmt);
  if (it != by_stmt_.end()) it->second->in_use = false;
}

}  // namespace chorus::store::sqlite
