#include "cli/datasheet_command.h"

#include <filesystem>
#include <ostream>

#include "app/open_store.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "core/clock.h"
#include "service/datasheet.h"

namespace chorus::cli {
namespace {

// The SQLite file `db` (or the data directory) names; "" for PostgreSQL.
std::string SqlitePath(const DatasheetArgs& args) {
  if (args.db.empty()) return (std::filesystem::path(args.data_dir) / "chorus.db").string();
  if (args.db.rfind("sqlite:", 0) == 0) return args.db.substr(7);
  return "";
}

}  // namespace

int RunDatasheet(const DatasheetArgs& args, std::ostream& out, std::ostream& err) {
  // Opening a store creates a missing database; a datasheet of nothing is a mistake.
  const std::string sqlite = SqlitePath(args);
  if (!sqlite.empty() && !std::filesystem::exists(sqlite)) {
    return ReportFailure(err, "datasheet",
                         Status(StatusCode::kNotFound,
                                "no database at " + sqlite +
                                    "; pass the --data directory or the --db that chorus serve uses",
                                args.db.empty() ? "--data" : "--db"));
  }
  auto opened = app::OpenStore(args.db, args.data_dir);
  if (!opened.ok()) return ReportFailure(err, "datasheet", opened.status());
  auto sheet = service::DatasheetService(*opened->store, NowUnixMillis).Build(args.project);
  if (!sheet.ok()) {
    if (sheet.status().code() == StatusCode::kNotFound) {
      return ReportFailure(err, "datasheet",
                           Status(StatusCode::kNotFound,
                                  "no project " + std::to_string(args.project) + " in " +
                                      opened->description,
                                  "PROJECT"));
    }
    return ReportFailure(err, "datasheet", sheet.status());
  }
  const std::string text = args.format == "json"   ? sheet->dump(2) + "\n"
                           : args.format == "html" ? service::DatasheetHtml(*sheet)
                                                   : service::DatasheetMarkdown(*sheet);
  if (args.out.empty()) {
    out << text;
    return kExitOk;
  }
  const Status written = WriteFileAtomically(args.out, [&](std::ostream& file) { file << text; });
  if (!written.ok()) return ReportFailure(err, "datasheet", written);
  err << "Wrote the datasheet of project " << args.project << " to " << args.out << ".\n";
  return kExitOk;
}

}  // namespace chorus::cli
