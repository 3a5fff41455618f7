// `chorus aggregate FILE` (labels per item from redundant votes) and `chorus annotators FILE`
// (each annotator's estimated skill). Numeric methods go to numeric_aggregate_command.h.
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/vote_input.h"

namespace chorus::cli {

struct AggregateArgs {
  VoteInputArgs input;
  std::string method = "ds";          // Categorical, numeric (mean, ...) or pairwise (bt, crowdbt).
  std::string out;                    // Items file (.csv or .jsonl); empty = standard output.
  bool soft = false;                  // Add the raw vote distribution to each item.
  uint64_t seed = 1;                  // Ties and random restarts.
  std::optional<int> max_iterations;  // Absent: the method's default.
  std::optional<double> tolerance;    // Absent: the method's default.
  std::string format = "text";        // Summary (aggregate) or table (annotators): text, json, csv.
  size_t limit = 10;                  // Annotators shown in the text summary.
  double trim = 0.1;                  // trimmed-mean: share cut from each end.
};

int RunAggregate(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal);
int RunAnnotators(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                  bool err_is_terminal);

}  // namespace chorus::cli
