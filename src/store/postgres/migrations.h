// Numbered schema migrations for PostgreSQL: src/store/postgres/migrations/NNNN_verb_noun.sql,
// embedded into the binary at build time by cmake/embed_migrations.cmake (the same step as the
// SQLite backend's), so the server needs no files at run time.
//
// ApplyMigrations runs, in one transaction that first takes pg_advisory_xact_lock(kMigrationLock),
// every embedded migration whose version is not in schema_migrations, in version order, and
// records each one. Two processes starting together on an empty database therefore migrate
// once: the second waits for the lock, then finds everything applied (catalogue entry 16).
// PostgreSQL DDL is transactional, so either all pending migrations apply or none do.
// Thread-safety: any number of processes and threads may call it at once.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/migration.h"
#include "store/postgres/connection.h"

namespace chorus::store::postgres {

using store::Migration;

// The advisory lock key that serialises migrations ("chorus" in ASCII, then 1).
inline constexpr int64_t kMigrationLock = 0x63686f7275730001;

// The migrations compiled into this binary, in version order (generated).
std::span<const Migration> EmbeddedMigrations();

// Applies the pending ones of `migrations` at time `now_ms` on `db` (outside a transaction).
// kFailedPrecondition when the database records a version this binary does not know.
// REQUIRES: `migrations` sorted by version, versions unique; `db` not in a transaction.
Status ApplyMigrations(Connection& db, std::span<const Migration> migrations, int64_t now_ms);

// The versions recorded in schema_migrations, ascending (empty for a new database).
Result<std::vector<int64_t>> AppliedMigrations(Connection& db);

}  // namespace chorus::store::postgres
