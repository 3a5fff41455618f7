#include "server/json_body.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace chorus::server {
namespace {

// "body:LINE:COLUMN" for byte `offset` of `text` (1-based).
std::string Position(std::string_view text, size_t offset) {
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "body:" + std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

// One pass over the bytes that enforces depth and element limits without recursion. It
// only tracks strings and brackets; the grammar is left to nlohmann.
Status ScanLimits(std::string_view text, const JsonLimits& limits) {
  int depth = 0;
  size_t elements = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // Skip the escaped character ('"' or '\\' must not end the string).
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{':
        if (++depth > limits.max_depth) {
          return InvalidArgument("JSON nesting too deep: more than " +
                                     std::to_string(limits.max_depth) +
                                     " nested arrays or objects; flatten the document",
                                 Position(text, i));
        }
        break;
      case ']':
      case '}': --depth; break;
      case ',':
        if (++elements >= limits.max_elements) {
          return InvalidArgument("JSON has more than " + std::to_string(limits.max_elements) +
                                     " elements; send it in smaller batches",
                                 Position(text, i));
        }
        break;
      default: break;
    }
  }
  return Status::Ok();
}

// Thrown from the parser callback to stop at a duplicate key; caught below.
struct DuplicateKey {
  std::string key;
};

}  // namespace

Result<nlohmann::json> ParseJsonText(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return InvalidArgument("JSON body is " + std::to_string(text.size()) +
                               " bytes; the limit here is " + std::to_string(limits.max_bytes),
                           "body");
  }
  if (const size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    return InvalidArgument("body is not valid UTF-8; send text encoded as UTF-8",
                           Position(text, bad));
  }
  CHORUS_RETURN_IF_ERROR(ScanLimits(text, limits));

  // Per open object, the keys seen so far (keys always belong to the innermost object).
  std::vector<std::set<std::string, std::less<>>> keys;
  auto callback = [&keys](int /*depth*/, nlohmann::json::parse_event_t event,
                          nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      keys.emplace_back();
    } else if (event == Event::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == Event::key && !keys.empty()) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (!keys.back().insert(key).second) throw DuplicateKey{key};
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true,
                                 /*ignore_comments=*/false);
  } catch (const DuplicateKey& e) {
    return InvalidArgument("duplicate key \"" + e.key + "\" in a JSON object; send each key once",
                           "body");
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 4: ...";
    // keep the part a user can act on.
    std::string what = e.what();
    const size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    return InvalidArgument("malformed JSON: " + what, Position(text, offset));
  } catch (const nlohmann::json::exception& e) {
    // Out-of-range numbers and the like; the message names the value.
    std::string what = e.what();
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return InvalidArgument("invalid JSON value: " + what, "body");
  }
}

Result<nlohmann::json> ParseJsonBody(const HttpRequest& request, const JsonLimits& limits) {
  const auto type = request.headers.Get("Content-Type");
  std::string_view media = type.value_or("");
  media = media.substr(0, media.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!EqualsIgnoreCase(media, "application/json")) {
    return InvalidArgument("send the body as JSON with the header Content-Type: application/json",
                           "Content-Type");
  }
  return ParseJsonText(request.body, limits);
}

std::vector<std::string> ObjectKeys(const nlohmann::json& value) {
  std::vector<std::string> keys;
  if (!value.is_object()) return keys;
  keys.reserve(value.size());
  for (const auto& [key, member] : value.items()) keys.push_back(key);
  return keys;
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Status CheckFields(const nlohmann::json& body, std::initializer_list<std::string_view> known) {
  if (!body.is_object()) return InvalidArgument("send a JSON object", "body");
  for (const auto& [key, value] : body.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string names;
    for (std::string_view name : known) {
      names += names.empty() ? "" : ", ";
      names += name;
    }
    return InvalidArgument("unknown field \"" + key + "\"; send " + names, key);
  }
  return Status::Ok();
}

}  // namespace chorus::server
