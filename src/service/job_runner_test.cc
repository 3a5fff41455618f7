// The job runner's view of what is still running (what `chorus serve` names when a shutdown
// cancels background jobs), and cancelling: by request, and by destroying the runner.
#include "service/job_runner.h"

#include <gtest/gtest.h>

#include <atomic>
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

// Work that stops at its first check after a cancel, giving up after ten seconds (the test
// then fails instead of hanging); `stopped` says whether it saw the cancel.
Status WaitForCancel(JobProgress& progress, std::atomic<bool>& stopped) {
  for (int i = 0; i < 10'000; ++i) {
    if (Status cancel = progress.CheckCancel(); !cancel.ok()) {
      stopped = true;
      return cancel;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return Status::Ok();
}

Job WaitUntilEnded(const JobRunner& runner, int64_t id) {
  for (int i = 0; i < 10'000 && runner.Get(id)->state == JobState::kRunning; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return *runner.Get(id);
}

TEST(JobRunnerTest, ACancelledJobStopsAtItsNextCheckAndSaysWhy) {
  JobRunner runner([] { return int64_t{1000}; });
  std::atomic<bool> stopped = false;
  auto job = runner.Start(
      Job{}, [&](JobProgress& progress, Job&) { return WaitForCancel(progress, stopped); });
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  auto asked = runner.Cancel(job->id, "cancelled by its owner");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_TRUE(asked->cancel_requested);
  EXPECT_TRUE(
      runner.Cancel(job->id, "asked again").ok());  // Twice is fine; the first reason stays.
  const Job ended = WaitUntilEnded(runner, job->id);
  EXPECT_TRUE(stopped);
  EXPECT_EQ(ended.state, JobState::kCancelled);
  EXPECT_STREQ(JobStateName(ended.state), "cancelled");
  EXPECT_EQ(ended.error, "cancelled by its owner");
  EXPECT_NE(ended.finished_at, 0);
  EXPECT_TRUE(runner.Running().empty());
  // Once ended there is nothing to cancel; an unknown job is not found.
  const Status again = runner.Cancel(job->id, "too late").status();
  EXPECT_EQ(again.code(), StatusCode::kConflict);
  EXPECT_NE(again.message().find("already ended (cancelled)"), std::string::npos)
      << again.message();
  EXPECT_EQ(runner.Cancel(job->id + 1, "nobody").status().code(), StatusCode::kNotFound);
}

TEST(JobRunnerTest, WorkThatFinishesDespiteACancelSucceeds) {
  JobRunner runner([] { return int64_t{1000}; });
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto job = runner.Start(Job{}, [&](JobProgress&, Job& result) {
    released.wait();
    result.file_path = "/the/result";
    return Status::Ok();  // Never looked at the cancel: the result is whole.
  });
  ASSERT_TRUE(job.ok());
  ASSERT_TRUE(runner.Cancel(job->id, "cancelled by its owner").ok());
  release.set_value();
  const Job ended = WaitUntilEnded(runner, job->id);
  EXPECT_EQ(ended.state, JobState::kSucceeded);
  EXPECT_EQ(ended.file_path, "/the/result");
  EXPECT_EQ(ended.error, "");
}

TEST(JobRunnerTest, DestroyingTheRunnerCancelsRunningJobs) {
  std::atomic<bool> stopped = false;
  {
    JobRunner runner([] { return int64_t{1000}; });
    auto job = runner.Start(
        Job{}, [&](JobProgress& progress, Job&) { return WaitForCancel(progress, stopped); });
    ASSERT_TRUE(job.ok());
  }  // Without the cancel, this would wait the full ten seconds and `stopped` stay false.
  EXPECT_TRUE(stopped);
}

}  // namespace
}  // namespace chorus::service
