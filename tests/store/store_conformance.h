// The store conformance suite: TEST_Ps written against the store interfaces only, run once per
// backend. A backend joins by providing a BackendParam and instantiating the suite
// (INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ...) in sqlite_backend.cc, and
// Postgres in postgres_backend.cc). Each test gets a fresh, empty database.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace chorus::store::conformance {

// One test's database: created empty by the factory, opened (and reopened) by Open.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;  // Removes the database.
  virtual Result<std::unique_ptr<Store>> Open() = 0;
};

struct BackendParam {
  std::string name;  // Test-name suffix: "Sqlite".
  std::function<std::unique_ptr<StoreBackend>()> make;
  // Why the backend cannot run here ("" when it can): the tests are skipped with this reason
  // (PostgreSQL when its server binaries are missing). Unset: always available.
  std::function<std::string()> unavailable;
};

// Shown by gtest instead of the parameter's bytes.
inline void PrintTo(const BackendParam& param, std::ostream* os) { *os << param.name; }

// The value of `result`, or a test failure (thrown, so gtest reports it) naming `what`.
template <typename R>
auto Must(R result, const std::string& what = "store call") {
  if (!result.ok()) throw std::runtime_error(what + " failed: " + result.status().ToString());
  return std::move(result).value();
}

class StoreConformanceTest : public ::testing::TestWithParam<BackendParam> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Store& store() { return *store_; }
  // Closes the store and opens the same database again.
  void Reopen();

  // Creates an annotator (or another role) with a unique email derived from `name`.
  domain::User AddUser(const std::string& name, domain::Role role = domain::Role::kAnnotator);
  domain::Project AddProject(int64_t created_by, int64_t overlap = 3);
  // Inserts `count` tasks with priorities from `priorities` (0 when shorter) and returns ids.
  std::vector<int64_t> AddTasks(int64_t project_id, size_t count,
                                const std::vector<int64_t>& priorities = {});
  // A submitted human annotation of `task_id` by `annotator_id` with idempotency key `key`.
  domain::Annotation MakeAnnotation(int64_t project_id, int64_t task_id, int64_t annotator_id,
                                    const std::string& key);

  // How a race of submissions ended: accepted, refused with kConflict, anything else.
  struct SubmitRace {
    int accepted = 0, refused = 0, other = 0;
  };
  // Every one of `annotators` submits to `task` at the same instant (a barrier, one thread
  // each), capped at `cap` labels (catalogue entry 10).
  SubmitRace SubmitAllAtOnce(int64_t project_id, int64_t task_id,
                             const std::vector<int64_t>& annotators, int64_t cap);

  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

// A reservation request (store/task_store.h) at a fixed time, held for a minute.
inline constexpr int64_t kReserveNow = 1'700'000'000'000;
inline constexpr int64_t kReserveTtl = 60'000;
inline ReserveRequest Ask(int64_t project, int64_t annotator, int64_t overlap,
                          int64_t now = kReserveNow) {
  ReserveRequest r;
  r.project_id = project;
  r.annotator_id = annotator;
  r.overlap = overlap;
  r.ttl_ms = kReserveTtl;
  r.now_ms = now;
  return r;
}

// A user owner@example.org and a project "p" of theirs taking `overlap` labels per task, for
// tests on a store of their own.
struct OwnedProject {
  domain::User owner;
  domain::Project project;
};
inline OwnedProject MakeOwnedProject(Store& store, int64_t overlap) {
  OwnedProject out;
  out.owner.email = "owner@example.org";
  out.owner.display_name = "owner";
  out.owner.created_at = 1;
  out.owner = Must(store.users().Create(out.owner));
  out.project.name = "p";
  out.project.overlap = overlap;
  out.project.created_by = out.owner.id;
  out.project.created_at = 1;
  out.project = Must(store.projects().Create(out.project));
  return out;
}

// Names a parameterised test after its backend.
std::string BackendName(const ::testing::TestParamInfo<BackendParam>& info);

}  // namespace chorus::store::conformance
