// The PostgreSQL backend for the conformance suite and the PostgreSQL-specific tests: one fresh
// database per test on the test server (pg_test_cluster.h), dropped at the end.
#pragma once

#include <memory>

#include "store/postgres/postgres_store.h"
#include "tests/store/pg_test_cluster.h"
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {

class PostgresBackend : public StoreBackend {
 public:
  Result<std::unique_ptr<Store>> Open() override;
  Result<std::unique_ptr<postgres::PostgresStore>> OpenPostgres();

  postgres::PostgresOptions options() const;
  TestDatabase& database() { return database_; }

 private:
  TestDatabase database_;
};

}  // namespace chorus::store::conformance
