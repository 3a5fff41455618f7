// `chorus serve [--listen HOST:PORT]`: runs the HTTP server until SIGINT/SIGTERM
// (src/app/serve.h does the wiring; this file maps its Status to an exit code).
// Thread-safety: call once, from the main thread.
#pragma once

#include <iosfwd>
#include <string>

namespace chorus::cli {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";  // Address and port to listen on (port 0: any free).
};

int RunServe(const ServeArgs& args, const char* version, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
