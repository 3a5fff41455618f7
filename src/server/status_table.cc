#include "server/status_table.h"

namespace chorus::server {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    // 422, not 412: 412 tells clients an If-Match/If-Unmodified-Since header failed, and a
    // stale version is a conflict (409). 422 says "understood, but cannot be done now".
    case StatusCode::kFailedPrecondition: return 422;
    // 429 Too Many Requests (RFC 6585 section 4); the route adds Retry-After.
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kInternal: return 500;
    case StatusCode::kUnavailable: return 503;
    // 501 Not Implemented: this server does not offer the feature (RFC 9110 section 15.6.2);
    // unlike 503, no Retry-After, since asking again cannot succeed.
    case StatusCode::kDisabled: return 501;
  }
  return 500;  // A value outside the enum: treat as a bug.
}

}  // namespace chorus::server
