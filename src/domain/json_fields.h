// Reading a domain value from a JSON object field by field, with the field at fault in errors.
//
// FromJson functions use it so every type rejects the same things the same way: a field of the
// wrong type, a missing required field, and any field the type does not know (unknown fields
// are refused rather than ignored, security catalogue entry 62, mass assignment).
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

class JsonFields {
 public:
  // REQUIRES: `json` outlives the reader.
  explicit JsonFields(const nlohmann::json& json);

  // Each reader leaves `*out` unchanged when the key is absent and not required. The first
  // error wins; later calls do nothing once an error is recorded.
  void Int(std::string_view key, int64_t* out, bool required = false);
  void OptionalInt(std::string_view key, std::optional<int64_t>* out);
  void Double(std::string_view key, double* out, bool required = false);  // Finite numbers.
  void Bool(std::string_view key, bool* out, bool required = false);
  void String(std::string_view key, std::string* out, bool required = false);
  void OptionalString(std::string_view key, std::optional<std::string>* out);
  void StringMap(std::string_view key, std::map<std::string, std::string>* out);
  // Any JSON value, stored as its compact text (task data, results, label interfaces).
  void JsonText(std::string_view key, std::string* out, bool required = false);

  // The first error, or kInvalidArgument naming the first unknown field, or ok.
  Status Finish() const;

 private:
  const nlohmann::json* Find(std::string_view key, bool required);
  void Fail(std::string_view key, std::string message);

  const nlohmann::json& json_;
  std::set<std::string, std::less<>> seen_;
  Status status_;
};

// `status` with its field moved under `prefix` ("gold." and "rate" make "gold.rate"), for an
// object read inside another; ok stays ok.
Status UnderField(const Status& status, std::string_view prefix);

// Parses `text` as JSON; kInvalidArgument naming `field` and the byte offset otherwise.
Status CheckJsonText(std::string_view text, std::string_view field);

// The JSON value stored as text, for embedding in a response (a string when it does not parse).
nlohmann::json JsonFromText(const std::string& text);

}  // namespace chorus::domain
