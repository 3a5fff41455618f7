// Reading the vote file (and gold file) that every quality command starts from, with the same
// options, progress and errors everywhere.
// Thread-safety: reentrant.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "core/status.h"
#include "quality/ingest/gold_reader.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::cli {

// The input options shared by agreement, aggregate and annotators (see docs/cli.md).
struct VoteInputArgs {
  std::string file;                   // Vote file; "-" reads stdin.
  std::string input_format = "auto";  // auto (by extension), csv, tsv, jsonl.
  bool wide = false;                  // A reliability matrix instead of long format.
  bool units_as_rows = false;         // With --wide: rows are units, columns annotators.
  std::string duplicates = "error";   // error, keep-all, first, last.
  std::string gold_file;              // Optional item,label file.
  unsigned threads = 0;               // Reading threads; 0 = one per core (at most 8).
};

struct VoteInput {
  quality::VoteFile votes;
  std::optional<quality::GoldLabels> gold;  // When gold_file was given.
};

// Reads the votes, then the gold labels into the same table; progress goes to `err`.
Result<VoteInput> ReadVoteInput(const VoteInputArgs& args, std::ostream& err, bool err_is_terminal);

}  // namespace chorus::cli
