// Small helpers for validating nested JSON with the path of the value at fault in errors
// ("controls[2].labels[5]", "result.boxes.boxes[0].x"), shared by the label interface and the
// annotation result validators.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

// "parent.key", or "key" when `parent` is empty.
std::string FieldPath(std::string_view parent, std::string_view key);
// "parent[index]".
std::string IndexPath(std::string_view parent, size_t index);

// kInvalidArgument at `path` unless `value` is an object whose keys are all in `known`; the
// first unknown key is named (path.key) with the known ones listed.
Status CheckObject(const nlohmann::json& value, std::initializer_list<std::string_view> known,
                   std::string_view path);

// The number of Unicode code points in well-formed UTF-8 `text`.
size_t CodePointCount(std::string_view text);

// Text a person typed as a name or label: 1..max_bytes of UTF-8 without control characters.
// kInvalidArgument at `path` otherwise, saying what the text must be.
Status CheckLabelText(const nlohmann::json& value, size_t max_bytes, std::string_view path);

}  // namespace chorus::domain
