#include "tests/store/postgres_backend.h"

#include <memory>

namespace chorus::store::conformance {

postgres::PostgresOptions PostgresBackend::options() const {
  postgres::PostgresOptions options;
  options.url = database_.url();
  return options;
}

Result<std::unique_ptr<postgres::PostgresStore>> PostgresBackend::OpenPostgres() {
  return postgres::PostgresStore::Open(options());
}

Result<std::unique_ptr<Store>> PostgresBackend::Open() {
  Result<std::unique_ptr<postgres::PostgresStore>> store = OpenPostgres();
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

namespace {

BackendParam PostgresParam() {
  return {"Postgres", [] { return std::make_unique<PostgresBackend>(); }, PgUnavailable};
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformanceTest, ::testing::Values(PostgresParam()),
                         BackendName);

}  // namespace chorus::store::conformance
