// `chorus serve`: the composition root of the server. Opens the store (app/open_store.h),
// creates the first administrator when there is none, seeds the demo project on request,
// builds the services and the router (health, auth, users, projects, labelling, the embedded
// web app), starts the server, prints its URL and what to do next, and runs until SIGINT or
// SIGTERM, then stops gracefully.
// Thread-safety: call from the main thread, once per process (it blocks SIGINT/SIGTERM in
// the calling thread and waits for them).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace chorus::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";      // HOST:PORT; port 0 picks a free port.
  std::string version = "0.0.0";              // Reported by GET /api/v1/health.
  std::string data_dir = "chorus-data";       // Holds chorus.db unless --db says otherwise.
  std::string db;                             // "", "sqlite:PATH" or "postgresql://...".
  bool demo = false;                          // Seed the demo project (idempotent).
  std::optional<std::string> admin_email;     // First administrator (CHORUS_ADMIN_EMAIL).
  std::optional<std::string> admin_password;  // Its password (CHORUS_ADMIN_PASSWORD).
  std::vector<std::string> import_dirs;       // --import-dir: server-side task import.
  std::vector<std::string> media_dirs;        // --media-dir: GET /api/v1/media serves these.
  bool secure_cookies = false;                // --secure-cookies: behind TLS, cookies Secure.
  std::vector<std::string> allow_fetch;       // --allow-fetch: CIDR[:PORT] outbound fetches
                                              // may reach beyond public addresses.
  std::string web_dir;                        // --web-dir: web app files ("": the embedded).
  std::optional<size_t> max_connections;      // --max-connections: more get 503; unset:
                                              // 2,000, or fewer if the file limit says so.
};

// Runs the server until a stop signal. `out` receives, once requests are being accepted, the
// URL line first ("Chorus is listening on http://127.0.0.1:8080/ (Ctrl-C stops it)"), then the
// first administrator's generated password (only when it was just created) and what to do next;
// `err` the shutdown note. Errors: bad --listen or --db, an --import-dir or --media-dir that is
// not an existing directory, a --web-dir without index.html, an --allow-fetch that is not a CIDR
// range, or a --max-connections beyond the process's file limit (kInvalidArgument naming the
// flag), address in use or
// database unreachable (kUnavailable), unsafe database (kFailedPrecondition).
Status RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace chorus::app
