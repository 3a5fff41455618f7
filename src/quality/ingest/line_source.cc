#include "quality/ingest/line_source.h"

#include <fmt/format.h>

#include <cstring>

namespace chorus::quality {

LineSource::LineSource(std::unique_ptr<ByteSource> source, size_t chunk_size, size_t padding,
                       size_t max_line_bytes)
    : window_(std::move(source), chunk_size, padding), max_line_bytes_(max_line_bytes) {}

std::string LineSource::Location(uint64_t line, uint64_t column) const {
  return fmt::format("{}:{}:{}", name(), line, column);
}

Result<bool> LineSource::Next() {
  if (!started_) {
    started_ = true;
    while (window_.size() < 3 && !window_.at_eof()) CHORUS_RETURN_IF_ERROR(window_.Fill());
    const std::string_view head(window_.data(), std::min<size_t>(window_.size(), 3));
    if (head.starts_with("\xEF\xBB\xBF")) window_.Consume(3);
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
      return InvalidArgument("the file is UTF-16 encoded; save it as UTF-8", Location(1, 1));
    }
  }
  window_.Consume(consumed_);
  consumed_ = 0;
  size_t scanned = 0;  // Bytes already searched for LF, kept across refills.
  while (true) {
    const char* data = window_.data();
    const void* lf = scanned < window_.size()
                         ? std::memchr(data + scanned, '\n', window_.size() - scanned)
                         : nullptr;
    size_t length = 0;
    if (lf != nullptr) {
      length = static_cast<size_t>(static_cast<const char*>(lf) - data);
      consumed_ = length + 1;
    } else if (window_.at_eof()) {
      if (window_.size() == 0) return false;
      length = consumed_ = window_.size();
    } else {
      scanned = window_.size();
      if (scanned > max_line_bytes_) {
        return InvalidArgument(
            fmt::format("line {} is longer than {} bytes; write one JSON object per line",
                        line_number_ + 1, max_line_bytes_),
            Location(line_number_ + 1, 1));
      }
      CHORUS_RETURN_IF_ERROR(window_.Fill());
      continue;
    }
    if (length > 0 && data[length - 1] == '\r') --length;
    if (length > max_line_bytes_) {
      return InvalidArgument(
          fmt::format("line {} is longer than {} bytes; write one JSON object per line",
                      line_number_ + 1, max_line_bytes_),
          Location(line_number_ + 1, 1));
    }
    ++line_number_;
    line_ = std::string_view(data, length);
    return true;
  }
}

}  // namespace chorus::quality
