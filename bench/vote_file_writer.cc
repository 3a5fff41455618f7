#include "bench/vote_file_writer.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace chorus::bench {
namespace {

// Appends to a large buffer and hands it to fwrite in big blocks: formatting, not the
// system call, should be the cost.
class BlockWriter {
 public:
  explicit BlockWriter(std::FILE* file) : file_(file), buffer_(kBlock + kSlack) {}

  void Append(std::string_view text) {
    if (text.size() > kSlack) {
      Flush();
      Write(text.data(), text.size());
      return;
    }
    std::memcpy(buffer_.data() + used_, text.data(), text.size());
    Advance(text.size());
  }
  void Append(char c) {
    buffer_[used_] = c;
    Advance(1);
  }
  // Appends prefix then n in decimal. REQUIRES: prefix is a few characters.
  void AppendNumber(std::string_view prefix, uint64_t n) {
    char* out = buffer_.data() + used_;
    std::memcpy(out, prefix.data(), prefix.size());
    out += prefix.size();
    out = std::to_chars(out, buffer_.data() + buffer_.size(), n).ptr;
    Advance(static_cast<size_t>(out - (buffer_.data() + used_)));
  }
  // Returns false when a write failed.
  bool Finish() {
    Flush();
    return ok_ && std::fflush(file_) == 0;
  }
  uint64_t bytes() const { return bytes_ + used_; }

 private:
  static constexpr size_t kBlock = size_t{1} << 20;
  static constexpr size_t kSlack = 256;  // Room for one field past the block.

  void Advance(size_t n) {
    used_ += n;
    if (used_ >= kBlock) Flush();
  }
  void Flush() {
    Write(buffer_.data(), used_);
    used_ = 0;
  }
  void Write(const char* data, size_t n) {
    if (n == 0) return;
    ok_ = ok_ && std::fwrite(data, 1, n, file_) == n;
    bytes_ += n;
  }

  std::FILE* file_;
  std::vector<char> buffer_;
  size_t used_ = 0;
  uint64_t bytes_ = 0;
  bool ok_ = true;
};

std::vector<std::string> AllLabelNames(const VoteGeneratorOptions& options) {
  std::vector<std::string> names;
  for (uint32_t l = 0; l < options.label_count(); ++l) names.push_back(LabelName(options, l));
  return names;
}

WriteStats WriteLong(const VoteGeneratorOptions& options, BlockWriter& out) {
  const std::vector<std::string> labels = AllLabelNames(options);
  WriteStats stats;
  out.Append("item,annotator,label\n");
  VoteGenerator generator(options);
  generator.Generate([&](uint64_t item, uint32_t annotator, uint32_t label) {
    out.AppendNumber("i", item);
    out.AppendNumber(",a", annotator);
    out.Append(',');
    out.Append(labels[label]);
    out.Append('\n');
    ++stats.votes;
  });
  stats.lines = stats.votes + 1;
  return stats;
}

// The vote matrix, items × annotators, -1 where there is no vote.
std::vector<int16_t> VoteMatrix(const VoteGeneratorOptions& options, uint64_t* votes) {
  std::vector<int16_t> cells(options.items * options.annotators, -1);
  VoteGenerator generator(options);
  generator.Generate([&](uint64_t item, uint32_t annotator, uint32_t label) {
    cells[item * options.annotators + annotator] = static_cast<int16_t>(label);
    ++*votes;
  });
  return cells;
}

WriteStats WriteWide(const VoteGeneratorOptions& options, bool units_as_rows, BlockWriter& out) {
  const std::vector<std::string> labels = AllLabelNames(options);
  WriteStats stats;
  const std::vector<int16_t> cells = VoteMatrix(options, &stats.votes);
  const uint64_t rows = units_as_rows ? options.items : options.annotators;
  const uint64_t columns = units_as_rows ? options.annotators : options.items;
  out.Append(units_as_rows ? "item" : "annotator");
  for (uint64_t c = 0; c < columns; ++c) {
    out.AppendNumber(units_as_rows ? ",a" : ",i", c);
  }
  out.Append('\n');
  for (uint64_t r = 0; r < rows; ++r) {
    out.AppendNumber(units_as_rows ? "i" : "a", r);
    for (uint64_t c = 0; c < columns; ++c) {
      out.Append(',');
      const uint64_t item = units_as_rows ? r : c;
      const uint64_t annotator = units_as_rows ? c : r;
      const int16_t label = cells[item * options.annotators + annotator];
      if (label >= 0) out.Append(labels[static_cast<size_t>(label)]);
    }
    out.Append('\n');
  }
  stats.lines = rows + 1;
  return stats;
}

// Writes the truth of every item: "item,label".
WriteStats WriteTruth(const VoteGeneratorOptions& options, BlockWriter& out) {
  const std::vector<std::string> labels = AllLabelNames(options);
  WriteStats stats;
  out.Append("item,label\n");
  VoteGenerator generator(options);
  generator.Generate([](uint64_t, uint32_t, uint32_t) {},
                     [&](uint64_t item, uint32_t truth) {
                       out.AppendNumber("i", item);
                       out.Append(',');
                       out.Append(labels[truth]);
                       out.Append('\n');
                       ++stats.lines;
                     });
  ++stats.lines;
  return stats;
}

// Writes every annotator's behaviour: "annotator,kind,accuracy,label" (label: a spammer's).
WriteStats WriteCrowd(const VoteGeneratorOptions& options, BlockWriter& out) {
  const std::vector<std::string> labels = AllLabelNames(options);
  WriteStats stats;
  out.Append("annotator,kind,accuracy,label\n");
  const VoteGenerator generator(options);
  for (uint32_t a = 0; a < options.annotators; ++a) {
    const AnnotatorKind kind = generator.kind(a);
    char accuracy[32];
    std::snprintf(accuracy, sizeof accuracy, "%.17g", generator.annotator_accuracy(a));
    out.AppendNumber("a", a);
    out.Append(kind == AnnotatorKind::kSpammer     ? ",spammer,"
               : kind == AnnotatorKind::kAdversary ? ",adversary,"
                                                   : ",honest,");
    out.Append(accuracy);
    out.Append(',');
    if (kind == AnnotatorKind::kSpammer) out.Append(labels[generator.spam_label(a)]);
    out.Append('\n');
  }
  stats.lines = options.annotators + 1;
  return stats;
}

// Opens `path` ("-" for standard output), lets `write` fill it, and reports what was written.
template <typename Write>
Result<WriteStats> WriteFile(const VoteGeneratorOptions& options, const std::string& path,
                             Write&& write) {
  if (std::string problem = ValidateOptions(options); !problem.empty()) {
    return InvalidArgument(problem);
  }
  const bool to_stdout = path == "-";
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      to_stdout ? stdout : std::fopen(path.c_str(), "wb"),
      to_stdout ? [](std::FILE*) { return 0; } : &std::fclose);
  if (!file) return InvalidArgument("cannot create " + path + ": " + std::strerror(errno));
  BlockWriter out(file.get());
  WriteStats stats = write(out);
  stats.bytes = out.bytes();
  if (!out.Finish()) return Internal("writing " + path + " failed: " + std::strerror(errno));
  if (!to_stdout && std::fclose(file.release()) != 0) {
    return Internal("closing " + path + " failed: " + std::strerror(errno));
  }
  return stats;
}

}  // namespace

Result<WriteStats> WriteVoteFile(const VoteGeneratorOptions& options, VoteFileLayout layout,
                                 const std::string& path) {
  return WriteFile(options, path, [&](BlockWriter& out) {
    return layout == VoteFileLayout::kLong
               ? WriteLong(options, out)
               : WriteWide(options, layout == VoteFileLayout::kWideUnitRows, out);
  });
}

Result<WriteStats> WriteTruthFile(const VoteGeneratorOptions& options, const std::string& path) {
  return WriteFile(options, path, [&](BlockWriter& out) { return WriteTruth(options, out); });
}

Result<WriteStats> WriteCrowdFile(const VoteGeneratorOptions& options, const std::string& path) {
  return WriteFile(options, path, [&](BlockWriter& out) { return WriteCrowd(options, out); });
}

}  // namespace chorus::bench
