#include "store/postgres/migrations.h"

#include <algorithm>
#include <string>

namespace chorus::store::postgres {

namespace {

Status ApplyPending(Connection& db, std::span<const Migration> migrations, int64_t now_ms) {
  // Everything below waits here while another process migrates.
  Result<Rows> locked =
      db.Exec("SELECT pg_advisory_xact_lock($1::bigint)", Params().Int(kMigrationLock));
  if (!locked.ok()) return locked.status();
  CHORUS_RETURN_IF_ERROR(
      db.ExecFixed("CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  Result<std::vector<int64_t>> applied = AppliedMigrations(db);
  if (!applied.ok()) return applied.status();
  Result<std::vector<Migration>> pending = PendingMigrations(*applied, migrations);
  if (!pending.ok()) return pending.status();
  for (const Migration& m : *pending) {
    // Embedded SQL from the source tree, never user input.
    std::string sql(m.sql);
    Status status = db.ExecFixed(sql.c_str());
    if (!status.ok()) {
      return Internal("schema migration " + std::string(m.name) + " failed: " + status.message());
    }
    Result<Rows> recorded =
        db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                Params().Int(m.version).Text(m.name).Int(now_ms));
    if (!recorded.ok()) return recorded.status();
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<int64_t>> AppliedMigrations(Connection& db) {
  Result<Rows> exists = db.Exec("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists.ok()) return exists.status();
  std::vector<int64_t> versions;
  if (!exists->Bool(0, 0)) return versions;
  Result<Rows> rows = db.Exec("SELECT version FROM schema_migrations ORDER BY version");
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i) versions.push_back(rows->Int(i, 0));
  return versions;
}

Status ApplyMigrations(Connection& db, std::span<const Migration> migrations, int64_t now_ms) {
  CHORUS_RETURN_IF_ERROR(db.ExecFixed("BEGIN"));
  Status status = ApplyPending(db, migrations, now_ms);
  if (status.ok()) status = db.ExecFixed("COMMIT");
  if (!status.ok() && db.healthy() && db.InTransaction()) (void)db.ExecFixed("ROLLBACK");
  return status;
}

}  // namespace chorus::store::postgres
