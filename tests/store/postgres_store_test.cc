// PostgreSQL-specific tests: two stores opening an empty database at once migrate exactly once
// under the advisory lock (security catalogue entry 16); the startup checks refuse fsync=off and
// synchronous_commit=off (entry 3); serialization failures are retried, then reported as
// kUnavailable (entry 13); ReserveNextTask skips a task another transaction has locked
// (SKIP LOCKED) instead of waiting, and two stores on one database (two server processes) never
// exceed the overlap together; the pool reconnects after the server closed its connections; URL
// parameters override connection defaults; a newer schema and an unreachable server are refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/postgres/migrations.h"
#include "store/postgres/pool.h"
#include "tests/store/postgres_backend.h"

namespace chorus::store::conformance {
namespace {

using postgres::Connection;
using postgres::Params;
using postgres::PostgresStore;

#define SKIP_WITHOUT_POSTGRES()            \
  do {                                     \
    std::string why = PgUnavailable();     \
    if (!why.empty()) GTEST_SKIP() << why; \
  } while (false)

std::vector<int64_t> EmbeddedVersions() {
  std::vector<int64_t> versions;
  for (const postgres::Migration& m : postgres::EmbeddedMigrations()) {
    versions.push_back(m.version);
  }
  return versions;
}

int64_t QueryInt(Connection& db, const char* sql) { return Must(db.Exec(sql), sql).Int(0, 0); }

TEST(PostgresStoreTest, ConcurrentOpensOnAnEmptyDatabaseMigrateOnce) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  // Hold the migration lock so both stores are surely inside ApplyMigrations together.
  std::unique_ptr<Connection> holder = backend.database().Connect();
  Must(holder->Exec("SELECT pg_advisory_lock($1::bigint)", Params().Int(postgres::kMigrationLock)));
  Result<std::unique_ptr<PostgresStore>> first = Status(StatusCode::kInternal, "not run");
  Result<std::unique_ptr<PostgresStore>> second = Status(StatusCode::kInternal, "not run");
  std::thread a([&] { first = backend.OpenPostgres(); });
  std::thread b([&] { second = backend.OpenPostgres(); });
  // Both wait on the advisory lock: two ungranted advisory locks in this database.
  std::unique_ptr<Connection> watcher = backend.database().Connect();
  int64_t waiting = 0;
  for (int i = 0; i < 600 && waiting < 2; ++i) {
    waiting = QueryInt(*watcher,
                       "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                       "AND database = (SELECT oid FROM pg_database "
                       "WHERE datname = current_database())");
    if (waiting < 2) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(waiting, 2);
  // Nothing was created while the lock was held.
  EXPECT_EQ(QueryInt(*watcher, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'users'"), 0);
  Must(holder->Exec("SELECT pg_advisory_unlock($1::bigint)",
                    Params().Int(postgres::kMigrationLock)));
  a.join();
  b.join();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(Must((*first)->AppliedMigrations()), EmbeddedVersions());
  // Recorded once each (the primary key would have failed the second migrator otherwise, but
  // count anyway), and the schema works.
  EXPECT_EQ(QueryInt(*watcher, "SELECT COUNT(*) FROM schema_migrations"),
            static_cast<int64_t>(EmbeddedVersions().size()));
  domain::User user;
  user.email = "a@example.org";
  user.display_name = "a";
  user.created_at = 1;
  EXPECT_TRUE((*second)->users().Create(user).ok());
  EXPECT_EQ(Must((*first)->users().GetByEmail("a@example.org")).display_name, "a");
}

TEST(PostgresStoreTest, ManyStoresStartingTogetherAllSucceed) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  constexpr int kStores = 6;
  std::vector<Result<std::unique_ptr<PostgresStore>>> stores;
  stores.reserve(kStores);
  for (int i = 0; i < kStores; ++i) stores.emplace_back(Status(StatusCode::kInternal, "not run"));
  std::vector<std::thread> threads;
  threads.reserve(kStores);
  for (int i = 0; i < kStores; ++i) {
    threads.emplace_back([&, i] { stores[i] = backend.OpenPostgres(); });
  }
  for (std::thread& t : threads) t.join();
  for (auto& store : stores) {
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(Must(store.value()->AppliedMigrations()), EmbeddedVersions());
  }
}

TEST(PostgresStoreTest, ReopeningAppliesNothingAndKeepsData) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  auto store = Must(backend.OpenPostgres());
  domain::User user;
  user.email = "b@example.org";
  user.display_name = "b";
  user.created_at = 1;
  int64_t id = Must(store->users().Create(user)).id;
  store.reset();
  store = Must(backend.OpenPostgres(), "reopening");
  EXPECT_EQ(Must(store->AppliedMigrations()), EmbeddedVersions());
  EXPECT_EQ(Must(store->users().Get(id)).email, "b@example.org");
}

// A database made before migration 0010 keeps its people on their projects, as on SQLite:
// each creator and everyone who labelled in a project become its members; nobody else does.
TEST(PostgresStoreTest, ProjectMembersAreBackfilledFromCreatorsAndLabellers) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  auto db = backend.database().Connect();
  const auto all = postgres::EmbeddedMigrations();
  auto before = std::find_if(all.begin(), all.end(), [](const auto& m) { return m.version >= 10; });
  ASSERT_TRUE(postgres::ApplyMigrations(*db, {all.begin(), before}, 0).ok());
  ASSERT_TRUE(
      db->ExecFixed(
            "INSERT INTO users (id, email, display_name, role, tier, created_at) VALUES "
            "(1, 'm@x', 'm', 'manager', 'crowd', 0), (2, 'a@x', 'a', 'annotator', 'crowd', 0), "
            "(3, 'b@x', 'b', 'annotator', 'crowd', 0);"
            "INSERT INTO projects (id, name, overlap, created_by, created_at) "
            "VALUES (1, 'p', 2, 1, 10), (2, 'q', 2, 1, 20);"
            "INSERT INTO tasks (id, project_id, data, created_at) VALUES (1, 1, '{}', 0), (2, 1, "
            "'{}', 0);"
            "INSERT INTO annotations (task_id, project_id, annotator_id, result, state, source, "
            "created_at, updated_at) VALUES (1, 1, 2, '{}', 'submitted', 'human', 50, 50), "
            "(2, 1, 2, '{}', 'skipped', 'human', 40, 40), (1, 1, 1, '{}', 'submitted', 'human', "
            "60, 60)")
          .ok());
  ASSERT_TRUE(postgres::ApplyMigrations(*db, all, 0).ok());
  auto rows = Must(db->Exec(
      "SELECT string_agg(project_id || ':' || user_id || ':' || coalesce(added_by::text, '-') || "
      "':' || added_at, ' ' ORDER BY project_id, user_id) FROM project_members"));
  EXPECT_EQ(rows.Text(0, 0), "1:1:1:10 1:2:-:40 2:1:1:20");
}

TEST(PostgresStoreTest, RefusesANewerSchema) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  Must(backend.OpenPostgres()).reset();
  Must(backend.database().Connect()->Exec(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)"));
  auto store = backend.OpenPostgres();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("9999"), std::string::npos);
}

TEST(PostgresStoreTest, RefusesSynchronousCommitOff) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  // Generated identifier, not user input.
  std::string sql = "ALTER DATABASE " + backend.database().name() + " SET synchronous_commit = off";
  ASSERT_TRUE(backend.database().Connect()->ExecFixed(sql.c_str()).ok());
  auto store = backend.OpenPostgres();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("synchronous_commit"), std::string::npos)
      << store.status().message();
}

TEST(PostgresStoreTest, RefusesAServerWithFsyncOff) {
  SKIP_WITHOUT_POSTGRES();
  // A cluster of its own: fsync is server-wide and the shared one must keep it on.
  std::string state =
      (std::filesystem::temp_directory_path() / ("chorus_pg_nofsync_" + std::to_string(getpid())))
          .string();
  std::string start = PgClusterScript() + " start '" + state + "' -c fsync=off >/dev/null 2>&1";
  if (std::system(start.c_str()) != 0 || !std::filesystem::exists(state + "/url")) {
    std::string stop = PgClusterScript() + " stop '" + state + "' >/dev/null 2>&1";
    (void)std::system(stop.c_str());
    GTEST_SKIP() << "could not start a second PostgreSQL cluster with "
                    "scripts/pg_test_cluster.sh (needs the server binaries: scripts/setup.sh)";
  }
  std::string url;
  {
    std::ifstream in(state + "/url");
    std::getline(in, url);
  }
  postgres::PostgresOptions options;
  options.url = url;
  auto store = PostgresStore::Open(options);
  std::string stop = PgClusterScript() + " stop '" + state + "' >/dev/null 2>&1";
  (void)std::system(stop.c_str());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("fsync=off"), std::string::npos)
      << store.status().message();
}

TEST(PostgresStoreTest, UnreachableServerIsUnavailable) {
  postgres::PostgresOptions options;
  options.url = "postgresql://nobody@127.0.0.1:1/none";
  options.connect_timeout_s = 2;
  auto store = PostgresStore::Open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(PostgresStore::Open({}).status().field(), "db");
}

TEST(PostgresStoreTest, SerializationFailuresAreRetriedThenReported) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  postgres::PoolOptions options;
  options.url = backend.database().url();
  options.max_attempts = 4;
  postgres::Pool pool(options);
  // The server raises a real 40001 on the first two runs; the third commits.
  int runs = 0;
  Status status = pool.Transaction([&](Connection& db) -> Status {
    ++runs;
    if (runs <= 2) {
      return db.ExecFixed(
          "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; "
          "END $$");
    }
    return db.ExecFixed("CREATE TABLE retried (x int)");
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(runs, 3);
  // A deadlock every time: tried max_attempts times, then kUnavailable.
  runs = 0;
  status = pool.Transaction([&](Connection& db) -> Status {
    ++runs;
    return db.ExecFixed(
        "DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END $$");
  });
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(runs, 4);
  // Other errors are not retried.
  runs = 0;
  status = pool.Transaction([&](Connection& db) -> Status {
    ++runs;
    return db.ExecFixed("CREATE TABLE retried (x int)");  // exists: 42P07
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(runs, 1);
}

TEST(PostgresStoreTest, ReserveSkipsATaskLockedByAnotherTransaction) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  auto store = Must(backend.OpenPostgres());
  domain::User owner;
  owner.email = "o@example.org";
  owner.display_name = "o";
  owner.created_at = 1;
  owner = Must(store->users().Create(owner));
  domain::User annotator = owner;
  annotator.email = "a@example.org";
  annotator = Must(store->users().Create(annotator));
  domain::Project project;
  project.name = "p";
  project.label_interface = "{}";
  project.overlap = 1;
  project.created_by = owner.id;
  project.created_at = 1;
  project = Must(store->projects().Create(project));
  std::vector<domain::Task> tasks(2);
  for (size_t i = 0; i < tasks.size(); ++i) {
    tasks[i].data = R"({"text":")" + std::to_string(i) + R"("})";
    tasks[i].created_at = 1;
  }
  std::vector<int64_t> ids = Must(store->tasks().InsertBatch(project.id, tasks)).task_ids;
  // Another server process is in the middle of handing out the first task.
  std::unique_ptr<Connection> other = backend.database().Connect();
  ASSERT_TRUE(other->ExecFixed("BEGIN").ok());
  Must(other->Exec("SELECT id FROM tasks WHERE id = $1 FOR NO KEY UPDATE", Params().Int(ids[0])));
  auto next = Must(store->tasks().ReserveNextTask({project.id, annotator.id, 1, 60'000, 1000}));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->task.id, ids[1]);
  ASSERT_TRUE(other->ExecFixed("ROLLBACK").ok());
}

TEST(PostgresStoreTest, ReconnectsAfterTheServerClosedItsConnections) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  auto store = Must(backend.OpenPostgres());
  domain::User user;
  user.email = "c@example.org";
  user.display_name = "c";
  user.created_at = 1;
  int64_t id = Must(store->users().Create(user)).id;
  // Fill the pool with several idle connections, then have the server close all of them (as
  // a restart or an idle timeout would).
  std::vector<std::thread> readers;
  readers.reserve(4);
  for (int i = 0; i < 4; ++i) readers.emplace_back([&] { (void)store->users().Get(id); });
  for (std::thread& t : readers) t.join();
  std::unique_ptr<Connection> admin = backend.database().Connect();
  int64_t closed =
      Must(admin->Exec("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
          .Int(0, 0);
  EXPECT_GE(closed, 1);
  // Reads and writes go on, on new connections.
  EXPECT_EQ(Must(store->users().Get(id), "read after the server closed it").email, "c@example.org");
  user.email = "d@example.org";
  EXPECT_TRUE(store->users().Create(user).ok());
}

// The planner's statistics follow an import at once instead of a minute later, when
// autovacuum would get to them: with none, PostgreSQL took a freshly imported project for an
// empty one and the next-task query sorted all of its open tasks (136 ms at 20,000) instead
// of walking the open-task index to the first (0.1 ms).
TEST(PostgresStoreTest, AnImportRefreshesThePlannersStatistics) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  auto store = Must(backend.OpenPostgres());
  const domain::Project project = MakeOwnedProject(*store, 1).project;
  std::vector<domain::Task> tasks(5000);
  for (size_t i = 0; i < tasks.size(); ++i) {
    tasks[i].data = R"({"text":")" + std::to_string(i) + R"("})";
    tasks[i].created_at = 1;
  }
  Must(store->tasks().InsertBatch(project.id, tasks));
  std::unique_ptr<Connection> admin = backend.database().Connect();
  EXPECT_EQ(QueryInt(*admin, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'tasks'"),
            5000);
}

TEST(PostgresStoreTest, UrlParametersOverrideTheConnectionDefaults) {
  SKIP_WITHOUT_POSTGRES();
  TestDatabase database;
  auto name = [](const std::string& url) {
    auto db = Must(Connection::Open(url, 10), "connecting");
    return Must(db->Exec("SELECT current_setting('application_name')")).Text(0, 0);
  };
  EXPECT_EQ(name(database.url()), "chorus");
  char separator = database.url().find('?') == std::string::npos ? '?' : '&';
  EXPECT_EQ(name(database.url() + separator + "application_name=mine"), "mine");
}

// Several server processes on one database (what PostgreSQL is for): two stores, annotators
// split between them, all looping next -> submit at once; every task ends with exactly
// `overlap` labels and no call fails.
TEST(PostgresStoreTest, TwoStoresOnOneDatabaseNeverExceedOverlap) {
  SKIP_WITHOUT_POSTGRES();
  PostgresBackend backend;
  std::unique_ptr<PostgresStore> stores[2] = {Must(backend.OpenPostgres()),
                                              Must(backend.OpenPostgres())};
  constexpr int kTasks = 12;
  constexpr int64_t kOverlap = 2;
  constexpr int kAnnotators = 16;
  const auto [owner, project] = MakeOwnedProject(*stores[0], kOverlap);
  std::vector<domain::Task> tasks(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    tasks[i].data = R"({"text":")" + std::to_string(i) + R"("})";
    tasks[i].created_at = 1;
  }
  std::vector<int64_t> task_ids = Must(stores[0]->tasks().InsertBatch(project.id, tasks)).task_ids;
  std::vector<int64_t> annotators;
  for (int i = 0; i < kAnnotators; ++i) {
    domain::User a = owner;
    a.email = "a" + std::to_string(i) + "@example.org";
    annotators.push_back(Must(stores[i % 2]->users().Create(a)).id);
  }
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  threads.reserve(kAnnotators);
  for (int i = 0; i < kAnnotators; ++i) {
    threads.emplace_back([&, i] {
      Store& store = *stores[i % 2];
      while (true) {
        auto next = store.tasks().ReserveNextTask({project.id, annotators[i], kOverlap, 60'000, 1});
        if (!next.ok()) {
          ++errors;
          return;
        }
        if (!next->has_value()) return;
        domain::Annotation a;
        a.project_id = project.id;
        a.task_id = (*next)->task.id;
        a.annotator_id = annotators[i];
        a.result = "{}";
        a.idempotency_key = "k" + std::to_string(a.task_id);
        a.created_at = a.updated_at = 2;
        if (!store.annotations().Submit(a, {kOverlap}).ok()) {
          ++errors;
          return;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  for (int64_t task : task_ids) {
    EXPECT_EQ(Must(stores[0]->annotations().CountSubmitted(task)), kOverlap) << "task " << task;
  }
}

}  // namespace
}  // namespace chorus::store::conformance
