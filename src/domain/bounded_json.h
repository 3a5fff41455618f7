// JSON text parsed with a nesting limit, for bodies that do not come through the server's
// checked parser (server/json_body.h): nlohmann parses deep nesting without trouble, but copying
// or dumping a value recurses once per level, so a 200 KB body of nested brackets would run the
// stack out (security catalogue entry 25).
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace chorus::domain {

// Deeper than any task, result or file format Chorus reads.
inline constexpr int kMaxJsonDepth = 64;

// The parsed value, or a discarded one (is_discarded()) when `text` is not JSON or nests
// deeper than `max_depth`; callers say "not JSON, or nested deeper than 64 levels".
nlohmann::json ParseJsonWithinDepth(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace chorus::domain
