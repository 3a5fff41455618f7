#include "server/static_assets.h"

#include <array>
#include <utility>

#include "server/error_response.h"

namespace chorus::server {

std::string_view ContentTypeFor(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".wasm", "application/wasm"},
  }};
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  const std::string_view extension = path.substr(dot);
  for (const auto& [ext, type] : kTypes) {
    if (ext == extension) return type;
  }
  return "application/octet-stream";
}

StaticAssets::StaticAssets(std::span<const EmbeddedFile> files) {
  for (const EmbeddedFile& file : files) files_.emplace(file.path, file.bytes);
}

std::optional<HttpResponse> StaticAssets::Serve(const HttpRequest& request) const {
  // Both arms string_view: a const char* arm would make a temporary std::string.
  const std::string_view path =
      request.path == "/" ? std::string_view("/index.html") : std::string_view(request.path);
  const auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  if (request.method != "GET") {
    HttpResponse response =
        MakeErrorResponse(405, "method_not_allowed", "static files accept GET only", "method",
                          request.correlation_id);
    response.headers.Set("Allow", "GET");
    return response;
  }
  HttpResponse response;
  response.content_type = std::string(ContentTypeFor(path));
  response.body = std::string(it->second);
  return response;
}

}  // namespace chorus::server
