// Media by URL (issue: "tasks: ... media by URL"): a task may name its image, audio or video
// by an http(s) URL; the browser loads it through the server (GET /api/v1/media/fetch), which
// fetches it with the one outbound guard (service/outbound/outbound_fetcher.h) and passes it
// on only when the upstream calls it an image, audio or video. The web app's CSP
// (default-src 'self') would block a direct load from another origin anyway, and the browser
// never learns the address of a private server it could not reach itself.
//
// Accepted types: image/*, audio/* and video/*, except any subtype naming svg, xml or html
// (an SVG image can carry script; catalogue entry 41). The type is sent in lower case and
// without parameters; the body is held in memory, so the limit is small.
// Thread-safety: pure functions over a thread-safe fetcher.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "service/outbound/outbound_fetcher.h"

namespace chorus::service {

// The Content-Type to send media of upstream type `content_type` with ("image/png" for
// "Image/PNG; charset=x"), or nullopt when it is not an accepted media type.
std::optional<std::string> InlineMediaType(std::string_view content_type);

struct MediaFetchLimits {
  uint64_t max_bytes = uint64_t{32} << 20;    // Largest media body passed on.
  std::chrono::milliseconds timeout{30'000};  // For the whole fetch, redirects included.
};

struct FetchedMedia {
  std::string content_type;  // From InlineMediaType; empty when unsupported_type.
  std::string body;
  bool unsupported_type = false;  // Fetched, but not an image, audio or video: nothing kept.
};

// Fetches `url` for display. Errors: FetchError() for every fetch failure (`why` says what).
Result<FetchedMedia> FetchMedia(const OutboundFetcher& fetcher, std::string_view url,
                                const MediaFetchLimits& limits = {}, FetchFailure* why = nullptr);

}  // namespace chorus::service
