// Serves files embedded in the binary (the built web app) from a table: the request path is
// looked up EXACTLY, still percent-encoded, with no decoding, normalisation or filesystem
// access, so "/../x", "/%2e%2e/x" and "/static/..%2fx" can never name anything outside the
// table and get 404 (catalogue 38, 39). "/" serves "/index.html". Only GET; another method
// on an embedded path gets 405 with Allow: GET.
// Thread-safety: immutable after construction; Serve is safe to call concurrently.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "server/embedded_file.h"
#include "server/http_message.h"

namespace chorus::server {

// The Content-Type for a file name by extension ("text/html; charset=utf-8" for .html,
// "application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view path);

class StaticAssets {
 public:
  explicit StaticAssets(std::span<const EmbeddedFile> files);

  // The response for `request`, or nullopt when its path is not in the table (404 then).
  std::optional<HttpResponse> Serve(const HttpRequest& request) const;

  size_t size() const { return files_.size(); }

 private:
  std::unordered_map<std::string_view, std::string_view> files_;
};

}  // namespace chorus::server
