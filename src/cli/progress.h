// Progress: reports long reads on stderr so a user knows the command is alive.
//
// Silent for the first two seconds (most commands finish before that); then, on a terminal,
// one line rewritten in place; elsewhere (logs, CI), one line per tenth of the input.
// Thread-safety: not thread-safe; call from the reading thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace chorus::cli {

class Progress {
 public:
  Progress(std::ostream& err, std::string what, bool is_terminal);
  ~Progress();

  // bytes_total is 0 when unknown (stdin).
  void Update(uint64_t bytes_done, uint64_t bytes_total);

 private:
  std::ostream& err_;
  std::string what_;
  bool is_terminal_;
  std::chrono::steady_clock::time_point start_;
  bool shown_ = false;
  int last_tenth_ = -1;
};

}  // namespace chorus::cli
