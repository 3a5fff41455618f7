#include "service/housekeeping.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

int64_t AddUser(store::Store& store) {
  domain::User user;
  user.email = "ann@example.org";
  user.display_name = "ann";
  auto created = store.users().Create(user);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  return created.ok() ? created->id : 0;
}

TEST(HousekeepingTest, DeletesExpiredSessionsAndKeepsLiveOnes) {
  ScratchStore store;
  const int64_t ann = AddUser(*store);
  std::atomic<int64_t> now{50};
  ASSERT_TRUE(store->auth().CreateSession({"old", ann, "c", 1, 100}).ok());
  ASSERT_TRUE(store->auth().CreateSession({"live", ann, "c", 1, 1000}).ok());
  HousekeepingOptions options;
  options.interval_ms = 3'600'000;  // Only the first round runs on its own in this test.
  Housekeeping housekeeping(
      *store, [&] { return now.load(); }, options);
  now = 500;
  auto round = housekeeping.RunOnce();
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  EXPECT_EQ(round->expired_sessions, 1);
  EXPECT_TRUE(store->auth().GetSession("live", 500).ok());
  EXPECT_EQ(housekeeping.RunOnce()->expired_sessions, 0);
}

// The first round runs at start; a long interval never delays shutdown.
TEST(HousekeepingTest, RunsAtStartAndStopsMidInterval) {
  ScratchStore store;
  const int64_t ann = AddUser(*store);
  ASSERT_TRUE(store->auth().CreateSession({"old", ann, "c", 1, 100}).ok());
  {
    Housekeeping housekeeping(*store, [] { return int64_t{1000}; });  // One hour apart.
    for (int i = 0; i < 2000 && housekeeping.rounds() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(housekeeping.rounds(), 1);
  }  // Joins here: this test would hang for an hour if the wait ignored the stop request.
  EXPECT_EQ(store->auth().DeleteExpiredSessions(1000).value(), 0);  // Already gone.
}

}  // namespace
}  // namespace chorus::service
