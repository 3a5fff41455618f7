// Reading pairwise preferences (item,annotator,left,right,winner) from CSV, TSV or JSONL into
// a ComparisonTable.
//
// Columns are found by header name through RoleReader (role_reader.h, column_names.h):
// item and annotator as for votes; left: left, a, option_a, response_a, first; right: right,
// b, option_b, response_b, second; winner: winner, preference, choice, chosen, outcome.
// Without a header the first five columns are item,annotator,left,right,winner (a headerless
// file whose first row names some of these, e.g. options called "a" and "b", needs a header).
// Winner values, trimmed: the exact text of the left or the right option (checked first);
// else, case-insensitively, left/right/tie, a/b, draw, both_bad/both-bad (a tie, counted
// separately in the report). Anything else, a missing winner, or left == right is an error
// naming FILE:LINE:COLUMN (COLUMN 1 in JSONL) and the accepted values.
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "quality/comparison_table.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

struct ComparisonReadReport {
  uint64_t lines = 0;        // Physical lines in the file.
  uint64_t comparisons = 0;  // Rows in the table.
  uint64_t ties = 0;         // Of which ties (both_bad included).
  uint64_t both_bad = 0;     // Ties written as both_bad.
  VoteFormat format = VoteFormat::kAuto;
};

struct ComparisonFile {
  ComparisonTable table;
  ComparisonReadReport report;
};

// Reads `path` ("-" for standard input). options.duplicates is not used: every row counts.
Result<ComparisonFile> ReadComparisons(const std::string& path, const VoteReadOptions& options);

// The outcome a winner value means for a row showing `left` and `right`; *both_bad is set
// when the value was both_bad. Fails (without a field) naming the accepted values.
Result<Outcome> ParseWinner(std::string_view value, std::string_view left, std::string_view right,
                            bool* both_bad);

}  // namespace chorus::quality
