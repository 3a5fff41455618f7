// `chorus aggregate FILE --method bt|crowdbt`: scores and a ranking of options from pairwise
// preferences (item,annotator,left,right,winner), with intervals; for crowdbt also each
// annotator's estimated reliability.
// Thread-safety: reentrant.
#pragma once

#include <iosfwd>
#include <string_view>

#include "cli/aggregate_command.h"

namespace chorus::cli {

// Whether `method` names a pairwise-preference method ("bt", "crowdbt").
bool IsPreferenceMethod(std::string_view method);

// Uses args.input.file/input_format, method, out, seed (bootstrap), max_iterations,
// tolerance, format (text or json) and limit; --gold, --wide and --soft do not apply.
int RunPreferenceAggregate(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                           bool err_is_terminal);

}  // namespace chorus::cli
