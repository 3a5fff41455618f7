#include "quality/ingest/vote_read_options.h"

#include <string>

namespace chorus::quality {

Result<VoteFormat> ParseVoteFormat(std::string_view name) {
  if (name == "auto") return VoteFormat::kAuto;
  if (name == "csv") return VoteFormat::kCsv;
  if (name == "tsv") return VoteFormat::kTsv;
  if (name == "jsonl" || name == "ndjson") return VoteFormat::kJsonl;
  return InvalidArgument(
      "unknown input format \"" + std::string(name) + "\"; use auto, csv, tsv or jsonl",
      "--input-format");
}

Result<DuplicatePolicy> ParseDuplicatePolicy(std::string_view name) {
  if (name == "error") return DuplicatePolicy::kError;
  if (name == "keep-all") return DuplicatePolicy::kKeepAll;
  if (name == "keep-first" || name == "first") return DuplicatePolicy::kKeepFirst;
  if (name == "keep-last" || name == "last") return DuplicatePolicy::kKeepLast;
  return InvalidArgument(
      "unknown duplicate policy \"" + std::string(name) + "\"; use error, keep-all, first or last",
      "--duplicates");
}

const char* VoteFormatName(VoteFormat format) {
  switch (format) {
    case VoteFormat::kAuto: return "auto";
    case VoteFormat::kCsv: return "csv";
    case VoteFormat::kTsv: return "tsv";
    case VoteFormat::kJsonl: return "jsonl";
  }
  return "auto";
}

}  // namespace chorus::quality
