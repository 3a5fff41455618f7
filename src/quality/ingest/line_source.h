// LineSource: the physical lines of a byte stream, read in fixed-size chunks (for JSONL).
//
// Lines end at LF or CRLF (a lone CR is left in the line: JSON treats it as blank space).
// A UTF-8 byte order mark at the start is dropped; UTF-16 input and lines longer than the
// limit are errors with field "NAME:LINE:COLUMN". Each line is a view into the read buffer,
// valid until the next call, with `padding` more readable bytes after it (simdjson needs them).
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/csv_reader.h"
#include "core/status.h"

namespace chorus::quality {

class LineSource {
 public:
  // REQUIRES: chunk_size > 0.
  LineSource(std::unique_ptr<ByteSource> source, size_t chunk_size, size_t padding,
             size_t max_line_bytes);

  // Moves to the next line: true when line() holds it, false at the end of the input.
  Result<bool> Next();
  // The current line without its line ending.
  std::string_view line() const { return line_; }
  // The 1-based number of the current line.
  uint64_t line_number() const { return line_number_; }
  // Readable bytes from line().data(): at least line().size() + padding.
  size_t readable_from_line() const { return window_.capacity_from_data(); }

  uint64_t bytes_read() const { return window_.bytes_read(); }
  // Bytes of input before the next line.
  uint64_t offset() const { return window_.bytes_read() - window_.size() + consumed_; }
  uint64_t total_bytes() const { return window_.total_bytes(); }
  const std::string& name() const { return window_.name(); }
  std::string Location(uint64_t line, uint64_t column) const;

 private:
  InputWindow window_;
  size_t max_line_bytes_;
  std::string_view line_;
  size_t consumed_ = 0;
  uint64_t line_number_ = 0;
  bool started_ = false;
};

}  // namespace chorus::quality
