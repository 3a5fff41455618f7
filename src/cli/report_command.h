// `chorus report FILE [--gold GOLD] | --project P [--data DIR | --db URL]`: the quality report
// (quality/truth/quality_report.h) as one self-contained HTML page or as JSON
// (service/quality_report_render.h), from a vote file read as `chorus agreement` reads it, or
// from a project in the database `chorus serve` uses (service/project_quality_report.h).
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "cli/vote_input.h"

namespace chorus::cli {

struct ReportArgs {
  VoteInputArgs input;                   // File mode: input.file is the vote file.
  int64_t project = 0;                   // Project mode when > 0.
  std::string data_dir = "chorus-data";  // As chorus serve: the SQLite database's directory.
  std::string db;                        // sqlite:PATH or postgresql://... ("": in data_dir).
  std::string method = "ds";             // Truth method for the aggregate, skills and spam.
  std::string format = "html";           // html or json.
  std::string out;                       // File written atomically; "": standard output.
  int bootstrap = 1000;                  // Resamples for alpha's interval (0: none).
  uint64_t seed = 1;
  uint64_t min_shared = 5;               // Shared items a pair needs for a kappa.
  size_t confusion_annotators = 6;       // Confusion matrices for this many most active ones.
  size_t examples = 20;                  // Most disputed items listed.
};

// 0 written; 1 bad input (file, line and field named) or no such database or project;
// 2 usage (neither or both of FILE and --project); 3 internal.
int RunReport(const ReportArgs& args, std::ostream& out, std::ostream& err, bool err_is_terminal);

}  // namespace chorus::cli
