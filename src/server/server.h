// The HTTP/1.1 server: a listener and one coroutine per connection (Boost.Asio C++20
// coroutines and Beast, confined to server.cc), handing each request to the Dispatcher on a
// worker pool so blocking work (database, password hashing) never stalls the network thread.
//
// Limits (catalogue 23, 83): per-route body limit enforced while reading (413 before the
// body is buffered, for Content-Length and chunked bodies), header size limit (431), a
// deadline for reading each request (headers and body; slow clients are disconnected), a
// cap on open connections (503 beyond it), keep-alive. Stop() is graceful: it stops
// accepting, closes idle keep-alive connections, lets requests in flight finish for up to
// drain_timeout, then stops.
//
// Thread-safety: Start and Stop may be called from any thread, Stop more than once; the
// router is moved in and never changes afterwards.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/status.h"
#include "server/dispatcher.h"
#include "server/router.h"

namespace chorus::server {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";            // host:port; port 0 picks a free port.
  size_t max_header_bytes = 16 * 1024;              // Request line plus headers; larger gets 431.
  std::chrono::milliseconds read_timeout{15'000};   // To read one whole request.
  std::chrono::milliseconds idle_timeout{60'000};   // Keep-alive wait for the next request.
  std::chrono::milliseconds write_timeout{30'000};  // To write one response.
  std::chrono::milliseconds drain_timeout{5'000};   // Stop(): wait for requests in flight.
  size_t max_connections = 2000;  // Open connections; more get 503 and are closed.
  int network_threads = 1;        // Threads running the sockets (they never block).
  int worker_threads = 0;         // Threads running handlers (they block); 0: 64 or more.
  LogFunction log;                // Internal errors; empty: standard error.
  std::string spool_dir;          // Spooled request bodies (RouteOptions); "": the temp directory.
};

// "127.0.0.1:8080" / "[::1]:8080" / "localhost:0" -> host and port, or kInvalidArgument
// naming --listen.
struct ListenAddress {
  std::string host;
  int port = 0;
};
Result<ListenAddress> ParseListenAddress(std::string_view text);

class Server {
 public:
  Server(Router router, ServerOptions options);
  ~Server();  // Stop().
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads; returns once requests are being accepted.
  // Errors: kInvalidArgument (bad address), kUnavailable (cannot bind).
  // REQUIRES: called once.
  Status Start();
  void Stop();

  int port() const;         // The bound port (useful with port 0). REQUIRES: Start() ok.
  std::string url() const;  // "http://127.0.0.1:8080". REQUIRES: Start() ok.

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chorus::server
