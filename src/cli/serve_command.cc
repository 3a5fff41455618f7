#include "cli/serve_command.h"

#include <ostream>

#include "app/serve.h"
#include "cli/exit_codes.h"

namespace chorus::cli {

int RunServe(const ServeArgs& args, const char* version, std::ostream& out, std::ostream& err) {
  app::ServeOptions options;
  options.listen = args.listen;
  options.version = version;
  const Status status = app::RunServe(options, out, err);
  if (!status.ok()) err << "chorus serve: " << status.ToString() << "\n";
  return ExitCodeFor(status);
}

}  // namespace chorus::cli
