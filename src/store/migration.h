// A numbered schema migration, and which of them a database still needs. Shared by the
// SQLite and PostgreSQL backends, whose runners differ only in how they lock and execute.
// Thread-safety: value types and pure functions.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus::store {

struct Migration {
  int64_t version;        // NNNN from the file name; strictly increasing.
  std::string_view name;  // The file name without ".sql", e.g. "0001_create_users".
  std::string_view sql;   // The file's text.
};

// The migrations not yet applied, in version order. kFailedPrecondition when the database has
// a version this binary does not know (a newer chorus migrated it).
// REQUIRES: `applied` is sorted.
inline Result<std::vector<Migration>> PendingMigrations(std::span<const int64_t> applied,
                                                        std::span<const Migration> migrations) {
  for (int64_t version : applied) {
    const bool known = std::any_of(migrations.begin(), migrations.end(),
                                   [&](const Migration& m) { return m.version == version; });
    if (!known) {
      return Status{StatusCode::kFailedPrecondition,
                    "the database has schema migration " + std::to_string(version) +
                        ", which this chorus binary does not know; run the newer chorus that "
                        "created it, or restore a backup"};
    }
  }
  std::vector<Migration> pending;
  for (const Migration& m : migrations) {
    if (!std::binary_search(applied.begin(), applied.end(), m.version)) pending.push_back(m);
  }
  return pending;
}

}  // namespace chorus::store
