// `chorus errors LABELS PROBS`: the labels most likely wrong, by confident learning over
// out-of-fold predicted probabilities (quality/errors/confident_learning.h).
// Thread-safety: reentrant.
#pragma once

#include <iosfwd>
#include <string>

namespace chorus::cli {

struct ErrorsArgs {
  std::string labels;                       // item,label.
  std::string probs;                        // item,<class1>,<class2>,...
  std::string out;                          // Suspects CSV; empty = standard output.
  std::string rank_by = "self_confidence";  // Or normalized_margin.
  std::string format = "text";              // The summary: text or json.
};

// Writes the suspects, most suspect first, as item,given,suggested,score (score: the label
// quality, lower is more suspect), to args.out or standard output; the summary goes to
// standard output with --out and to standard error without.
int RunErrors(const ErrorsArgs& args, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
