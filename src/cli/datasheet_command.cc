#include "cli/datasheet_command.h"

#include <ostream>

#include "cli/exit_codes.h"
#include "cli/existing_store.h"
#include "cli/output_file.h"
#include "core/clock.h"
#include "service/datasheet.h"

namespace chorus::cli {

int RunDatasheet(const DatasheetArgs& args, std::ostream& out, std::ostream& err) {
  auto opened = OpenExistingStore(args.db, args.data_dir);
  if (!opened.ok()) return ReportFailure(err, "datasheet", opened.status());
  auto sheet = service::DatasheetService(*opened->store, NowUnixMillis).Build(args.project);
  if (!sheet.ok()) {
    return ReportFailure(err, "datasheet",
                         NoSuchProject(sheet.status(), args.project, opened->description, "PROJECT"));
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
