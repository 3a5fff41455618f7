// Error responses with the one body shape of the API (DESIGN §5, docs/openapi.yaml Error):
//   {"error": {"code": "invalid_argument", "message": "...", "field": "title" | null,
//              "correlation_id": "9f2c..."}}
// Internal errors never carry internal text (catalogue entry 81): the message is generic,
// the detail goes to HttpResponse::log_note, which the dispatcher logs with the id. A 503's
// message is logged the same way (catalogue entry 20: a store that fails closed is seen).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "server/http_message.h"

namespace chorus::server {

// The response for a failed Status: HTTP status from status_table.h, code from
// StatusCodeName. REQUIRES: !status.ok().
HttpResponse ErrorResponse(const Status& status, std::string_view correlation_id);

// The same, for a refused versioned write: when the store reported the version stored now
// (a stale version, catalogue entry 11), the body carries it as error.current_version so the
// client can reload and retry. REQUIRES: !status.ok().
HttpResponse ErrorResponse(const Status& status, std::string_view correlation_id,
                           int64_t current_version);

// An error the Status codes do not name (413, 431, 405, 404 of the router): `code` is a
// stable snake_case name such as "payload_too_large". Every 503 carries Retry-After: 1.
HttpResponse MakeErrorResponse(int http_status, std::string_view code, std::string_view message,
                               std::string_view field, std::string_view correlation_id);

// The message sent for every 500.
inline constexpr std::string_view kInternalErrorMessage =
    "internal error; nothing was changed by this request unless it says otherwise. Report the "
    "correlation_id to the administrator";

}  // namespace chorus::server
