// The plain request and response that route handlers see. Nothing here includes Asio or
// Beast: the transport (server.cc) converts to and from the wire, so a handler file compiles
// in a second or two and can be unit-tested without a socket.
//
// Thread-safety: value types. A handler receives its request by const reference on a worker
// thread and returns a response by value; neither is shared.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus::server {

// HTTP header fields in arrival order with case-insensitive names (RFC 9110 section 5.1).
class HeaderMap {
 public:
  // The first value of `name`, or nullopt when absent.
  std::optional<std::string_view> Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  // Replaces every field called `name` with one field (no duplicates, catalogue entry 80).
  void Set(std::string_view name, std::string_view value);
  // Appends a field, keeping earlier ones with the same name (Set-Cookie).
  void Add(std::string_view name, std::string_view value);
  void Remove(std::string_view name);

  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// True when `a` and `b` are equal ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// A request body the transport wrote to a temporary file (RouteOptions::spool_body). The file
// is deleted when the last reference goes.
class SpooledBody {
 public:
  explicit SpooledBody(std::string path) : path_(std::move(path)) {}
  ~SpooledBody();
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct HttpRequest {
  std::string method;  // As sent, e.g. "GET", "POST" (methods are case-sensitive).
  std::string target;  // The raw request target: "/api/v1/tasks?limit=10".
  std::string path;    // The target before '?', still percent-encoded.
  std::vector<std::pair<std::string, std::string>> query;  // Decoded, in order, repeats kept.
  HeaderMap headers;
  std::string body;  // At most the route's max_body_bytes (the transport enforces it).
  std::shared_ptr<const SpooledBody> body_file;  // Instead of body on spooling routes.
  std::string remote_address;                    // "127.0.0.1:53412" or "[::1]:53412".
  std::map<std::string, std::string, std::less<>> path_params;  // {name} -> decoded segment.
  std::string correlation_id;  // Echoed as X-Request-Id and in error bodies; for logs.

  // The first decoded value of query parameter `name`, or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
  // The decoded value of path parameter `name` ({name} in the route pattern), or "".
  const std::string& PathParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // Sent as Content-Type when not empty.
  HeaderMap headers;         // Extra headers; security headers are added by the dispatcher.
  std::string body;
  // When set, the body is this file's content, streamed from disk (`body` is ignored). Only
  // paths the server made itself (finished export files), never a path from a request.
  std::string body_path;
  // The file at body_path is the response's own (a synchronous export): the server removes it
  // once it has opened it, and the open descriptor keeps the content until it is sent.
  bool remove_body_file = false;
  // Logged with the correlation id by the dispatcher, never sent (internal error details).
  std::string log_note;
};

// A route handler. It may run on any worker thread, concurrently with other requests, and
// may block (database, hashing). Exceptions become a generic 500 with a correlation id.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace chorus::server
