// Background jobs: work too long for one HTTP request (exports of large projects) runs on its
// own thread while the caller polls its progress (catalogue entry 84: large exports run as
// background jobs, downloadable when done).
//
// Jobs live in memory: a restart forgets them (their files are removed at start, see
// app/serve.cc), so a client that loses its job simply starts another. At most
// `max_running` jobs run at once; more are refused with kResourceExhausted. A running job can
// be cancelled: its work stops at its next safe point (between pages or batches, never in the
// middle of a write) and the job ends as kCancelled; destroying the runner cancels every
// running job, so a shutdown does not wait for long work to finish.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/status.h"

namespace chorus::service {

enum class JobState { kRunning, kSucceeded, kFailed, kCancelled };
const char* JobStateName(JobState state);  // "running", "succeeded", "failed", "cancelled".

struct Job {
  int64_t id = 0;
  std::string kind;  // "export".
  int64_t owner_id = 0;
  int64_t project_id = 0;
  JobState state = JobState::kRunning;
  int64_t done = 0;   // Units of work done (tasks), for progress.
  int64_t total = 0;  // Units expected; 0 when unknown.
  std::string error;  // Why it failed (kFailed) or what a cancel left behind (kCancelled).
  bool cancel_requested = false;  // Asked to stop; still kRunning until the work notices.
  int64_t created_at = 0;
  int64_t finished_at = 0;
  // Set by the work when it succeeds: the file to download and how to describe it.
  std::string file_path;
  std::string content_type;
  std::string file_name;  // Suggested name for the download.
  std::string manifest;   // JSON text describing the file (counts, size, checksum).
};

// What a job's work may report while it runs.
class JobProgress {
 public:
  virtual ~JobProgress() = default;
  virtual void SetTotal(int64_t total) = 0;
  virtual void SetDone(int64_t done) = 0;
  // Ok while the job may go on; once it was cancelled, the status the work should return at
  // its next safe point (after saying in it what it left behind, if anything).
  virtual Status CheckCancel() const = 0;
};

class JobRunner {
 public:
  // The work: reports progress and, on success, fills in the result fields of `result`
  // (file_path, content_type, file_name, manifest). A non-ok status fails the job, or cancels
  // it once a cancel was asked for; its manifest is kept, so a failed job can describe what
  // went wrong (an import's bad records).
  using Work = std::function<Status(JobProgress& progress, Job& result)>;

  explicit JobRunner(std::function<int64_t()> now, size_t max_running = 2);
  ~JobRunner();  // Cancels running jobs and waits for them to end.
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Starts `work` on its own thread; returns the job as it starts. `job` gives kind, owner and
  // project. kResourceExhausted when max_running jobs are running.
  Result<Job> Start(Job job, Work work);
  // A copy of the job's current state, or nullopt for an unknown id.
  std::optional<Job> Get(int64_t id) const;
  // Copies of the jobs still running, oldest first (what a shutdown waits for).
  std::vector<Job> Running() const;
  // Asks job `id` to stop, saying `why` ("cancelled by its owner"); returns the job, still
  // kRunning with cancel_requested set. Asking twice is fine. kNotFound for an unknown id;
  // kConflict for a job that has already ended (the cancel lost the race).
  Result<Job> Cancel(int64_t id, const std::string& why);

 private:
  struct Entry;
  std::function<int64_t()> now_;
  const size_t max_running_;
  mutable std::mutex mutex_;
  std::map<int64_t, std::shared_ptr<Entry>> jobs_;  // Guarded by mutex_.
  int64_t next_id_ = 1;                             // Guarded by mutex_.
  size_t running_ = 0;                              // Guarded by mutex_.
  // One per job not yet joined; finished ones are joined by the next Start. Guarded by mutex_.
  std::vector<std::pair<std::shared_ptr<Entry>, std::thread>> threads_;
};

}  // namespace chorus::service
