// Numbered schema migrations: src/store/migrations/NNNN_verb_noun.sql, embedded into the
// binary at build time (cmake/embed_migrations.cmake generates EmbeddedMigrations()), so the
// server needs no files at run time.
//
// ApplyMigrations runs, in one BEGIN IMMEDIATE transaction, every embedded migration whose
// version is not yet in the schema_migrations table, in version order, and records each one;
// either all pending migrations apply or none do. Running it again applies nothing.
// Thread-safety: call once at open, before the writer thread starts.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/migration.h"
#include "store/sqlite/connection.h"

namespace chorus::store::sqlite {

using store::Migration;

// The migrations compiled into this binary, in version order (generated).
std::span<const Migration> EmbeddedMigrations();

// Applies the pending ones of `migrations` at time `now_ms`. kFailedPrecondition when the
// database records a version this binary does not know (it was migrated by a newer Chorus).
// REQUIRES: `migrations` sorted by version, versions unique.
Status ApplyMigrations(Connection& db, std::span<const Migration> migrations, int64_t now_ms);

// The versions recorded in schema_migrations, ascending (empty for a new database).
Result<std::vector<int64_t>> AppliedMigrations(Connection& db);

}  // namespace chorus::store::sqlite
