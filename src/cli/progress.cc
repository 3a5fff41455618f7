#include "cli/progress.h"

#include <fmt/format.h>

namespace chorus::cli {
namespace {

constexpr auto kQuietPeriod = std::chrono::seconds(2);

std::string Megabytes(uint64_t bytes) { return fmt::format("{:.0f} MB", bytes / 1e6); }

}  // namespace

Progress::Progress(std::ostream& err, std::string what, bool is_terminal)
    : err_(err),
      what_(std::move(what)),
      is_terminal_(is_terminal),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (shown_ && is_terminal_) err_ << '\n';
}

void Progress::Update(uint64_t bytes_done, uint64_t bytes_total) {
  if (std::chrono::steady_clock::now() - start_ < kQuietPeriod) return;
  const int tenth = bytes_total ? static_cast<int>(10 * bytes_done / bytes_total) : -1;
  if (!is_terminal_ && shown_ && tenth == last_tenth_) return;
  if (!is_terminal_ && bytes_total == 0 && shown_) return;
  last_tenth_ = tenth;
  const std::string line =
      bytes_total ? fmt::format("{}: {:.0f}% ({} of {})", what_, 100.0 * bytes_done / bytes_total,
                                Megabytes(bytes_done), Megabytes(bytes_total))
                  : fmt::format("{}: {} read", what_, Megabytes(bytes_done));
  err_ << (is_terminal_ ? "\r" + line : line + "\n") << std::flush;
  shown_ = true;
}

}  // namespace chorus::cli
