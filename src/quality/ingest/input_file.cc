#include "quality/ingest/input_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace chorus::quality {
namespace {

constexpr size_t kSniffBytes = 64 << 10;

// Serves the sniffed prefix, then the rest of the underlying source.
class ReplaySource : public ByteSource {
 public:
  ReplaySource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buffer, size_t size) override {
    if (offset_ < prefix_.size()) {
      const size_t n = std::min(size, prefix_.size() - offset_);
      std::memcpy(buffer, prefix_.data() + offset_, n);
      offset_ += n;
      return n;
    }
    return rest_->Read(buffer, size);
  }
  uint64_t total_bytes() const override { return rest_->total_bytes(); }
  const std::string& name() const override { return rest_->name(); }

 private:
  std::string prefix_;
  size_t offset_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

std::string LowerExtension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

VoteFormat FormatFromExtension(const std::string& path) {
  const std::string ext = LowerExtension(path);
  if (ext == "csv") return VoteFormat::kCsv;
  if (ext == "tsv" || ext == "tab") return VoteFormat::kTsv;
  if (ext == "jsonl" || ext == "ndjson") return VoteFormat::kJsonl;
  return VoteFormat::kAuto;
}

Result<VoteFormat> Sniff(std::string_view head, const std::string& name) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && head[first] == '{') return VoteFormat::kJsonl;
  if (first != std::string_view::npos && head[first] == '[') {
    return InvalidArgument(
        "this looks like a JSON array; write one JSON object per line (JSONL), e.g. with "
        "jq -c '.[]' FILE > FILE.jsonl",
        name);
  }
  const std::string_view line = head.substr(0, head.find_first_of("\r\n"));
  const auto tabs = std::count(line.begin(), line.end(), '\t');
  const auto commas = std::count(line.begin(), line.end(), ',');
  return tabs > commas ? VoteFormat::kTsv : VoteFormat::kCsv;
}

}  // namespace

Result<InputFile> OpenInputFile(const std::string& path, VoteFormat format) {
  auto source = OpenFileSource(path);
  if (!source.ok()) return source.status();
  InputFile input{std::move(source).value(), format};
  if (format == VoteFormat::kAuto && path != "-") input.format = FormatFromExtension(path);
  if (input.format != VoteFormat::kAuto) return input;

  std::string head(kSniffBytes, '\0');
  size_t filled = 0;
  while (filled < head.size()) {
    auto n = input.source->Read(head.data() + filled, head.size() - filled);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    filled += *n;
  }
  head.resize(filled);
  auto sniffed = Sniff(head, input.source->name());
  if (!sniffed.ok()) return sniffed.status();
  input.format = *sniffed;
  input.source = std::make_unique<ReplaySource>(std::move(head), std::move(input.source));
  return input;
}

Result<CsvReader> OpenDelimitedFile(const std::string& path) {
  auto input = OpenInputFile(path, VoteFormat::kAuto);
  if (!input.ok()) return input.status();
  if (input->format != VoteFormat::kCsv && input->format != VoteFormat::kTsv) {
    return InvalidArgument("expected a CSV or TSV file with a header row, not JSON Lines", path);
  }
  CsvOptions options;
  if (input->format == VoteFormat::kTsv) options.delimiter = '\t';
  return CsvReader(std::move(input->source), options);
}

}  // namespace chorus::quality
