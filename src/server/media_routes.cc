#include "server/media_routes.h"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <utility>

#include "server/auth_guard.h"
#include "server/error_response.h"

namespace chorus::server {
namespace {

struct KnownType {
  std::string_view extension;
  std::string_view content_type;
};

// Inline-safe types only: images a browser renders without running script, audio, video,
// plain text and JSON. SVG is deliberately absent (catalogue entry 41).
constexpr KnownType kInline[] = {
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"png", "image/png"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"mp3", "audio/mpeg"},
    {"wav", "audio/wav"},
    {"ogg", "audio/ogg"},
    {"mp4", "video/mp4"},
    {"webm", "video/webm"},
    {"txt", "text/plain; charset=utf-8"},
    {"json", "application/json"},
};

HttpResponse ServeMedia(const AllowedRoots& roots, const HttpRequest& request) {
  if (roots.empty()) {
    return ErrorResponse(NotFound("this server serves no media files; an administrator starts it "
                                  "with --media-dir DIR to serve the files in DIR",
                                  "path"),
                         request.correlation_id);
  }
  size_t root = 0;
  if (auto text = request.QueryParam("root"); text) {
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), root);
    if (text->empty() || error != std::errc() || end != text->data() + text->size()) {
      return ErrorResponse(
          InvalidArgument("root must be the number of a --media-dir, from 0", "root"),
          request.correlation_id);
    }
  }
  const std::string path = request.QueryParam("path").value_or("");
  auto resolved = roots.ResolveIn(root, path, "path");
  if (!resolved.ok()) return ErrorResponse(resolved.status(), request.correlation_id);
  const MediaType type = MediaTypeOf(resolved->filename().string());
  HttpResponse response;
  response.content_type = type.content_type;
  if (type.attachment) {
    response.headers.Set("Content-Disposition",
                         AttachmentDisposition(resolved->filename().string()));
  }
  response.body_path = resolved->string();
  return response;
}

HttpResponse ServeFetchedMedia(const MediaFetchRouteOptions& options, const HttpRequest& request) {
  if (!options.fetcher) {
    return ErrorResponse(Status(StatusCode::kDisabled, "this server does not fetch URLs"),
                         request.correlation_id);
  }
  const auto url = request.QueryParam("url");
  if (!url || url->empty()) {
    return ErrorResponse(InvalidArgument("give the media's address as ?url=https://...", "url"),
                         request.correlation_id);
  }
  service::FetchFailure why;
  auto media = service::FetchMedia(*options.fetcher, *url, options.limits, &why);
  if (!media.ok()) {
    HttpResponse response = ErrorResponse(media.status(), request.correlation_id);
    response.log_note = std::string("outbound fetch refused (") +
                        service::FetchFailureName(why.reason) + "): " + why.detail;
    return response;
  }
  if (media->unsupported_type) {
    return MakeErrorResponse(415, "unsupported_media_type",
                             "the URL does not point to an image, audio or video; only those "
                             "are shown",
                             "url", request.correlation_id);
  }
  HttpResponse response;
  response.content_type = media->content_type;
  response.body = std::move(media->body);
  return response;
}

}  // namespace

MediaType MediaTypeOf(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    std::string extension(path.substr(dot + 1));
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const KnownType& known : kInline) {
      if (known.extension == extension) return {std::string(known.content_type), false};
    }
  }
  return {"application/octet-stream", true};
}

std::string AttachmentDisposition(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback, encoded;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = std::isalnum(byte) || c == '.' || c == '_' || c == '-';
    fallback += plain ? c : '_';
    if (plain) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 15];
    }
  }
  if (fallback.empty()) fallback = "download";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

Status AddMediaRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                      AllowedRoots media_roots, MediaFetchRouteOptions fetch) {
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/media",
      Guard(
          authenticator, service::Action::kAnnotate,
          [roots = std::move(media_roots)](const HttpRequest& request, const service::Principal&) {
            return ServeMedia(roots, request);
          })));
  return router.Add(
      "GET", "/api/v1/media/fetch",
      Guard(std::move(authenticator), service::Action::kAnnotate,
            [fetch = std::move(fetch)](const HttpRequest& request, const service::Principal&) {
              return ServeFetchedMedia(fetch, request);
            }));
}

}  // namespace chorus::server
