// Percent-decoding of request targets (RFC 3986 section 2.1) and query strings
// (application/x-www-form-urlencoded, WHATWG URL standard section 5.1: '+' is a space).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus::server {

// Decodes %XX escapes; nullopt when a '%' is not followed by two hex digits. With
// `plus_is_space`, '+' decodes to ' ' (query strings only; in paths '+' is literal).
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

// "a=1&b=x%20y&a=2" -> {{"a","1"},{"b","x y"},{"a","2"}}; a name without '=' gets "".
// Empty pieces ("a=1&&b=2") are skipped. nullopt when an escape is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(std::string_view query);

}  // namespace chorus::server
