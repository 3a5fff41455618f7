// What a client sees when SQLite cannot write: another process holds the write lock (security
// catalogue entry 7) or the disk is full (entries 4 and 6). Each answers 503 with Retry-After and
// a message saying what to do, never a 500; reads keep working; nothing is half-written; the
// same request succeeds once the cause is gone, without a restart. SQLite only: PostgreSQL
// waits on its locks, and its full WAL disk (entry 5) needs a server of its own.
#include <sqlite3.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// A raw connection to the store's file, as an outside `sqlite3` process would open it.
class OutsideConnection {
 public:
  explicit OutsideConnection(const std::filesystem::path& db) {
    EXPECT_EQ(sqlite3_open(db.c_str(), &db_), SQLITE_OK);
  }
  ~OutsideConnection() { sqlite3_close(db_); }
  int Exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }
  std::string IntegrityCheck() {
    sqlite3_stmt* statement = nullptr;
    std::string result;
    if (sqlite3_prepare_v2(db_, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return result;
  }

 private:
  sqlite3* db_ = nullptr;
};

// A refusal the client should retry: 503, Retry-After, the unavailable code and a message
// containing `says`.
void ExpectRetryLater(const ClientResponse& response, const std::string& says) {
  EXPECT_EQ(response.status, 503) << response.body;
  EXPECT_EQ(response.Header("Retry-After").value_or(""), "1");
  const json error = response.Json()["error"];
  EXPECT_EQ(error["code"], "unavailable");
  EXPECT_NE(error["message"].get<std::string>().find(says), std::string::npos) << error;
}

class StoreFaultsApiTest : public AppApiTest {};

// Catalogue 7: an outside process holds BEGIN IMMEDIATE. The submission waits busy_timeout
// (5 s), then gets 503; reads go on meanwhile; after the lock goes the retry stores it once.
TEST_P(StoreFaultsApiTest, ALockedDatabaseAnswers503WithRetryAfterAndLosesNothing) {
  const int64_t project = MakeProject(1, 3);
  const Client annotator = Login("annotator1@example.org");
  const int64_t task = TakeNext(annotator, project);
  ASSERT_NE(task, 0);

  OutsideConnection outside(dir_ / "chorus.db");
  ASSERT_EQ(outside.Exec("BEGIN IMMEDIATE"), SQLITE_OK);
  ExpectRetryLater(annotator.Post(AnnotationsPath(task), ChoiceAnswer("positive", "locked-1")),
                   "busy");
  // WAL readers do not need the write lock.
  EXPECT_EQ(admin_->Call("GET", "/api/v1/projects/" + std::to_string(project)).status, 200);
  ASSERT_EQ(outside.Exec("ROLLBACK"), SQLITE_OK);

  const ClientResponse stored =
      annotator.Post(AnnotationsPath(task), ChoiceAnswer("positive", "locked-1"));
  ASSERT_EQ(stored.status, 201) << stored.body;
  const ClientResponse labels = admin_->Call("GET", AnnotationsPath(task));
  ASSERT_EQ(labels.status, 200) << labels.body;
  EXPECT_EQ(labels.Json()["annotations"].size(), 1u);
  EXPECT_EQ(outside.IntegrityCheck(), "ok");
}

// The store on a 4 MiB tmpfs of its own, so a test can fill the disk under it. Needs the
// right to mount (root in a container, as in CI); skipped with the reason otherwise.
class DiskFullApiTest : public AppApiTest {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name) c = c == '/' ? '-' : c;
    mount_ = std::filesystem::temp_directory_path() /
             ("chorus-disk-full-" + std::to_string(getpid()) + "-" + name);
    std::filesystem::create_directories(mount_);
    if (mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=4m,mode=0700") != 0) {
      const std::string why = std::strerror(errno);
      std::filesystem::remove(mount_);
      mount_.clear();
      GTEST_SKIP() << "cannot mount a small tmpfs to fill (" << why
                   << "); catalogue entries 4 and 6 need root";
    }
    store_dir_ = mount_ / "data";
    AppApiTest::SetUp();
  }

  void TearDown() override {
    AppApiTest::TearDown();
    if (mount_.empty()) return;
    umount2(mount_.c_str(), MNT_DETACH);
    std::filesystem::remove(mount_);
  }

  // Writes a file until the disk refuses another byte.
  void FillTheDisk() {
    std::ofstream filler(Filler(), std::ios::binary);
    const std::string block(64 * 1024, 'x');
    while (filler.write(block.data(), block.size())) filler.flush();
    std::ofstream last(Filler().string() + ".tail", std::ios::binary);
    while (last.put('x')) last.flush();
  }

  void FreeTheDisk() {
    std::filesystem::remove(Filler());
    std::filesystem::remove(Filler().string() + ".tail");
  }

  std::filesystem::path Filler() const { return mount_ / "filler"; }

  std::filesystem::path mount_;
};

// Catalogue 4: a submission on a full disk gets 503 saying so; reads keep working; after space
// is freed the same request is stored once, without a restart, and the file is sound.
TEST_P(DiskFullApiTest, ASubmissionOnAFullDiskIsRefusedAndSucceedsOnceSpaceIsFreed) {
  const int64_t project = MakeProject(1, 3);
  const Client annotator = Login("annotator1@example.org");
  const int64_t task = TakeNext(annotator, project);
  ASSERT_NE(task, 0);

  FillTheDisk();
  ExpectRetryLater(annotator.Post(AnnotationsPath(task), ChoiceAnswer("positive", "full-1")),
                   "disk");
  EXPECT_EQ(annotator.Call("GET", "/api/v1/me").status, 200);
  EXPECT_EQ(admin_->Call("GET", AnnotationsPath(task)).Json()["annotations"].size(), 0u);

  FreeTheDisk();
  const ClientResponse stored =
      annotator.Post(AnnotationsPath(task), ChoiceAnswer("positive", "full-1"));
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(admin_->Call("GET", AnnotationsPath(task)).Json()["annotations"].size(), 1u);
  EXPECT_EQ(OutsideConnection(store_dir_ / "chorus.db").IntegrityCheck(), "ok");
}

// Catalogue 6: an import that meets a full disk stores nothing, leaves no spooled upload behind
// and says what to do; the same file imports whole once space is freed.
TEST_P(DiskFullApiTest, AnImportOnAFullDiskStoresNothingAndLeavesNoTemporaryFile) {
  const int64_t project = MakeProject(1, 0);
  std::string jsonl;
  for (int i = 0; i < 2000; ++i) {
    jsonl += json({{"text",
                    "a review long enough to need pages of its own, number " + std::to_string(i)}})
                 .dump() +
             "\n";
  }
  const std::string imports = "/api/v1/projects/" + std::to_string(project) + "/imports";
  const std::string read = "/api/v1/projects/" + std::to_string(project);

  FillTheDisk();
  ExpectRetryLater(admin_->Call("POST", imports, jsonl, "application/x-ndjson"), "disk");
  EXPECT_EQ(admin_->Call("GET", read).Json()["task_count"], 0);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "uploads"));

  FreeTheDisk();
  const ClientResponse imported = admin_->Call("POST", imports, jsonl, "application/x-ndjson");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["inserted"], 2000);
  EXPECT_EQ(admin_->Call("GET", read).Json()["task_count"], 2000);
  EXPECT_EQ(OutsideConnection(store_dir_ / "chorus.db").IntegrityCheck(), "ok");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreFaultsApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Sqlite, DiskFullApiTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace chorus::app
