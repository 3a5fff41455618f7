// ProgressTicker: calls a reader's progress callback at most once per 4 MiB read, and once
// at the end, so the command line can show progress without slowing the read down.
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <functional>

#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

class ProgressTicker {
 public:
  static constexpr uint64_t kEveryBytes = uint64_t{4} << 20;

  explicit ProgressTicker(const std::function<void(const ReadProgress&)>& callback)
      : callback_(callback) {}

  // Whether Tick would report at this many bytes: one comparison, cheap for every record.
  bool Due(uint64_t bytes_read) const { return bytes_read >= next_at_; }
  void Tick(uint64_t bytes_read, uint64_t total_bytes, uint64_t lines) {
    if (bytes_read < next_at_ || !callback_) return;
    next_at_ = bytes_read + kEveryBytes;
    callback_(ReadProgress{bytes_read, total_bytes, lines});
  }
  void Done(uint64_t bytes_read, uint64_t total_bytes, uint64_t lines) {
    if (callback_) callback_(ReadProgress{bytes_read, total_bytes, lines});
  }

 private:
  const std::function<void(const ReadProgress&)>& callback_;
  uint64_t next_at_ = kEveryBytes;
};

}  // namespace chorus::quality
