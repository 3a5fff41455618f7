// Streaming CSV/TSV reading per RFC 4180 (Shafranovich, 2005, "Common Format and MIME Type for
// Comma-Separated Values (CSV) Files", section 2), for files of any size.
//
// Three layers, each usable alone:
//   ByteSource   a stream of bytes (a file, standard input, or memory);
//   InputWindow  a sliding buffer over a ByteSource, read in fixed-size chunks, so memory is
//                bounded by the chunk size plus the longest record, never by the file size;
//   CsvReader    pulls one record at a time out of an InputWindow; each field is a view into
//                the buffer (no per-field allocation) that stays valid until the next record.
//                Field ends are found 8 bytes at a time with Mycroft's zero-byte test (see
//                Anderson, "Bit Twiddling Hacks", "Determine if a word has a zero byte").
//
// Accepted syntax (RFC 4180 section 2, with the usual relaxations):
//   - fields separated by a configurable one-byte delimiter (',' or '\t');
//   - a field that starts with '"' is quoted: it ends at the next lone '"', may contain the
//     delimiter, CR and LF, and writes a '"' as '""';
//   - records end at LF, CRLF or a lone CR (outside quotes); the last one may lack an ending;
//   - a UTF-8 byte order mark at the start is dropped; empty lines produce no record.
// Rejected, with the file, line and column in Status::field() ("NAME:LINE:COLUMN", both
// 1-based; COLUMN is the byte offset in that physical line, after any byte order mark):
//   an unterminated quote, a quote inside an unquoted field, text after a closing quote,
//   NUL bytes, ill-formed UTF-8 (see core/utf8.h), UTF-16 input, and fields, records or field
//   counts over the limits in CsvOptions.
// Line numbers are physical: a record whose quoted field holds two newlines spans three lines,
// and the next record starts three lines later.
// Thread-safety: a reader or source is used by one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace chorus {

// A stream of bytes, read front to back once.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `size` next bytes into `buffer` and returns how many; 0 only at the end.
  virtual Result<size_t> Read(char* buffer, size_t size) = 0;
  // The total size in bytes when known in advance (regular files), else 0.
  virtual uint64_t total_bytes() const { return 0; }
  // How errors name this source: the path, "<stdin>" or a caller-chosen label.
  virtual const std::string& name() const = 0;
};

// Opens a file for streaming; "-" means standard input (named "<stdin>" in errors).
// Fails with kNotFound when the file does not exist, kInvalidArgument when it cannot be read.
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// Opens bytes [offset, offset + length) of a regular file, named `path` in errors; its
// total_bytes() is `length`. Readers of disjoint ranges can run on separate threads.
Result<std::unique_ptr<ByteSource>> OpenFileRange(const std::string& path, uint64_t offset,
                                                  uint64_t length);

// A source over bytes held in memory, named `name` in errors.
std::unique_ptr<ByteSource> MakeStringSource(std::string data, std::string name = "<memory>");

// A sliding window over a ByteSource: data() holds the bytes read but not yet consumed.
// REQUIRES: chunk_size > 0.
class InputWindow {
 public:
  // `padding` readable bytes are kept after the data (for parsers that read past the end).
  InputWindow(std::unique_ptr<ByteSource> source, size_t chunk_size, size_t padding = 0);

  const char* data() const { return buffer_.data() + begin_; }
  size_t size() const { return end_ - begin_; }
  // Readable bytes from data() to the end of the allocation (at least size() + padding).
  size_t capacity_from_data() const { return buffer_.size() - begin_; }
  // True once the source has reported its end: data() then holds everything that is left.
  bool at_eof() const { return eof_; }
  // Drops the first `n` bytes of data(). REQUIRES: n <= size().
  void Consume(size_t n) { begin_ += n; }
  // Reads more bytes after the unconsumed ones, which may move. Reads at least a chunk and at
  // least as much as is already unconsumed, so re-scanning a long record stays linear.
  // At the end of the source sets at_eof() instead. Invalidates pointers into data().
  Status Fill();

  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t total_bytes() const { return source_->total_bytes(); }
  const std::string& name() const { return source_->name(); }

 private:
  std::unique_ptr<ByteSource> source_;
  size_t chunk_size_;
  size_t padding_;
  std::vector<char> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  uint64_t bytes_read_ = 0;
};

// REQUIRES: the delimiter is not a quote, CR, LF or NUL.
struct CsvOptions {
  char delimiter = ',';                        // Field separator: ',' for CSV, '\t' for TSV.
  size_t chunk_size = size_t{1} << 20;         // Bytes read from the source at a time.
  size_t max_field_bytes = size_t{1} << 20;    // A longer field is an error.
  size_t max_fields = 100000;                  // A record with more fields is an error.
  size_t max_record_bytes = size_t{64} << 20;  // A longer record is an error.
  bool validate_utf8 = true;                   // Reject ill-formed UTF-8 (NUL is always rejected).
  bool at_start_of_file = true;  // Drop a byte order mark; false for a range that starts mid-file.
  uint64_t first_line = 1;       // The line number of the source's first byte.
};

// One field of a record.
struct CsvFieldView {
  std::string_view value;  // The content, quotes removed and '""' turned into '"'.
  uint64_t line = 0;       // The 1-based physical line where the field starts.
  uint32_t column = 0;     // The 1-based byte column of its first byte (its quote, if quoted).
  bool quoted = false;     // Whether the field was written in quotes.
};

// A record: its fields are views that stay valid until the reader moves on.
class CsvRecord {
 public:
  size_t size() const { return fields_.size(); }
  // REQUIRES: i < size().
  std::string_view operator[](size_t i) const { return fields_[i].value; }
  const CsvFieldView& field(size_t i) const { return fields_[i]; }
  std::span<const CsvFieldView> fields() const { return fields_; }
  // The 1-based physical line where the record starts.
  uint64_t line() const { return line_; }

 private:
  friend class CsvReader;
  std::vector<CsvFieldView> fields_;
  uint64_t line_ = 0;
};

// Pulls records from a byte source, one at a time.
class CsvReader {
 public:
  explicit CsvReader(std::unique_ptr<ByteSource> source, CsvOptions options = {});

  // Moves to the next record: true when record() holds it, false at the end of the input.
  // On malformed input returns kInvalidArgument with field() "NAME:LINE:COLUMN"; the reader
  // must not be used after an error.
  Result<bool> Next();
  // The current record. REQUIRES: the last Next() returned true.
  // `class`: core/csv_writer.h's CsvRecord() function may be declared first (unity builds).
  const class CsvRecord& record() const { return record_; }

  uint64_t bytes_read() const { return window_.bytes_read(); }
  // The size of the input when known in advance, else 0.
  uint64_t total_bytes() const { return window_.total_bytes(); }
  // Physical lines consumed so far (the last line of the current record, when there is one).
  uint64_t lines() const { return lines_; }
  // Bytes of input before the next record (including a dropped byte order mark).
  uint64_t offset() const { return window_.bytes_read() - window_.size() + consumed_; }
  // The line on which the next record starts.
  uint64_t next_line() const { return next_line_; }
  const std::string& name() const { return window_.name(); }
  // "NAME:LINE:COLUMN", the form of every error's field().
  std::string Location(uint64_t line, uint64_t column) const;

 private:
  enum class Outcome { kRecord, kEmptyLine, kNeedMore, kError };
  Outcome Parse(Status* error);
  Status StartOfInput();
  Status RecordTooLong(uint64_t line) const;
  Status Error(uint64_t line, uint64_t column, std::string message) const;

  CsvOptions options_;
  InputWindow window_;
  std::array<bool, 256> stop_unquoted_{};  // Bytes that end a run of plain field content.
  std::array<bool, 256> stop_quoted_{};
  std::array<uint64_t, 4> quoted_stops_{};    // The same stops, each byte repeated 8 times,
  std::array<uint64_t, 5> unquoted_stops_{};  // for scanning a word at a time.
  class CsvRecord record_;
  std::string unescaped_;                                // Quoted fields that held '""'.
  std::vector<std::pair<size_t, size_t>> unescaped_at_;  // (field index, offset in unescaped_).
  size_t consumed_ = 0;  // Bytes of the current record, dropped on the next call.
  uint64_t next_line_ = 1;
  uint64_t lines_ = 0;
  bool started_ = false;
};

}  // namespace chorus
