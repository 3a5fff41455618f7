#include "store/sqlite/migrations.h"

#include <algorithm>
#include <string>

namespace chorus::store::sqlite {

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT";

Status ApplyPending(Connection& db, std::span<const Migration> migrations, int64_t now_ms) {
  CHORUS_RETURN_IF_ERROR(db.Exec(kCreateTable));
  Result<std::vector<int64_t>> applied = AppliedMigrations(db);
  if (!applied.ok()) return applied.status();
  Result<std::vector<Migration>> pending = PendingMigrations(*applied, migrations);
  if (!pending.ok()) return pending.status();
  for (const Migration& m : *pending) {
    // Embedded SQL from the source tree, never user input.
    std::string sql(m.sql);
    Status status = db.Exec(sql.c_str());
    if (!status.ok()) {
      return Internal("schema migration " + std::string(m.name) + " failed: " + status.message());
    }
    Result<Query> record =
        db.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    if (!record.ok()) return record.status();
    CHORUS_RETURN_IF_ERROR(record->BindInt(m.version).BindText(m.name).BindInt(now_ms).Run());
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<int64_t>> AppliedMigrations(Connection& db) {
  Result<std::string> exists = db.QueryText(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists.ok()) return exists.status();
  std::vector<int64_t> versions;
  if (exists->empty()) return versions;
  Result<Query> q = db.Prepare("SELECT version FROM schema_migrations ORDER BY version");
  if (!q.ok()) return q.status();
  while (true) {
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    versions.push_back(q->Int(0));
  }
  return versions;
}

Status ApplyMigrations(Connection& db, std::span<const Migration> migrations, int64_t now_ms) {
  CHORUS_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status status = ApplyPending(db, migrations, now_ms);
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok() && db.InTransaction()) (void)db.Exec("ROLLBACK");
  return status;
}

}  // namespace chorus::store::sqlite
