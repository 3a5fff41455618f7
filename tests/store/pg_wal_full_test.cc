// Security catalogue entry 5: the disk holding PostgreSQL's WAL fills up under writers. The
// server PANICs, fails its crash recovery for want of space and shuts down ("If the disk
// holding the WAL files grows full, database server panic and consequent shutdown might
// occur", PostgreSQL manual, "Disk Full Failure"). The store must never report success for a
// write the server did not flush, answer kUnavailable (503 over HTTP) while the server is
// down, and carry on by itself once an operator has made room and restarted it, with every
// acknowledged write there exactly once and the unacknowledged ones safe to retry by key.
//
// The cluster is one of its own (scripts/pg_test_cluster.sh --waldir) with its WAL on a 40 MiB
// tmpfs that the test mounts (root only: skipped with the reason otherwise) and later grows,
// as an operator would add space.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/postgres_store.h"
#include "tests/store/pg_test_cluster.h"
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using postgres::PostgresStore;

class PgWalDiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = PgUnavailable(); !why.empty()) GTEST_SKIP() << why;
    const std::string id = std::to_string(getpid());
    mount_ = std::filesystem::temp_directory_path() / ("chorus-pg-wal-" + id);
    state_ = std::filesystem::temp_directory_path() / ("chorus-pg-wal-state-" + id);
    std::filesystem::create_directories(mount_);
    if (mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=40m,mode=0777") != 0) {
      const std::string why = std::strerror(errno);
      std::filesystem::remove(mount_);
      mount_.clear();
      GTEST_SKIP() << "cannot mount a small tmpfs for the WAL (" << why
                   << "); this test needs root, as in CI";
    }
    if (!Script("start", "--waldir '" + (mount_ / "wal").string() + "'")) {
      GTEST_FAIL() << "scripts/pg_test_cluster.sh could not start a cluster with its WAL on "
                   << mount_;
    }
    std::ifstream in(state_ / "url");
    std::getline(in, url_);
  }
  void TearDown() override {
    Script("stop");
    if (mount_.empty()) return;
    umount2(mount_.c_str(), MNT_DETACH);
    std::filesystem::remove(mount_);
  }

  bool Script(const std::string& command, const std::string& args = "") {
    const std::string line = PgClusterScript() + " " + command + " '" + state_.string() + "' " +
                             args + " >/dev/null 2>&1";
    return std::system(line.c_str()) == 0;
  }

  std::filesystem::path mount_, state_;
  std::string url_;
};

TEST_F(PgWalDiskFullTest, NothingUnflushedIsAcknowledgedAndWritesResumeOnceThereIsRoom) {
  postgres::PostgresOptions options;
  options.url = url_;
  options.connect_timeout_s = 2;
  std::unique_ptr<PostgresStore> store = Must(PostgresStore::Open(options));
  constexpr int64_t kOneLabelFromEachWriter = 4;
  const auto [owner, project] = MakeOwnedProject(*store, kOneLabelFromEachWriter);
  constexpr int kTasks = 8000, kWriters = 4;
  std::vector<domain::Task> tasks(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    tasks[i].data = R"({"text":")" + std::to_string(i) + R"("})";
    tasks[i].created_at = 1;
  }
  const std::vector<int64_t> task_ids =
      Must(store->tasks().InsertBatch(project.id, tasks)).task_ids;
  std::vector<int64_t> writers;
  for (int i = 0; i < kWriters; ++i) {
    domain::User a = owner;
    a.email = "w" + std::to_string(i) + "@example.org";
    writers.push_back(Must(store->users().Create(a)).id);
  }
  // Writer w answers task i under key "w-i" with 1,500 random hex digits (which PostgreSQL
  // cannot compress away), until a write fails.
  auto answer = [&](int w, int i) {
    domain::Annotation a;
    a.project_id = project.id;
    a.task_id = task_ids[i];
    a.annotator_id = writers[w];
    std::mt19937_64 random(static_cast<uint64_t>(w) << 32 | static_cast<uint64_t>(i));
    std::string note(1500, '0');
    for (char& c : note) c = "0123456789abcdef"[random() % 16];
    a.result = R"({"note":")" + note + R"("})";
    a.idempotency_key = std::to_string(w) + "-" + std::to_string(i);
    a.created_at = a.updated_at = 2;
    return a;
  };
  std::mutex mutex;
  std::set<std::string> acknowledged;
  std::vector<std::pair<int, int>> unanswered;  // (writer, task index) of failed writes.
  std::vector<Status> failures;
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kTasks && !failed; ++i) {
        auto stored = store->annotations().Submit(answer(w, i), {});
        std::lock_guard<std::mutex> lock(mutex);
        if (stored.ok()) {
          acknowledged.insert(stored->annotation.idempotency_key);
        } else {
          failures.push_back(stored.status());
          unanswered.emplace_back(w, i);
          failed = true;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(failed) << "the 40 MiB of WAL never filled";
  ASSERT_GT(acknowledged.size(), 1000u);
  for (const Status& s : failures) {
    EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  }
  // The server is down (it could not finish recovery without space): reads say so too.
  const auto down = store->users().Get(owner.id);
  EXPECT_EQ(down.status().code(), StatusCode::kUnavailable) << down.status().ToString();

  // The operator makes room and starts the server; the same store carries on by itself.
  ASSERT_EQ(mount(nullptr, mount_.c_str(), nullptr, MS_REMOUNT, "size=256m"), 0)
      << std::strerror(errno);
  ASSERT_TRUE(Script("restart"));
  for (const auto& [w, i] : unanswered) {
    auto retried = store->annotations().Submit(answer(w, i), {});
    for (int attempt = 0; !retried.ok() && attempt < 50; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      retried = store->annotations().Submit(answer(w, i), {});
    }
    ASSERT_TRUE(retried.ok()) << retried.status().ToString();
    acknowledged.insert(retried->annotation.idempotency_key);
  }
  auto check = Must(postgres::Connection::Open(url_, 5));
  const postgres::Rows rows = Must(check->Exec("SELECT idempotency_key FROM annotations"));
  std::multiset<std::string> stored;
  for (int r = 0; r < rows.size(); ++r) stored.insert(rows.Text(r, 0));
  EXPECT_EQ(stored.size(), acknowledged.size());  // Nothing acknowledged is missing or doubled.
  for (const std::string& key : acknowledged) EXPECT_EQ(stored.count(key), 1u) << key;
}

}  // namespace
}  // namespace chorus::store::conformance
