// SQLite-specific tests: the durability settings are in effect and enforced (security
// catalogue entry 3), migrations are recorded once and survive reopening, an acknowledged write
// is on disk after closing (entries 1-2 in miniature), and the file stays sound under
// concurrent writers (integrity_check).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <thread>

#include "core/clock.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"
#include "tests/store/sqlite_backend.h"

namespace chorus::store::conformance {
namespace {

using sqlite::Connection;
using sqlite::SqliteStore;

// A plain connection to the test's database, outside the store.
std::unique_ptr<Connection> RawConnection(const SqliteBackend& backend) {
  return Must(Connection::Open(backend.options().path, SQLITE_OPEN_READWRITE), "raw open");
}

int64_t CountRows(Connection& db, const char* sql) {
  return std::stoll(Must(db.QueryText(sql), sql));
}

domain::User Annotator(const std::string& name) {
  domain::User u;
  u.email = name + "@example.org";
  u.display_name = name;
  u.created_at = NowUnixMillis();
  return u;
}

TEST(SqliteStoreTest, DurabilityPragmasAreInEffectOnEveryConnection) {
  SqliteBackend backend;
  auto store = Must(backend.OpenSqlite());
  for (bool writer : {true, false}) {
    SCOPED_TRACE(writer ? "writer" : "reader");
    EXPECT_EQ(Must(store->Pragma("journal_mode", writer)), "wal");
    EXPECT_EQ(Must(store->Pragma("synchronous", writer)), "2");  // FULL
    EXPECT_EQ(Must(store->Pragma("foreign_keys", writer)), "1");
    EXPECT_EQ(Must(store->Pragma("busy_timeout", writer)), "5000");
    EXPECT_EQ(Must(store->Pragma("query_only", writer)), writer ? "0" : "1");
  }
  EXPECT_EQ(store->Pragma("cache_size; DROP TABLE users", true).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SqliteStoreTest, RefusesADatabaseThatCannotUseWal) {
  sqlite::SqliteOptions options;
  options.path = ":memory:";
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("journal_mode"), std::string::npos);
}

TEST(SqliteStoreTest, MigrationsApplyOnceAndSurviveReopen) {
  SqliteBackend backend;
  const size_t embedded = sqlite::EmbeddedMigrations().size();
  ASSERT_GE(embedded, 1u);
  int64_t user_id = 0;
  {
    auto store = Must(backend.OpenSqlite());
    user_id = Must(store->users().Create(Annotator("ann"))).id;
  }
  for (int reopen = 0; reopen < 2; ++reopen) {
    auto store = Must(backend.OpenSqlite());
    EXPECT_EQ(Must(store->users().Get(user_id)).email, "ann@example.org");
  }
  auto raw = RawConnection(backend);
  std::vector<int64_t> applied = Must(sqlite::AppliedMigrations(*raw));
  std::vector<int64_t> expected;
  for (const sqlite::Migration& m : sqlite::EmbeddedMigrations()) expected.push_back(m.version);
  EXPECT_EQ(applied, expected);
  EXPECT_EQ(CountRows(*raw, "SELECT COUNT(*) FROM schema_migrations"),
            static_cast<int64_t>(embedded));
}

// A database labelled before migration 0007 gets its tasks' taken slots counted from the
// labels and reservations already there, so distribution goes on where it stood.
TEST(SqliteStoreTest, TaskSlotsAreBackfilledFromExistingLabels) {
  SqliteBackend backend;
  auto raw =
      Must(Connection::Open(backend.options().path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  const auto all = sqlite::EmbeddedMigrations();
  auto before = std::find_if(all.begin(), all.end(), [](const auto& m) { return m.version >= 7; });
  ASSERT_TRUE(sqlite::ApplyMigrations(*raw, {all.begin(), before}, 0).ok());
  ASSERT_TRUE(raw->Exec("INSERT INTO users (id, email, display_name, role, tier, created_at) "
                        "VALUES (1, 'a@x', 'a', 'annotator', 'crowd', 0), "
                        "(2, 'b@x', 'b', 'annotator', 'crowd', 0);"
                        "INSERT INTO projects (id, name, overlap, created_by, created_at) "
                        "VALUES (1, 'p', 2, 1, 0);"
                        "INSERT INTO tasks (id, project_id, data, created_at) "
                        "VALUES (1, 1, '{}', 0), (2, 1, '{}', 0), (3, 1, '{}', 0);"
                        "INSERT INTO annotations (task_id, project_id, annotator_id, result, "
                        "state, source, created_at, updated_at) VALUES "
                        "(1, 1, 1, '{}', 'submitted', 'human', 0, 0), "
                        "(1, 1, 2, '{}', 'submitted', 'human', 0, 0), "
                        "(2, 1, 1, '{}', 'skipped', 'human', 0, 0), "
                        "(3, 1, 1, '{}', 'submitted', 'human', 0, 0);"
                        "INSERT INTO reservations VALUES (3, 2, 1, 9e15);")
                  .ok());
  ASSERT_TRUE(sqlite::ApplyMigrations(*raw, all, 0).ok());
  EXPECT_EQ(Must(raw->QueryText("SELECT group_concat(id || ':' || taken || ':' || is_open, ' ') "
                                "FROM (SELECT * FROM tasks ORDER BY id)")),
            "1:2:0 2:0:1 3:2:0");
}

// Tasks stored before migration 0011 get the content key the importer computes, so importing
// the same content again still finds them; hashes that share a key stay distinct tasks.
TEST(SqliteStoreTest, ContentKeysAreBackfilledSoOldTasksStillDeduplicate) {
  SqliteBackend backend;
  {
    auto raw =
        Must(Connection::Open(backend.options().path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    const auto all = sqlite::EmbeddedMigrations();
    auto before =
        std::find_if(all.begin(), all.end(), [](const auto& m) { return m.version >= 11; });
    ASSERT_TRUE(sqlite::ApplyMigrations(*raw, {all.begin(), before}, 0).ok());
    ASSERT_TRUE(raw->Exec("INSERT INTO users (id, email, display_name, role, tier, created_at) "
                          "VALUES (1, 'a@x', 'a', 'manager', 'crowd', 0);"
                          "INSERT INTO projects (id, name, overlap, created_by, created_at) "
                          "VALUES (1, 'p', 1, 1, 0);"
                          "INSERT INTO tasks (id, project_id, content_hash, data, created_at) "
                          "VALUES (1, 1, '0123456789abcdef0000', '{\"a\":1}', 0), "
                          "(2, 1, 'fedcba9876543210ffff', '{\"a\":2}', 0), "
                          "(3, 1, 'not hex!', '{\"a\":3}', 0);")
                    .ok());
  }
  auto store = Must(backend.OpenSqlite());
  std::vector<domain::Task> again;
  for (const char* hash : {"0123456789abcdef0000", "fedcba9876543210ffff", "not hex!",
                           "0123456789abcdef1111"}) {  // The last shares the first's key.
    domain::Task task;
    task.content_hash = hash;
    task.data = "{}";
    again.push_back(task);
  }
  InsertTasksReport report = Must(store->tasks().InsertBatch(1, again));
  EXPECT_EQ(report.inserted, 1);
  ASSERT_EQ(report.duplicates.size(), 3u);
  EXPECT_EQ(report.task_ids, (std::vector<int64_t>{1, 2, 3, 4}));
}

// A database made before migration 0010 keeps its people on their projects: each creator, and
// everyone who labelled in a project, become its members; nobody else does.
TEST(SqliteStoreTest, ProjectMembersAreBackfilledFromCreatorsAndLabellers) {
  SqliteBackend backend;
  auto raw =
      Must(Connection::Open(backend.options().path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  const auto all = sqlite::EmbeddedMigrations();
  auto before = std::find_if(all.begin(), all.end(), [](const auto& m) { return m.version >= 10; });
  ASSERT_TRUE(sqlite::ApplyMigrations(*raw, {all.begin(), before}, 0).ok());
  ASSERT_TRUE(raw->Exec("INSERT INTO users (id, email, display_name, role, tier, created_at) "
                        "VALUES (1, 'm@x', 'm', 'manager', 'crowd', 0), "
                        "(2, 'a@x', 'a', 'annotator', 'crowd', 0), "
                        "(3, 'b@x', 'b', 'annotator', 'crowd', 0);"
                        "INSERT INTO projects (id, name, overlap, created_by, created_at) "
                        "VALUES (1, 'p', 2, 1, 10), (2, 'q', 2, 1, 20);"
                        "INSERT INTO tasks (id, project_id, data, created_at) "
                        "VALUES (1, 1, '{}', 0), (2, 1, '{}', 0);"
                        "INSERT INTO annotations (task_id, project_id, annotator_id, result, "
                        "state, source, created_at, updated_at) VALUES "
                        "(1, 1, 2, '{}', 'submitted', 'human', 50, 50), "
                        "(2, 1, 2, '{}', 'skipped', 'human', 40, 40), "
                        "(1, 1, 1, '{}', 'submitted', 'human', 60, 60);")
                  .ok());
  ASSERT_TRUE(sqlite::ApplyMigrations(*raw, all, 0).ok());
  EXPECT_EQ(
      Must(raw->QueryText("SELECT group_concat(project_id || ':' || user_id || ':' || "
                          "coalesce(added_by, '-') || ':' || added_at, ' ') FROM (SELECT * FROM "
                          "project_members ORDER BY project_id, user_id)")),
      "1:1:1:10 1:2:-:40 2:1:1:20");
}

TEST(SqliteStoreTest, RefusesASchemaFromANewerBinary) {
  SqliteBackend backend;
  { Must(backend.OpenSqlite()); }
  {
    auto raw = RawConnection(backend);
    ASSERT_TRUE(raw->Exec("INSERT INTO schema_migrations VALUES (9999, '9999_future', 0)").ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = backend.OpenSqlite();
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
}

TEST(SqliteStoreTest, MigrationsAreAllOrNothing) {
  SqliteBackend backend;
  auto raw =
      Must(Connection::Open(backend.options().path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  const sqlite::Migration broken[] = {
      {1, "0001_create_a", "CREATE TABLE a (x INTEGER)"},
      {2, "0002_break_things", "CREATE TABLE a (y INTEGER)"},  // Already exists: fails.
  };
  EXPECT_FALSE(sqlite::ApplyMigrations(*raw, broken, 0).ok());
  EXPECT_EQ(CountRows(*raw, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'a'"), 0);
  EXPECT_TRUE(Must(sqlite::AppliedMigrations(*raw)).empty());
}

TEST(SqliteStoreTest, AcknowledgedWritesAreThereAfterReopen) {
  SqliteBackend backend;
  domain::Annotation acknowledged;
  {
    auto store = Must(backend.OpenSqlite());
    int64_t owner = Must(store->users().Create(Annotator("owner"))).id;
    int64_t ann = Must(store->users().Create(Annotator("ann"))).id;
    domain::Project p;
    p.name = "p";
    p.created_by = owner;
    int64_t project = Must(store->projects().Create(p)).id;
    domain::Task t;
    t.data = R"({"text":"hello"})";
    int64_t task = Must(store->tasks().InsertBatch(project, {t})).task_ids[0];
    domain::Annotation a;
    a.project_id = project;
    a.task_id = task;
    a.annotator_id = ann;
    a.result = R"({"label":"greeting"})";
    a.idempotency_key = "once";
    acknowledged = Must(store->annotations().Submit(a)).annotation;
  }  // Closed; the WAL file may still hold the commit, which reopening must replay.
  auto store = Must(backend.OpenSqlite());
  EXPECT_EQ(Must(store->annotations().Get(acknowledged.id)), acknowledged);
  auto raw = RawConnection(backend);
  EXPECT_EQ(CountRows(*raw, "SELECT COUNT(*) FROM annotations"), 1);
}

TEST(SqliteStoreTest, IntegrityCheckIsOkAfterConcurrentWrites) {
  SqliteBackend backend;
  auto store = Must(backend.OpenSqlite());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        (void)store->users().Create(Annotator("u" + std::to_string(t) + "_" + std::to_string(i)));
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(Must(store->users().List({0, 1000})).items.size(), 200u);
  EXPECT_GE(store->batches_committed(), 1u);
  EXPECT_EQ(Must(store->IntegrityCheck()), "ok");
}

TEST(SqliteStoreTest, ABusyDatabaseIsUnavailableNotAnInternalError) {
  SqliteBackend backend;
  sqlite::SqliteOptions options = backend.options();
  options.busy_timeout_ms = 50;
  auto store = Must(SqliteStore::Open(options));
  // Another process holds the write lock (catalogue entry 7).
  auto other = RawConnection(backend);
  ASSERT_TRUE(other->Exec("BEGIN IMMEDIATE").ok());
  Result<domain::User> blocked = store->users().Create(Annotator("ann"));
  EXPECT_EQ(blocked.status().code(), StatusCode::kUnavailable);
  ASSERT_TRUE(other->Exec("ROLLBACK").ok());
  EXPECT_TRUE(store->users().Create(Annotator("ann")).ok());
}

}  // namespace
}  // namespace chorus::store::conformance
