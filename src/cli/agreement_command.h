// `chorus agreement FILE`: the agreement report on a vote file.
// Thread-safety: RunAgreement is reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace chorus::cli {

// The command's arguments as parsed from the command line (see docs/cli.md).
struct AgreementArgs {
  std::string file;                       // Vote file; "-" reads stdin.
  std::string input_format = "auto";      // auto (by extension), csv, tsv, jsonl.
  bool wide = false;                      // A reliability matrix instead of long format.
  bool units_as_rows = false;             // With --wide: rows are units, columns annotators.
  std::string duplicates = "error";       // error, keep-all, first, last.
  std::vector<std::string> metrics;       // Empty: every metric that applies.
  std::string level = "nominal";          // nominal, ordinal, interval, ratio.
  bool by_item = false;
  bool pairwise = false;
  uint64_t min_shared = 10;
  std::string gold_file;
  int bootstrap = 0;
  uint64_t seed = 1;
  std::string format = "text";            // text, json, csv.
  size_t limit = 20;                      // Text rows for --by-item.
};

// Runs the command, writing the report to `out` and errors and progress to `err`.
// Returns the exit code (cli/exit_codes.h).
int RunAgreement(const AgreementArgs& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal);

}  // namespace chorus::cli
