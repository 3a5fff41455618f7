// The one table that maps chorus::StatusCode to an HTTP status (DESIGN §5: "the server maps
// codes to HTTP in one place"); docs/server.md shows it. The CLI's counterpart is
// src/cli/exit_codes.h.
// Thread-safety: pure function.
#pragma once

#include "core/status.h"

namespace chorus::server {

// kOk 200, kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404,
// kConflict 409, kFailedPrecondition 422, kResourceExhausted 429, kInternal 500,
// kUnavailable 503.
int HttpStatusFor(StatusCode code);

}  // namespace chorus::server
