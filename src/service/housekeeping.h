// Housekeeping: the clean-up a running server does in the background, once at start and then
// every interval. Today it deletes login sessions that expired: they are refused already, and
// without this the sessions table would keep every session ever opened.
// Thread-safety: RunOnce may be called from any thread; the background thread stops (and is
// joined) in the destructor, promptly even mid-interval.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "core/status.h"
#include "store/store.h"

namespace chorus::service {

struct HousekeepingOptions {
  int64_t interval_ms = 3'600'000;  // Between two rounds; the first runs at once.
};

struct HousekeepingRound {
  int64_t expired_sessions = 0;  // Deleted in this round.
};

class Housekeeping {
 public:
  // Starts the background thread. REQUIRES: `store` outlives this object.
  Housekeeping(store::Store& store, std::function<int64_t()> now_ms,
               HousekeepingOptions options = {});
  ~Housekeeping();
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  // One round, now. A failed step is retried at the next round.
  Result<HousekeepingRound> RunOnce();
  // Rounds the background thread has finished (for tests and diagnostics).
  int64_t rounds() const;

 private:
  void Loop(std::stop_token stop);

  store::Store& store_;
  std::function<int64_t()> now_ms_;
  HousekeepingOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  int64_t rounds_ = 0;
  std::jthread thread_;  // Last: started once everything above exists, stopped first.
};

}  // namespace chorus::service
