// The PostgreSQL server the tests use, found or started once per test binary:
//   1. CHORUS_TEST_PG_URL, when set: a URL of a database on a server the tests may create and
//      drop databases on (e.g. postgresql://postgres@127.0.0.1:5432/postgres);
//   2. CHORUS_TEST_PG_STATE, set by ctest (the pg_cluster fixture in tests/CMakeLists.txt ran
//      scripts/pg_test_cluster.sh start into that directory): its url file, or its
//      unavailable file when the server binaries are missing;
//   3. otherwise scripts/pg_test_cluster.sh starts a throwaway cluster on first use and stops
//      it when the binary exits.
// Each test then works in a database of its own (TestDatabase), dropped at the end.
// Thread-safety: AdminUrl and Unavailable may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "store/postgres/connection.h"

namespace chorus::store::conformance {

// "" when a server is available, else why not (naming scripts/setup.sh), for GTEST_SKIP.
std::string PgUnavailable();
// The URL of the server's maintenance database. REQUIRES: PgUnavailable() is "".
std::string PgAdminUrl();
// `url` with its database name replaced by `database`.
std::string WithDatabase(const std::string& url, const std::string& database);
// The scripts/pg_test_cluster.sh of this source tree.
std::string PgClusterScript();

// A fresh, empty database on the test server; dropped (connections closed) at the end.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }
  // A connection to it outside any store (for inspection and setup).
  std::unique_ptr<postgres::Connection> Connect() const;

 private:
  std::string name_;
  std::string url_;
};

}  // namespace chorus::store::conformance
