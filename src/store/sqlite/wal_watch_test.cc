// Security catalogue entry 9, checkpoint starvation: a reader that keeps one snapshot while
// the writer goes on (here an outside connection in a read transaction, as a long export in
// one transaction or a sqlite3 shell would be) stops SQLite from starting the WAL over, and
// the WAL grows with every commit. The store says so once, past the alert size, says when the
// WAL starts over after the reader ends, gives the disk space back, and says it again on the
// next episode. Sizes are scaled down (64-page checkpoints, a 1 MiB alert) so the test writes
// a few megabytes.
#include "store/sqlite/wal_watch.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace chorus::store::sqlite {
namespace {

constexpr int64_t kMib = 1024 * 1024;

class WalWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chorus-wal-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    options_.path = (dir_ / "chorus.db").string();
    options_.wal.checkpoint_pages = 64;
    options_.wal.alert_bytes = kMib;
    options_.wal.alert = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex_);
      said_.push_back(line);
    };
    auto opened = SqliteStore::Open(options_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // `n` commits of about 8 KiB each (two pages or more in the WAL).
  void Write(int n) {
    for (int i = 0; i < n; ++i) {
      domain::AuditEvent event;
      event.action = "test.write";
      event.entity = "test";
      event.entity_id = i;
      event.after = "\"" + std::string(8000, 'x') + "\"";
      event.at = 1;
      ASSERT_TRUE(store_->audit().Append(event).ok());
    }
  }
  int64_t WalBytes() const {
    return static_cast<int64_t>(std::filesystem::file_size(options_.path + "-wal"));
  }
  std::vector<std::string> Said() {
    std::lock_guard<std::mutex> lock(mutex_);
    return said_;
  }

  // An outside connection that reads in a transaction and so keeps its snapshot until closed.
  struct HeldReader {
    explicit HeldReader(const std::string& path) {
      EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
      EXPECT_EQ(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
      EXPECT_EQ(sqlite3_exec(db, "SELECT COUNT(*) FROM audit_events", nullptr, nullptr, nullptr),
                SQLITE_OK);
    }
    ~HeldReader() {
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
      sqlite3_close(db);
    }
    sqlite3* db = nullptr;
  };

  std::filesystem::path dir_;
  SqliteOptions options_;
  std::unique_ptr<SqliteStore> store_;
  std::mutex mutex_;
  std::vector<std::string> said_;
};

TEST_F(WalWatchTest, CheckpointsKeepTheWalNearTheirSizeWhileNoReaderHoldsIt) {
  Write(300);                       // About 2.4 MiB written.
  EXPECT_LT(WalBytes(), kMib / 2);  // 64 pages (256 KiB) and the commit that reached them.
  EXPECT_TRUE(Said().empty());
}

TEST_F(WalWatchTest, AHeldSnapshotIsReportedOnceAndTheWalShrinksWhenItEnds) {
  {
    HeldReader reader(options_.path);
    Write(300);
    EXPECT_GT(WalBytes(), 2 * kMib);  // Nothing could start it over.
    const std::vector<std::string> said = Said();
    ASSERT_EQ(said.size(), 1u);
    EXPECT_NE(said[0].find("past 1 MiB"), std::string::npos) << said[0];
    EXPECT_NE(said[0].find("reader holding an old snapshot"), std::string::npos) << said[0];
  }
  Write(100);  // A checkpoint copies everything; the next commit starts the WAL over.
  EXPECT_LE(WalBytes(), kMib / 2);  // Truncated back to the checkpoint size.
  ASSERT_EQ(Said().size(), 2u);
  EXPECT_NE(Said()[1].find("started over"), std::string::npos) << Said()[1];

  HeldReader again(options_.path);
  Write(300);
  EXPECT_EQ(Said().size(), 3u);  // Re-armed: the second episode is reported too.
}

}  // namespace
}  // namespace chorus::store::sqlite
