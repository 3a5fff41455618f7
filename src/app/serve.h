// `chorus serve`: the composition root of the server. Builds the router (health route,
// embedded web app), starts the server, prints its URL and runs until SIGINT or SIGTERM,
// then stops gracefully. Later increments wire the store and the services here.
// Thread-safety: call from the main thread, once per process (it blocks SIGINT/SIGTERM in
// the calling thread and waits for them).
#pragma once

#include <iosfwd>
#include <string>

#include "core/status.h"

namespace chorus::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port.
  std::string version = "0.0.0";          // Reported by GET /api/v1/health.
};

// Runs the server until a stop signal. `out` receives the URL line once requests are being
// accepted ("Chorus is listening on http://127.0.0.1:8080"); `err` the shutdown note.
// Errors: bad --listen (kInvalidArgument), address in use (kUnavailable).
Status RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace chorus::app
