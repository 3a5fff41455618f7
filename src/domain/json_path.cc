#include "domain/json_path.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace chorus::domain {

std::string FieldPath(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string path(parent);
  path += '.';
  path += key;
  return path;
}

std::string IndexPath(std::string_view parent, size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

Status CheckObject(const nlohmann::json& value, std::initializer_list<std::string_view> known,
                   std::string_view path) {
  if (!value.is_object()) return InvalidArgument("must be a JSON object", std::string(path));
  for (const auto& [key, unused] : value.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    return InvalidArgument("is not a known field here; remove it (known: " + list + ")",
                           FieldPath(path, key));
  }
  return Status::Ok();
}

size_t CodePointCount(std::string_view text) {
  // Continuation bytes are 10xxxxxx; every other byte starts a code point.
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Status CheckLabelText(const nlohmann::json& value, size_t max_bytes, std::string_view path) {
  const std::string what = "must be a string of 1 to " + std::to_string(max_bytes) +
                           " bytes of UTF-8 without control characters";
  if (!value.is_string()) return InvalidArgument(what, std::string(path));
  const auto& text = value.get_ref<const std::string&>();
  if (text.empty() || text.size() > max_bytes || !IsValidUtf8(text)) {
    return InvalidArgument(what, std::string(path));
  }
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return InvalidArgument(what, std::string(path));
  }
  return Status::Ok();
}

}  // namespace chorus::domain
