#include "tests/store/sqlite_backend.h"

#include <stdlib.h>

#include <memory>
#include <stdexcept>
#include <system_error>

namespace chorus::store::conformance {

SqliteBackend::SqliteBackend() {
  std::string pattern = (std::filesystem::temp_directory_path() / "chorus_store_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
}

SqliteBackend::~SqliteBackend() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

sqlite::SqliteOptions SqliteBackend::options() const {
  sqlite::SqliteOptions options;
  options.path = (dir_ / "chorus.db").string();
  return options;
}

Result<std::unique_ptr<sqlite::SqliteStore>> SqliteBackend::OpenSqlite() {
  return sqlite::SqliteStore::Open(options());
}

Result<std::unique_ptr<Store>> SqliteBackend::Open() {
  Result<std::unique_ptr<sqlite::SqliteStore>> store = OpenSqlite();
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

namespace {

BackendParam SqliteParam() {
  return {"Sqlite", [] { return std::make_unique<SqliteBackend>(); }, /*unavailable=*/{}};
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ::testing::Values(SqliteParam()),
                         BackendName);

}  // namespace chorus::store::conformance
