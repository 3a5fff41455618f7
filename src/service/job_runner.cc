#include "service/job_runner.h"

namespace chorus::service {

struct JobRunner::Entry : JobProgress {
  mutable std::mutex mutex;
  Job job;                          // Guarded by mutex.
  std::atomic<bool> ended = false;  // The thread is done and may be joined.

  void SetTotal(int64_t total) override {
    std::lock_guard lock(mutex);
    job.total = total;
  }
  void SetDone(int64_t done) override {
    std::lock_guard lock(mutex);
    job.done = done;
  }
  Status CheckCancel() const override {
    std::lock_guard lock(mutex);
    return job.cancel_requested ? Status(StatusCode::kFailedPrecondition, cancel_reason)
                                : Status::Ok();
  }

  // Asks a running job to stop, saying `why`; the first reason asked for stays. Holds mutex.
  void RequestCancelLocked(const std::string& why) {
    if (job.state != JobState::kRunning || job.cancel_requested) return;
    job.cancel_requested = true;
    cancel_reason = why;
  }

  std::string cancel_reason;  // Guarded by mutex.
};

const char* JobStateName(JobState state) {
  switch (state) {
    case JobState::kRunning: return "running";
    case JobState::kSucceeded: return "succeeded";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: return "cancelled";
  }
  return "failed";
}

JobRunner::JobRunner(std::function<int64_t()> now, size_t max_running)
    : now_(std::move(now)), max_running_(max_running) {}

JobRunner::~JobRunner() {
  std::vector<std::pair<std::shared_ptr<Entry>, std::thread>> threads;
  {
    std::lock_guard lock(mutex_);
    threads.swap(threads_);
  }
  for (auto& [entry, thread] : threads) {
    std::lock_guard lock(entry->mutex);
    entry->RequestCancelLocked("cancelled because the server shut down");
  }
  for (auto& [entry, thread] : threads) thread.join();
}

std::vector<Job> JobRunner::Running() const {
  std::vector<Job> running;
  std::lock_guard lock(mutex_);
  for (const auto& [id, entry] : jobs_) {
    std::lock_guard entry_lock(entry->mutex);
    if (entry->job.state == JobState::kRunning) running.push_back(entry->job);
  }
  return running;
}

Result<Job> JobRunner::Start(Job job, Work work) {
  auto entry = std::make_shared<Entry>();
  std::lock_guard lock(mutex_);
  for (auto it = threads_.begin(); it != threads_.end();) {
    if (it->first->ended) {
      it->second.join();
      it = threads_.erase(it);
    } else {
      ++it;
    }
  }
  if (running_ >= max_running_) {
    return Status(StatusCode::kResourceExhausted,
                  std::to_string(running_) +
                      " background jobs are running, the most this server runs at once; "
                      "wait for one to finish and start yours again");
  }
  job.id = next_id_++;
  job.state = JobState::kRunning;
  job.created_at = now_();
  entry->job = job;
  jobs_[job.id] = entry;
  ++running_;
  threads_.emplace_back(
      entry, std::thread([this, entry, work = std::move(work)] {
        Job result;
        {
          std::lock_guard lock(entry->mutex);
          result = entry->job;
        }
        Status status;
        try {
          status = work(*entry, result);
        } catch (const std::exception& e) {
          status = Internal(std::string("the job stopped on an unexpected error: ") + e.what());
        }
        {
          std::lock_guard lock(entry->mutex);
          Job& job = entry->job;
          // Work that finished before noticing the cancel has succeeded all the same.
          job.state = status.ok()            ? JobState::kSucceeded
                      : job.cancel_requested ? JobState::kCancelled
                                             : JobState::kFailed;
          job.error = status.ok() ? "" : status.message();
          job.finished_at = now_();
          if (status.ok()) {
            job.file_path = result.file_path;
            job.content_type = result.content_type;
            job.file_name = result.file_name;
          }
          job.manifest = result.manifest;  // A failed job may say what went wrong there.
        }
        {
          std::lock_guard lock(mutex_);
          --running_;
        }
        entry->ended = true;
      }));
  return job;
}

Result<Job> JobRunner::Cancel(int64_t id, const std::string& why) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return NotFound("there is no job " + std::to_string(id), "job");
    entry = it->second;
  }
  std::lock_guard lock(entry->mutex);
  Job& job = entry->job;
  if (job.state != JobState::kRunning) {
    return Status(StatusCode::kConflict,
                  "job " + std::to_string(id) + " has already ended (" + JobStateName(job.state) +
                      "); there is nothing to cancel",
                  "job");
  }
  entry->RequestCancelLocked(why);
  return job;
}

std::optional<Job> JobRunner::Get(int64_t id) const {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    entry = it->second;
  }
  std::lock_guard lock(entry->mutex);
  return entry->job;
}

}  // namespace chorus::service
