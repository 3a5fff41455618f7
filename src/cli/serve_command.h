// `chorus serve [--listen HOST:PORT] [--data DIR] [--db URL] [--demo] [--import-dir DIR]...
// [--media-dir DIR]... [--allow-fetch CIDR[:PORT]]... [--web-dir DIR] [--max-connections N]`: runs
// the HTTP server until SIGINT/SIGTERM (src/app/serve.h does the wiring; this file reads the first
// administrator from CHORUS_ADMIN_EMAIL / CHORUS_ADMIN_PASSWORD and maps the Status to an
// exit code).
// Thread-safety: call once, from the main thread.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace chorus::cli {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";  // Address and port to listen on (port 0: any free).
  std::string data_dir = "chorus-data";   // Where the SQLite database lives by default.
  std::string db;                         // sqlite:PATH or postgresql://... ("" : in data_dir).
  bool demo = false;                      // Seed the demo project.
  std::vector<std::string> import_dirs;   // Directories admins may import task files from.
  std::vector<std::string> media_dirs;    // Directories GET /api/v1/media serves.
  bool secure_cookies = false;            // Behind a TLS proxy: cookies get Secure.
  std::vector<std::string> allow_fetch;   // CIDR[:PORT] ranges outbound fetches may reach.
  std::string web_dir;                    // Serve the web app from here (web development).
  std::optional<size_t> max_connections;  // Open connections; more get 503 (unset: default).
};

int RunServe(const ServeArgs& args, const char* version, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
