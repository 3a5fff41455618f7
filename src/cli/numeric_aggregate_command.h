// `chorus aggregate FILE --method mean|median|trimmed-mean|noise-aware` and
// `chorus annotators FILE --method ...`: one value per item from numeric or Likert votes, and
// each annotator's bias and noise. RunAggregate and RunAnnotators dispatch here.
// Thread-safety: reentrant.
#pragma once

#include <iosfwd>

#include "cli/aggregate_command.h"

namespace chorus::cli {

// REQUIRES: quality::IsNumericMethod(args.method).
int RunNumericAggregate(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                        bool err_is_terminal);
int RunNumericAnnotators(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                         bool err_is_terminal);

}  // namespace chorus::cli
