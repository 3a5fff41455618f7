// The SQLite backend for the conformance suite and the SQLite-specific tests: one temporary
// directory per test, holding chorus.db (and its -wal and -shm files), removed at the end.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {

class SqliteBackend : public StoreBackend {
 public:
  SqliteBackend();
  ~SqliteBackend() override;

  Result<std::unique_ptr<Store>> Open() override;
  Result<std::unique_ptr<sqlite::SqliteStore>> OpenSqlite();

  sqlite::SqliteOptions options() const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace chorus::store::conformance
