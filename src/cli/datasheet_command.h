// `chorus datasheet PROJECT [--data DIR | --db URL] [--format markdown|html|json] [--out FILE]`:
// the project's datasheet (service/datasheet.h) from the database `chorus serve` uses, which
// may be running at the same time (SQLite in WAL mode, or PostgreSQL).
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace chorus::cli {

struct DatasheetArgs {
  int64_t project = 0;
  std::string data_dir = "chorus-data";  // As chorus serve: the SQLite database's directory.
  std::string db;                        // sqlite:PATH or postgresql://... ("": in data_dir).
  std::string format = "markdown";       // markdown, html or json.
  std::string out;                       // File written atomically; "": standard output.
};

// 0 written; 1 no such database or project; 3 internal.
int RunDatasheet(const DatasheetArgs& args, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
