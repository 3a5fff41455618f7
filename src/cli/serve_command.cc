#include "cli/serve_command.h"

#include <cstdlib>
#include <ostream>

#include "app/serve.h"
#include "cli/exit_codes.h"

namespace chorus::cli {

int RunServe(const ServeArgs& args, const char* version, std::ostream& out, std::ostream& err) {
  app::ServeOptions options;
  options.listen = args.listen;
  options.version = version;
  options.data_dir = args.data_dir;
  options.db = args.db;
  options.demo = args.demo;
  options.import_dirs = args.import_dirs;
  options.media_dirs = args.media_dirs;
  options.secure_cookies = args.secure_cookies;
  options.allow_fetch = args.allow_fetch;
  options.web_dir = args.web_dir;
  options.max_connections = args.max_connections;
  // Read here, not deeper: configuration enters through the command (DESIGN §1).
  if (const char* email = std::getenv("CHORUS_ADMIN_EMAIL"); email && *email) {
    options.admin_email = email;
  }
  if (const char* password = std::getenv("CHORUS_ADMIN_PASSWORD"); password && *password) {
    options.admin_password = password;
  }
  const Status status = app::RunServe(options, out, err);
  if (!status.ok()) err << "chorus serve: " << status.ToString() << "\n";
  return ExitCodeFor(status);
}

}  // namespace chorus::cli
