#include "server/dispatcher.h"

#include <exception>
#include <random>

#include "server/error_response.h"
#include "server/url_codec.h"

namespace chorus::server {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

bool IsSafeMethod(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

// "https://host:8080" -> "host:8080"; empty when it has no scheme.
std::string_view OriginAuthority(std::string_view origin) {
  const size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return {};
  origin.remove_prefix(scheme + 3);
  return origin.substr(0, origin.find('/'));
}

}  // namespace

std::string NewCorrelationId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t bits = engine();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 15];
    bits >>= 4;
  }
  return id;
}

void ApplySecurityHeaders(std::string_view path, HttpResponse& response) {
  HeaderMap& headers = response.headers;
  headers.Set("Content-Security-Policy", kContentSecurityPolicy);
  headers.Set("X-Content-Type-Options", "nosniff");
  headers.Set("Referrer-Policy", "no-referrer");
  headers.Set("X-Frame-Options", "DENY");
  const bool api = path.starts_with("/api/") || path == "/api";
  if (api || !headers.Has("Cache-Control")) {
    headers.Set("Cache-Control", api ? "no-store" : "no-cache");
  }
  headers.Remove("Server");
  headers.Remove("X-Powered-By");
  // Content-Type and Content-Length come from their own fields; never twice.
  if (auto type = headers.Get("Content-Type"); type && response.content_type.empty()) {
    response.content_type = std::string(*type);
  }
  headers.Remove("Content-Type");
  headers.Remove("Content-Length");
}

Dispatcher::Dispatcher(const Router& router, LogFunction log)
    : router_(router), log_(std::move(log)) {}

HttpResponse Dispatcher::Handle(HttpRequest request) const {
  request.correlation_id = NewCorrelationId();
  const size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  const std::string path = request.path;
  const std::string id = request.correlation_id;
  HttpResponse response;
  try {
    response = Route(request);
  } catch (const std::exception& e) {
    response = MakeErrorResponse(500, "internal", kInternalErrorMessage, "", id);
    response.log_note = std::string("exception: ") + e.what();
  } catch (...) {
    response = MakeErrorResponse(500, "internal", kInternalErrorMessage, "", id);
    response.log_note = "exception of unknown type";
  }
  if (!response.log_note.empty() && log_) {
    log_("request " + id + " " + request.method + " " + path + " -> " +
         std::to_string(response.status) + ": " + response.log_note);
  }
  return Finish(path, id, std::move(response));
}

HttpResponse Dispatcher::Route(HttpRequest& request) const {
  const std::string& id = request.correlation_id;
  if (request.path.empty() || request.path.front() != '/') {
    return MakeErrorResponse(400, "invalid_argument",
                             "the request target must be an absolute path such as /api/v1/health",
                             "target", id);
  }
  const size_t question = request.target.find('?');
  if (question != std::string::npos) {
    auto query = ParseQuery(std::string_view(request.target).substr(question + 1));
    if (!query) {
      return MakeErrorResponse(400, "invalid_argument",
                               "the query string has a '%' not followed by two hex digits; "
                               "percent-encode '%' as %25",
                               "query", id);
    }
    request.query = std::move(*query);
  }
  if (!IsSafeMethod(request.method)) {
    if (auto origin = request.headers.Get("Origin"); origin && *origin != "null") {
      const std::string_view host = request.headers.Get("Host").value_or("");
      if (OriginAuthority(*origin) != host) {
        return MakeErrorResponse(403, "permission_denied",
                                 "cross-origin request refused: Origin does not match Host",
                                 "Origin", id);
      }
    } else if (origin) {
      return MakeErrorResponse(403, "permission_denied",
                               "cross-origin request refused: Origin is null", "Origin", id);
    }
  }

  Router::Match match = router_.Find(request.method, request.path);
  switch (match.kind) {
    case Router::Match::kFound:
      request.path_params = std::move(match.params);
      return match.route->handler(request);
    case Router::Match::kMethodNotAllowed: {
      HttpResponse response = MakeErrorResponse(
          405, "method_not_allowed",
          "this path does not accept " + request.method + "; use " + match.allow, "method", id);
      response.headers.Set("Allow", match.allow);
      return response;
    }
    case Router::Match::kNotFound: break;
  }
  if (router_.fallback()) {
    if (auto response = router_.fallback()(request)) return std::move(*response);
  }
  return MakeErrorResponse(404, "not_found", "no such resource; see docs/openapi.yaml for the API",
                           "path", id);
}

HttpResponse Dispatcher::ErrorFor(int http_status, std::string_view code, std::string_view message,
                                  std::string_view path) const {
  const std::string id = NewCorrelationId();
  return Finish(path, id, MakeErrorResponse(http_status, code, message, "", id));
}

HttpResponse Dispatcher::Finish(std::string_view path, const std::string& correlation_id,
                                HttpResponse response) const {
  ApplySecurityHeaders(path, response);
  response.headers.Set("X-Request-Id", correlation_id);
  response.log_note.clear();
  return response;
}

}  // namespace chorus::server
