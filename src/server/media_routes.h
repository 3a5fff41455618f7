// `GET /api/v1/media?root=N&path=REL`: files from the directories the administrator allowed
// with `chorus serve --media-dir DIR` (root N is the N-th --media-dir, 0-based, default 0), so
// tasks can name their images, audio and video as "/api/v1/media?path=cats/1.jpg".
//
// Security (catalogue entries 38, 41, 80): the path is resolved by core/allowed_roots.h
// (canonical, symlinks followed, must stay inside that root; outside, missing and not a
// regular file are one 404). The Content-Type comes from a small extension allowlist, never
// from the file; anything else, SVG included (it can carry script), is sent as
// application/octet-stream with Content-Disposition: attachment. The dispatcher adds
// X-Content-Type-Options: nosniff and the CSP to every response. Any signed-in user may read
// media (Action::kAnnotate: annotators load the media of the tasks they label); media is not
// scoped per project.
//
// `GET /api/v1/media/fetch?url=https://...`: media a task names by URL, fetched through the
// outbound guard (service/media_fetch.h: public http(s) addresses unless --allow-fetch opens
// more, redirects re-checked, size and time capped) and passed on only when the upstream calls
// it an image, audio or video (else 415, nothing sent on); every fetch failure is the one
// generic 400 of service/outbound/outbound_fetcher.h, its reason logged, never sent. Same
// action as /api/v1/media.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/allowed_roots.h"
#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/media_fetch.h"
#include "service/outbound/outbound_fetcher.h"

namespace chorus::server {

struct MediaType {
  std::string content_type;  // What to send as Content-Type.
  bool attachment = false;   // Send with Content-Disposition: attachment (not shown inline).
};

// The type a media file named `path` is served as, from its extension (case-insensitive).
MediaType MediaTypeOf(std::string_view path);

// `Content-Disposition: attachment` for a file called `name`, per RFC 6266: an ASCII fallback
// with anything but [A-Za-z0-9._-] replaced by '_', and the exact name as RFC 8187 filename*.
std::string AttachmentDisposition(std::string_view name);

struct MediaFetchRouteOptions {
  // The guard `GET /api/v1/media/fetch` fetches through; null: the route answers 501.
  std::shared_ptr<const service::OutboundFetcher> fetcher;
  service::MediaFetchLimits limits;  // Size and time caps of one media fetch.
};

// REQUIRES: authenticator outlives the router.
[[nodiscard]] Status AddMediaRoutes(Router& router,
                                    std::shared_ptr<service::Authenticator> authenticator,
                                    AllowedRoots media_roots, MediaFetchRouteOptions fetch = {});

}  // namespace chorus::server
