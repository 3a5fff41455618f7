// Maps a method and a path to a handler. Patterns are literal segments and {name}
// parameters, e.g. "/api/v1/projects/{id}/tasks"; a parameter matches exactly one non-empty
// segment, percent-decoded after splitting on '/', so "%2F" stays inside the value. When
// several patterns match, the one whose first differing segment is literal wins
// ("/projects/new" before "/projects/{id}"). No trailing-slash or case folding.
// Unknown path: 404. Known path, other method: 405 with Allow (RFC 9110 section 15.5.6).
// Paths not matched by any route go to the fallback (static assets), then 404.
//
// Thread-safety: build it on one thread; after that Find and the handlers' lookup are const
// and safe to call concurrently (the server owns it and never changes it after Start).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "server/http_message.h"

namespace chorus::server {

struct RouteOptions {
  // Largest request body accepted; larger gets 413 before it is buffered (catalogue 23).
  uint64_t max_body_bytes = 1 << 20;
  // The body goes to a temporary file (HttpRequest::body_file) instead of memory, so large
  // uploads take disk, not RAM; the read deadline then applies to each chunk, not the whole.
  bool spool_body = false;
};

// Serves paths no route matches; returns nullopt for "not mine" (then 404).
using FallbackHandler = std::function<std::optional<HttpResponse>(const HttpRequest&)>;

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" marks a parameter.
    HttpHandler handler;
    RouteOptions options;
  };

  struct Match {
    enum Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = kNotFound;
    const Route* route = nullptr;                            // Set when kFound.
    std::map<std::string, std::string, std::less<>> params;  // Set when kFound.
    std::string allow;                                       // "GET, POST" when kMethodNotAllowed.
  };

  // Adds a route. Errors: a pattern that does not start with '/', has an empty segment or an
  // unbalanced/empty {}, a parameter named twice, or the same method and pattern shape twice.
  [[nodiscard]] Status Add(std::string_view method, std::string_view pattern, HttpHandler handler,
                           RouteOptions options = {});

  void SetFallback(FallbackHandler fallback) { fallback_ = std::move(fallback); }
  const FallbackHandler& fallback() const { return fallback_; }
  // Every route, in the order added (for documentation checks).
  const std::vector<Route>& routes() const { return routes_; }

  // `path` is the raw (percent-encoded) path without the query.
  Match Find(std::string_view method, std::string_view path) const;

  // How to read a request's body: its route's options, or the default RouteOptions when no
  // route matches (static assets, 404s). Called after the header is read, before the body.
  RouteOptions OptionsFor(std::string_view method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
  FallbackHandler fallback_;
};

}  // namespace chorus::server
