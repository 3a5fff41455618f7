// Turns an HttpRequest from the transport into an HttpResponse: parses the target, routes,
// runs the handler, and finishes every response the same way (catalogue 80, 81):
//  - a fresh correlation id in X-Request-Id (and in error bodies);
//  - security headers on every response, errors and 404s included: Content-Security-Policy
//    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
//    X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, X-Frame-Options: DENY,
//    Cache-Control: no-store under /api/ ("no-cache" elsewhere), never a Server banner;
//  - an exception from a handler becomes a 500 with a generic body; its what() and the
//    response's log_note go to the log with the correlation id, never to the client;
//  - a state-changing request (not GET/HEAD/OPTIONS) whose Origin header names another
//    host than Host gets 403 (cross-site request forgery, catalogue 55; JSON bodies
//    additionally require Content-Type: application/json, see json_body.h).
// The transport (server.cc) calls Handle on a worker thread; it has no Asio in it so it is
// tested directly (dispatcher_test.cc).
//
// Thread-safety: Handle and ErrorFor are const and safe to call concurrently; the router
// must not change while the dispatcher is in use.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "server/http_message.h"
#include "server/router.h"

namespace chorus::server {

// Receives one line per internal error or dropped request; must be thread-safe.
using LogFunction = std::function<void(std::string_view line)>;

// A new random correlation id: 16 lower-case hex digits.
std::string NewCorrelationId();

// Sets the security headers and Cache-Control on `response` (replacing any the handler set
// with the same names, so none is sent twice) and removes a Server header.
void ApplySecurityHeaders(std::string_view path, HttpResponse& response);

class Dispatcher {
 public:
  // REQUIRES: `router` outlives the dispatcher. `log` may be empty (no logging).
  Dispatcher(const Router& router, LogFunction log);

  // REQUIRES: request.method, target, headers, body and remote_address are set.
  // Never throws.
  HttpResponse Handle(HttpRequest request) const;

  // A finished error response for failures found by the transport before a handler runs
  // (413, 431, 400 unparsable request, 503 too many connections).
  HttpResponse ErrorFor(int http_status, std::string_view code, std::string_view message,
                        std::string_view path = "/") const;

  const Router& router() const { return router_; }

 private:
  HttpResponse Route(HttpRequest& request) const;
  HttpResponse Finish(std::string_view path, const std::string& correlation_id,
                      HttpResponse response) const;

  const Router& router_;
  LogFunction log_;
};

}  // namespace chorus::server
