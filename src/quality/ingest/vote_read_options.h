// The options and reports shared by the vote-file readers (vote_reader.h, wide_reader.h,
// gold_reader.h): which format a file is in, what to do with repeated votes, and how to
// report progress while a large file is read.
// Thread-safety: plain values; on_progress is called on the reading thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/status.h"
#include "quality/vote_table.h"

namespace chorus::quality {

enum class VoteFormat {
  kAuto,   // By extension (.csv; .tsv or .tab; .jsonl or .ndjson), else by the first bytes.
  kCsv,    // Comma-separated values, RFC 4180 quoting.
  kTsv,    // Tab-separated values, the same quoting rules.
  kJsonl,  // One JSON object per line.
};

// What happens when one annotator labels one item more than once.
enum class DuplicatePolicy {
  kError,      // Fail, naming both lines (the default: repeats are usually a join gone wrong).
  kKeepAll,    // Keep every vote.
  kKeepFirst,  // Keep the vote that comes first in the file.
  kKeepLast,   // Keep the vote that comes last in the file.
};

struct ReadProgress {
  uint64_t bytes_read = 0;
  uint64_t total_bytes = 0;  // 0 when unknown (standard input, pipes).
  uint64_t lines = 0;        // Physical lines read so far.
};

struct VoteReadOptions {
  VoteFormat format = VoteFormat::kAuto;                 // How to parse the file.
  DuplicatePolicy duplicates = DuplicatePolicy::kError;  // Repeated (annotator, item) votes.
  std::function<void(const ReadProgress&)>
      on_progress;                      // Every 4 MiB and at the end; may be empty.
  size_t chunk_size = size_t{1} << 20;  // Bytes read at a time (tests shrink it).
  // Long CSV/TSV files of at least parallel_min_bytes are cut at line ends and read on up to
  // `threads` threads (0: one per core, at most 8); the result is the same as on one thread.
  unsigned threads = 0;
  uint64_t parallel_min_bytes = uint64_t{8} << 20;
};

struct VoteReadReport {
  uint64_t lines = 0;                     // Physical lines in the file.
  uint64_t votes = 0;                     // Votes in the table.
  uint64_t missing_skipped = 0;           // Empty, NA, * ... labels (or wide-matrix cells) skipped.
  uint64_t duplicates_dropped = 0;        // Votes dropped by kKeepFirst or kKeepLast.
  VoteFormat format = VoteFormat::kAuto;  // The format the file was read as.
  unsigned threads = 1;                   // Threads that parsed it (ranges read in parallel).
};

struct VoteFile {
  VoteTable table;
  VoteReadReport report;
};

// Parse the names the command line uses: "auto", "csv", "tsv", "jsonl"; "error",
// "keep-all", "keep-first" (or "first"), "keep-last" (or "last").
Result<VoteFormat> ParseVoteFormat(std::string_view name);
Result<DuplicatePolicy> ParseDuplicatePolicy(std::string_view name);
// "csv", "tsv", "jsonl" or "auto".
const char* VoteFormatName(VoteFormat format);

}  // namespace chorus::quality
