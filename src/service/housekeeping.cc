#include "service/housekeeping.h"

#include <chrono>

namespace chorus::service {

Housekeeping::Housekeeping(store::Store& store, std::function<int64_t()> now_ms,
                           HousekeepingOptions options)
    : store_(store),
      now_ms_(std::move(now_ms)),
      options_(options),
      thread_([this](std::stop_token stop) { Loop(stop); }) {}

Housekeeping::~Housekeeping() {
  thread_.request_stop();  // Wakes the wait in Loop through the stop token.
}

Result<HousekeepingRound> Housekeeping::RunOnce() {
  HousekeepingRound round;
  auto expired = store_.auth().DeleteExpiredSessions(now_ms_());
  if (!expired.ok()) return expired.status();
  round.expired_sessions = *expired;
  return round;
}

int64_t Housekeeping::rounds() const {
  std::lock_guard lock(mutex_);
  return rounds_;
}

void Housekeeping::Loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    (void)RunOnce();  // A failure (database busy, disk full) is retried next round.
    std::unique_lock lock(mutex_);
    ++rounds_;
    wake_.wait_for(lock, stop, std::chrono::milliseconds(options_.interval_ms),
                   [] { return false; });
  }
}

}  // namespace chorus::service
