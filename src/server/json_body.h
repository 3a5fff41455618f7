// JSON in and out of handlers, with the limits of the security catalogue (entries 24-27):
// a byte limit, a nesting limit checked by a flat scan BEFORE parsing (100,000 nested '['
// give 400 "nesting too deep" without deep recursion or allocation), an element limit, strict
// RFC 8259 (no NaN/Infinity, comments or trailing commas), well-formed UTF-8 (RFC 3629;
// lone surrogate escapes such as "\ud800" are rejected by nlohmann's lexer), and no
// duplicate keys in an object. A body that is not Content-Type application/json is refused,
// which also stops cross-site form posts and text/plain "simple requests" (catalogue 55).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "server/http_message.h"

namespace chorus::server {

struct JsonLimits {
  size_t max_bytes = 1 << 20;     // Body size; the transport's per-route limit comes first.
  int max_depth = 32;             // Nested arrays/objects (Boost.JSON's default, ASVS 5.2.1).
  size_t max_elements = 100'000;  // Array elements plus object members, over the whole body.
};

// Parses `request.body` as one JSON value. Errors are kInvalidArgument with field "body" or
// "body:LINE:COLUMN" (1-based, columns in bytes) and a message that says what to fix;
// a wrong or missing Content-Type gives field "Content-Type".
Result<nlohmann::json> ParseJsonBody(const HttpRequest& request, const JsonLimits& limits = {});

// The same checks on bare text (no Content-Type check), for bodies read by other means.
Result<nlohmann::json> ParseJsonText(std::string_view text, const JsonLimits& limits = {});

// The member names of a JSON object (sorted, as nlohmann::json keeps them), for checks of which
// fields a client sent before their values are read; empty for any other value.
std::vector<std::string> ObjectKeys(const nlohmann::json& value);

// A JSON response: Content-Type "application/json; charset=utf-8", compact body. Strings
// that are not valid UTF-8 are written with U+FFFD instead of throwing.
HttpResponse JsonResponse(int status, const nlohmann::json& body);

// kInvalidArgument naming the first field of `body` not in `known` (listed in the message),
// or "body" when it is not an object.
Status CheckFields(const nlohmann::json& body, std::initializer_list<std::string_view> known);

}  // namespace chorus::server
