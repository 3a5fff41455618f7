// The job runner's view of what is still running: what `chorus serve` names when a shutdown
// has to wait for background jobs.
#include "service/job_runner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

namespace chorus::service {
namespace {

TEST(JobRunnerTest, RunningListsTheJobsNotYetEndedWithTheirProgress) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> reported;
  JobRunner runner([] { return int64_t{1000}; });
  // Lets the slow job end before the runner joins it, whether or not an assertion failed.
  struct Releaser {
    std::promise<void>& release;
    ~Releaser() { release.set_value(); }
  } releaser{release};
  Job import;
  import.kind = "import";
  import.project_id = 7;
  auto slow = runner.Start(import, [&](JobProgress& progress, Job&) {
    progress.SetTotal(10);
    progress.SetDone(4);
    reported.set_value();
    released.wait();
    return Status::Ok();
  });
  ASSERT_TRUE(slow.ok()) << slow.status().ToString();
  auto quick = runner.Start(Job{}, [](JobProgress&, Job&) { return Status::Ok(); });
  ASSERT_TRUE(quick.ok());
  reported.get_future().wait();
  for (int i = 0; i < 1000 && runner.Get(quick->id)->state == JobState::kRunning; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  const std::vector<Job> running = runner.Running();
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0].id, slow->id);
  EXPECT_EQ(running[0].kind, "import");
  EXPECT_EQ(running[0].project_id, 7);
  EXPECT_EQ(running[0].done, 4);
  EXPECT_EQ(running[0].total, 10);
}

}  // namespace
}  // namespace chorus::service
