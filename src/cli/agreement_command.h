// `chorus agreement FILE`: the agreement report on a vote file.
// Thread-safety: RunAgreement is reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/vote_input.h"

namespace chorus::cli {

// The command's arguments as parsed from the command line (see docs/cli.md).
struct AgreementArgs {
  VoteInputArgs input;               // The vote file, its format and the gold file.
  std::vector<std::string> metrics;  // Empty: every metric that applies.
  std::string level = "nominal";     // nominal, ordinal, interval, ratio.
  bool by_item = false;
  bool pairwise = false;
  uint64_t min_shared = 10;
  int bootstrap = 0;
  uint64_t seed = 1;
  std::string format = "text";  // text, json, csv.
  size_t limit = 20;            // Text rows for --by-item.
};

// Runs the command, writing the report to `out` and errors and progress to `err`.
// Returns the exit code (cli/exit_codes.h).
int RunAgreement(const AgreementArgs& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal);

}  // namespace chorus::cli
