#include "core/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chorus {
namespace {

class FileSource : public ByteSource {
 public:
  FileSource(std::FILE* file, std::string name, uint64_t total_bytes, bool owned)
      : file_(file), name_(std::move(name)), total_bytes_(total_bytes), owned_(owned) {}
  ~FileSource() override {
    if (owned_) std::fclose(file_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Result<size_t> Read(char* buffer, size_t size) override {
    if (size == 0) return size_t{0};
    const size_t n = std::fread(buffer, 1, size, file_);
    if (n == 0 && std::ferror(file_)) {
      return InvalidArgument(fmt::format("cannot read {}: {}; check that it is a readable file",
                                         name_, std::strerror(errno)),
                             name_);
    }
    return n;
  }
  uint64_t total_bytes() const override { return total_bytes_; }
  const std::string& name() const override { return name_; }
  bool Seek(uint64_t offset) { return fseeko(file_, static_cast<off_t>(offset), SEEK_SET) == 0; }

 private:
  std::FILE* file_;
  std::string name_;
  uint64_t total_bytes_;
  bool owned_;
};

// Serves at most `remaining` bytes of an already positioned file.
class FileRangeSource : public ByteSource {
 public:
  FileRangeSource(std::unique_ptr<ByteSource> file, uint64_t length)
      : file_(std::move(file)), length_(length), remaining_(length) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    auto n = file_->Read(buffer, static_cast<size_t>(std::min<uint64_t>(size, remaining_)));
    if (n.ok()) remaining_ -= *n;
    return n;
  }
  uint64_t total_bytes() const override { return length_; }
  const std::string& name() const override { return file_->name(); }

 private:
  std::unique_ptr<ByteSource> file_;
  uint64_t length_;
  uint64_t remaining_;
};

class StringSource : public ByteSource {
 public:
  StringSource(std::string data, std::string name)
      : data_(std::move(data)), name_(std::move(name)) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    const size_t n = std::min(size, data_.size() - offset_);
    std::memcpy(buffer, data_.data() + offset_, n);
    offset_ += n;
    return n;
  }
  uint64_t total_bytes() const override { return data_.size(); }
  const std::string& name() const override { return name_; }

 private:
  std::string data_;
  std::string name_;
  size_t offset_ = 0;
};

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Marks (with its high bit) the first zero byte of `word`; marks above it may be spurious.
// Mycroft's test, as in Anderson's "Bit Twiddling Hacks" ("Determine if a word has a zero
// byte"): the lowest marked byte is exact because no borrow reaches below it.
constexpr uint64_t ZeroBytes(uint64_t word) { return (word - kOnes) & ~word & kHighBits; }

// The first byte in [p, end) for which `stop` is true. Eight bytes at a time: each of the
// `stop` bytes (listed in `values`, and bytes >= 0x80 when `high_stops`) is tested for the
// whole word at once, and the lowest marked byte over all tests is the first true stop.
template <size_t N>
const char* FindStop(const char* p, const char* end, const std::array<uint64_t, N>& values,
                     bool high_stops, const std::array<bool, 256>& stop) {
  const uint64_t high_mask = high_stops ? kHighBits : 0;
  while (end - p >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    uint64_t marks = word & high_mask;
    for (uint64_t value : values) marks |= ZeroBytes(word ^ value);
    if (marks != 0) return p + std::countr_zero(marks) / 8;
    p += 8;
  }
  while (p < end && !stop[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

// A line at `line_start` is "plain" when no quote, CR, NUL or (with `high_stops`) byte >= 0x80
// comes before its LF. For a plain line, appends its fields (split at `delimiter`, columns
// counted from line_start) and returns the LF; otherwise returns nullptr, possibly after
// appending some fields. Lines longer than kMaxPlainLine bytes are left to the general loop.
constexpr ptrdiff_t kMaxPlainLine = 512;

#if defined(__SSE2__)
// Sixteen bytes at a time (SSE2, part of every x86-64 CPU): one compare and one movemask per
// byte class, then the delimiters are visited bit by bit.
const char* SplitPlainLine(const char* line_start, const char* end, char delimiter, bool high_stops,
                           uint64_t line, std::vector<CsvFieldView>& fields) {
  const __m128i feeds_v = _mm_set1_epi8('\n'), delimiters_v = _mm_set1_epi8(delimiter);
  const __m128i quotes_v = _mm_set1_epi8('"'), returns_v = _mm_set1_epi8('\r');
  const __m128i zeros_v = _mm_setzero_si128();
  const auto mask = [](__m128i bytes) { return static_cast<uint32_t>(_mm_movemask_epi8(bytes)); };
  const char* field_start = line_start;
  const auto add_field = [&](const char* stop) {
    fields.push_back(
        CsvFieldView{std::string_view(field_start, static_cast<size_t>(stop - field_start)), line,
                     static_cast<uint32_t>(field_start - line_start + 1), false});
    field_start = stop + 1;
  };
  for (const char* block = line_start; end - block >= 16 && block - line_start < kMaxPlainLine;
       block += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block));
    const uint32_t feeds = mask(_mm_cmpeq_epi8(v, feeds_v));
    uint32_t special =
        mask(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quotes_v), _mm_cmpeq_epi8(v, returns_v)),
                          _mm_cmpeq_epi8(v, zeros_v)));
    if (high_stops) special |= mask(v);
    const uint32_t in_line = feeds != 0 ? (feeds & (0U - feeds)) - 1 : 0xFFFFU;
    if ((special & in_line) != 0) return nullptr;
    for (uint32_t bits = mask(_mm_cmpeq_epi8(v, delimiters_v)) & in_line; bits != 0;
         bits &= bits - 1) {
      add_field(block + std::countr_zero(bits));
    }
    if (feeds != 0) {
      const char* feed = block + std::countr_zero(feeds);
      add_field(feed);
      return feed;
    }
  }
  return nullptr;
}
#else
// Eight bytes at a time with the zero-byte test, where SSE2 is not available.
const char* SplitPlainLine(const char* line_start, const char* end, char delimiter, bool high_stops,
                           uint64_t line, std::vector<CsvFieldView>& fields) {
  static constexpr std::array<uint64_t, 4> kStops = {kOnes * '"', kOnes * '\n', kOnes * '\r', 0};
  // [0]: quote, LF, CR and NUL; [1]: also every byte >= 0x80.
  static const std::array<std::array<bool, 256>, 2> kStopTables = [] {
    std::array<std::array<bool, 256>, 2> tables{};
    for (auto& table : tables) {
      for (unsigned char c : {'"', '\n', '\r', '\0'}) table[c] = true;
    }
    for (int c = 0x80; c < 0x100; ++c) tables[1][c] = true;
    return tables;
  }();
  const char* limit = end - line_start > kMaxPlainLine ? line_start + kMaxPlainLine : end;
  const char* feed = FindStop(line_start, limit, kStops, high_stops, kStopTables[high_stops]);
  if (feed == limit || *feed != '\n') return nullptr;
  const uint64_t pattern = kOnes * static_cast<unsigned char>(delimiter);
  const char* field_start = line_start;
  while (true) {
    const char* stop = field_start;
    while (feed - stop >= 8) {
      uint64_t word;
      std::memcpy(&word, stop, 8);
      const uint64_t marks = ZeroBytes(word ^ pattern);
      if (marks != 0) break;
      stop += 8;
    }
    while (stop < feed && *stop != delimiter) ++stop;
    fields.push_back(
        CsvFieldView{std::string_view(field_start, static_cast<size_t>(stop - field_start)), line,
                     static_cast<uint32_t>(field_start - line_start + 1), false});
    if (stop == feed) return feed;
    field_start = stop + 1;
  }
}
#endif

// How a byte is shown in a message: itself when printable ASCII, else its hex code.
std::string DescribeByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7F) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", byte);
}

std::string DescribeDelimiter(char delimiter) {
  if (delimiter == '\t') return "tab";
  if (delimiter == ',') return "comma";
  return DescribeByte(delimiter);
}

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<ByteSource>(
        std::make_unique<FileSource>(stdin, "<stdin>", 0, /*owned=*/false));
  }
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return NotFound("no such file; check the path", path);
  }
  if (status.type() == std::filesystem::file_type::directory) {
    return InvalidArgument("this is a directory; pass a file", path);
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    if (error == ENOENT)
      return NotFound(fmt::format("no such file: {}; check the path", path), path);
    return InvalidArgument(
        fmt::format("cannot open the file ({}); check its permissions", std::strerror(error)),
        path);
  }
  // Chunks are large, so the stdio buffer would only add a copy.
  std::setvbuf(file, nullptr, _IONBF, 0);
  uint64_t total = 0;
  if (status.type() == std::filesystem::file_type::regular) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) total = size;
  }
  return std::unique_ptr<ByteSource>(std::make_unique<FileSource>(file, path, total, true));
}

Result<std::unique_ptr<ByteSource>> OpenFileRange(const std::string& path, uint64_t offset,
                                                  uint64_t length) {
  if (path == "-") return InvalidArgument("standard input has no ranges; read it whole", path);
  auto file = OpenFileSource(path);
  if (!file.ok()) return file.status();
  auto* source = static_cast<FileSource*>(file->get());
  if (!source->Seek(offset)) {
    return InvalidArgument(fmt::format("cannot seek to byte {} ({}); pass a regular file", offset,
                                       std::strerror(errno)),
                           path);
  }
  return std::unique_ptr<ByteSource>(
      std::make_unique<FileRangeSource>(std::move(file).value(), length));
}

std::unique_ptr<ByteSource> MakeStringSource(std::string data, std::string name) {
  return std::make_unique<StringSource>(std::move(data), std::move(name));
}

InputWindow::InputWindow(std::unique_ptr<ByteSource> source, size_t chunk_size, size_t padding)
    : source_(std::move(source)), chunk_size_(std::max<size_t>(chunk_size, 1)), padding_(padding) {}

Status InputWindow::Fill() {
  if (eof_) return Status::Ok();
  const size_t pending = size();
  if (begin_ > 0) {
    if (pending > 0) std::memmove(buffer_.data(), buffer_.data() + begin_, pending);
    begin_ = 0;
    end_ = pending;
  }
  const size_t want = std::max(chunk_size_, pending);
  if (buffer_.size() < end_ + want + padding_) buffer_.resize(end_ + want + padding_);
  auto n = source_->Read(buffer_.data() + end_, want);
  if (!n.ok()) return n.status();
  if (*n == 0) eof_ = true;
  end_ += *n;
  bytes_read_ += *n;
  return Status::Ok();
}

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, CsvOptions options)
    : options_(options),
      window_(std::move(source), options.chunk_size),
      next_line_(options.first_line),
      lines_(options.first_line - 1) {
  for (auto* table : {&stop_unquoted_, &stop_quoted_}) {
    (*table)['"'] = (*table)['\n'] = (*table)['\r'] = (*table)['\0'] = true;
    if (options_.validate_utf8) {
      for (int b = 0x80; b < 0x100; ++b) (*table)[b] = true;
    }
  }
  stop_unquoted_[static_cast<unsigned char>(options_.delimiter)] = true;
  quoted_stops_ = {kOnes * '"', kOnes * '\n', kOnes * '\r', 0};
  unquoted_stops_ = {kOnes * '"', kOnes * '\n', kOnes * '\r', 0,
                     kOnes * static_cast<unsigned char>(options_.delimiter)};
}

std::string CsvReader::Location(uint64_t line, uint64_t column) const {
  return fmt::format("{}:{}:{}", name(), line, column);
}

Status CsvReader::Error(uint64_t line, uint64_t column, std::string message) const {
  return InvalidArgument(std::move(message), Location(line, column));
}

Status CsvReader::RecordTooLong(uint64_t line) const {
  return Error(line, 1,
               fmt::format("the record starting at line {} is longer than {} bytes; check for an "
                           "unbalanced quote or a wrong delimiter",
                           line, options_.max_record_bytes));
}

Status CsvReader::StartOfInput() {
  while (window_.size() < 3 && !window_.at_eof()) CHORUS_RETURN_IF_ERROR(window_.Fill());
  const std::string_view head(window_.data(), std::min<size_t>(window_.size(), 3));
  if (head.starts_with("\xEF\xBB\xBF")) window_.Consume(3);
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    return Error(1, 1, "the file is UTF-16 encoded; save it as UTF-8");
  }
  return Status::Ok();
}

Result<bool> CsvReader::Next() {
  if (!started_) {
    started_ = true;
    if (options_.at_start_of_file) CHORUS_RETURN_IF_ERROR(StartOfInput());
  }
  window_.Consume(consumed_);
  consumed_ = 0;
  while (true) {
    if (window_.size() == 0) {
      if (window_.at_eof()) return false;
      CHORUS_RETURN_IF_ERROR(window_.Fill());
      continue;
    }
    Status error;
    const Outcome outcome = Parse(&error);
    if (consumed_ > options_.max_record_bytes) return RecordTooLong(record_.line_);
    switch (outcome) {
      case Outcome::kRecord: return true;
      case Outcome::kEmptyLine:
        window_.Consume(consumed_);
        consumed_ = 0;
        break;
      case Outcome::kError: return error;
      case Outcome::kNeedMore:
        if (window_.size() > options_.max_record_bytes) return RecordTooLong(next_line_);
        CHORUS_RETURN_IF_ERROR(window_.Fill());
        break;
    }
  }
}

// Parses the record at the start of the window. Commits nothing but record_ unless it is
// complete, so that after kNeedMore the caller can read more and parse again from the start.
CsvReader::Outcome CsvReader::Parse(Status* error) {
  const char* const begin = window_.data();
  const char* const end = begin + window_.size();
  const bool eof = window_.at_eof();
  const char quote = '"';
  const char delimiter = options_.delimiter;
  const size_t max_field = options_.max_field_bytes;
  const char* p = begin;
  const char* line_start = begin;
  uint64_t line = next_line_;
  record_.fields_.clear();
  unescaped_.clear();
  unescaped_at_.clear();

  const auto column_of = [&](const char* at) { return static_cast<uint32_t>(at - line_start + 1); };
  const auto fail_at = [&](uint64_t at_line, uint64_t at_column, std::string message) {
    *error = Error(at_line, at_column, std::move(message));
    return Outcome::kError;
  };
  const auto fail = [&](const char* at, std::string message) {
    return fail_at(line, column_of(at), std::move(message));
  };
  // Handles a byte >= 0x80 at p: advances past a well-formed sequence, else fails.
  const auto utf8_error = [&](const char* at, size_t field_number) {
    return fail(at, fmt::format("invalid UTF-8 in field {} ({}); save the file as UTF-8",
                                field_number, DescribeByte(*at)));
  };

  // Fast path: a line with no quote, CR, NUL or (when validating) non-ASCII byte before its LF
  // is split at the delimiters with no further checks. Anything unusual, including a field or
  // record over the limits, goes through the general loop below, which reports it.
  if (const char* feed =
          SplitPlainLine(p, end, delimiter, options_.validate_utf8, line, record_.fields_);
      feed != nullptr && static_cast<size_t>(feed - p) <= max_field &&
      record_.fields_.size() <= options_.max_fields) {
    record_.line_ = line;
    lines_ = line;
    next_line_ = line + 1;
    consumed_ = static_cast<size_t>(feed + 1 - begin);
    const bool empty_line = record_.fields_.size() == 1 && record_.fields_[0].value.empty();
    return empty_line ? Outcome::kEmptyLine : Outcome::kRecord;
  }
  record_.fields_.clear();

  while (true) {
    const size_t field_number = record_.fields_.size() + 1;
    if (field_number > options_.max_fields) {
      return fail(p, fmt::format("line {} has more than {} fields; check that the file is "
                                 "{}-separated",
                                 next_line_, options_.max_fields, DescribeDelimiter(delimiter)));
    }
    const char* const field_start = p;
    CsvFieldView field;
    field.line = line;
    field.column = column_of(p);
    if (p < end && *p == quote) {
      field.quoted = true;
      const char* const content = ++p;
      bool doubled_quotes = false;
      while (true) {
        p = FindStop(p, end, quoted_stops_, options_.validate_utf8, stop_quoted_);
        if (static_cast<size_t>(p - content) > max_field) {
          return fail_at(field.line, field.column,
                         fmt::format("quoted field {} starting at line {} is longer than {} bytes; "
                                     "this usually means an unterminated quote: close the quote or "
                                     "escape embedded quotes by doubling them (\"\")",
                                     field_number, field.line, max_field));
        }
        if (p == end) {
          if (!eof) return Outcome::kNeedMore;
          return fail_at(field.line, field.column,
                         fmt::format("unterminated quoted field starting at line {} (field {}); "
                                     "close the quote or escape embedded quotes by doubling them "
                                     "(\"\")",
                                     field.line, field_number));
        }
        const char c = *p;
        if (c == quote) {
          if (p + 1 == end && !eof) return Outcome::kNeedMore;
          if (p + 1 < end && p[1] == quote) {
            doubled_quotes = true;
            p += 2;
            continue;
          }
          break;
        }
        if (c == '\n' || c == '\r') {
          if (c == '\r' && p + 1 == end && !eof) return Outcome::kNeedMore;
          p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
          ++line;
          line_start = p;
          continue;
        }
        if (c == '\0') {
          return fail(p, fmt::format("NUL byte in field {}; the file looks binary or UTF-16: "
                                     "save it as UTF-8 text",
                                     field_number));
        }
        const int length = Utf8SequenceLength(p, end);
        if (length < 0 && !eof) return Outcome::kNeedMore;
        if (length <= 0) return utf8_error(p, field_number);
        p += length;
      }
      const std::string_view raw(content, static_cast<size_t>(p - content));
      ++p;  // The closing quote.
      if (doubled_quotes) {
        unescaped_at_.emplace_back(record_.fields_.size(), unescaped_.size());
        for (size_t i = 0; i < raw.size(); ++i) {
          unescaped_.push_back(raw[i]);
          if (raw[i] == quote) ++i;  // Keep one quote of each pair.
        }
        field.value = std::string_view(nullptr, 0);  // Set once unescaped_ stops growing.
      } else {
        field.value = raw;
      }
      if (p < end && *p != delimiter && *p != '\n' && *p != '\r') {
        return fail(p, fmt::format("unexpected {} after the closing quote of field {}; quote "
                                   "the whole field and double any quote inside it",
                                   DescribeByte(*p), field_number));
      }
    } else {
      while (true) {
        p = FindStop(p, end, unquoted_stops_, options_.validate_utf8, stop_unquoted_);
        if (static_cast<size_t>(p - field_start) > max_field) {
          return fail(field_start,
                      fmt::format("field {} is longer than {} bytes; check the delimiter and "
                                  "the quotes, or shorten the field",
                                  field_number, max_field));
        }
        if (p == end) {
          if (!eof) return Outcome::kNeedMore;
          break;
        }
        const char c = *p;
        if (c == delimiter || c == '\n' || c == '\r') break;
        if (c == quote) {
          return fail(p, fmt::format("quote inside unquoted field {}; quote the whole field and "
                                     "double the quotes inside it (\"5\"\" tall\")",
                                     field_number));
        }
        if (c == '\0') {
          return fail(p, fmt::format("NUL byte in field {}; the file looks binary or UTF-16: "
                                     "save it as UTF-8 text",
                                     field_number));
        }
        const int length = Utf8SequenceLength(p, end);
        if (length < 0 && !eof) return Outcome::kNeedMore;
        if (length <= 0) return utf8_error(p, field_number);
        p += length;
      }
      field.value = std::string_view(field_start, static_cast<size_t>(p - field_start));
    }
    record_.fields_.push_back(field);

    if (p == end) break;  // The input ends without a final line break.
    if (*p == delimiter) {
      ++p;
      continue;
    }
    if (*p == '\r' && p + 1 == end && !eof) return Outcome::kNeedMore;
    p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
    break;
  }

  // Each unescaped field runs from its offset to the next one's (or the end).
  for (size_t k = 0; k < unescaped_at_.size(); ++k) {
    const size_t from = unescaped_at_[k].second;
    const size_t to =
        k + 1 < unescaped_at_.size() ? unescaped_at_[k + 1].second : unescaped_.size();
    record_.fields_[unescaped_at_[k].first].value =
        std::string_view(unescaped_.data() + from, to - from);
  }
  record_.line_ = next_line_;
  lines_ = line;
  next_line_ = (p > begin && (p[-1] == '\n' || p[-1] == '\r')) ? line + 1 : line;
  consumed_ = static_cast<size_t>(p - begin);
  const bool empty_line =
      record_.fields_.size() == 1 && !record_.fields_[0].quoted && record_.fields_[0].value.empty();
  return empty_line ? Outcome::kEmptyLine : Outcome::kRecord;
}

}  // namespace chorus
