#include "domain/json_fields.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace chorus::domain {

JsonFields::JsonFields(const nlohmann::json& json) : json_(json) {
  if (!json_.is_object()) status_ = InvalidArgument("expected a JSON object");
}

const nlohmann::json* JsonFields::Find(std::string_view key, bool required) {
  if (!status_.ok()) return nullptr;
  seen_.emplace(key);
  auto it = json_.find(key);
  if (it == json_.end() || (it->is_null() && !required)) {
    if (required) Fail(key, "is required");
    return nullptr;
  }
  return &*it;
}

void JsonFields::Fail(std::string_view key, std::string message) {
  if (status_.ok()) status_ = InvalidArgument(std::move(message), std::string(key));
}

void JsonFields::Int(std::string_view key, int64_t* out, bool required) {
  const nlohmann::json* v = Find(key, required);
  if (v == nullptr) return;
  if (!v->is_number_integer()) return Fail(key, "must be an integer");
  *out = v->get<int64_t>();
}

void JsonFields::Double(std::string_view key, double* out, bool required) {
  const nlohmann::json* v = Find(key, required);
  if (v == nullptr) return;
  if (!v->is_number()) return Fail(key, "must be a number");
  *out = v->get<double>();
}

void JsonFields::OptionalInt(std::string_view key, std::optional<int64_t>* out) {
  int64_t value = 0;
  bool present = json_.is_object() && json_.contains(key) && !json_.at(std::string(key)).is_null();
  Int(key, &value);
  if (status_.ok()) {
    *out = present ? std::optional<int64_t>(value) : std::nullopt;
  }
}

void JsonFields::Bool(std::string_view key, bool* out, bool required) {
  const nlohmann::json* v = Find(key, required);
  if (v == nullptr) return;
  if (!v->is_boolean()) return Fail(key, "must be true or false");
  *out = v->get<bool>();
}

void JsonFields::String(std::string_view key, std::string* out, bool required) {
  const nlohmann::json* v = Find(key, required);
  if (v == nullptr) return;
  if (!v->is_string()) return Fail(key, "must be a string");
  *out = v->get<std::string>();
}

void JsonFields::OptionalString(std::string_view key, std::optional<std::string>* out) {
  std::string value;
  bool present = json_.is_object() && json_.contains(key) && !json_.at(std::string(key)).is_null();
  String(key, &value);
  if (status_.ok()) *out = present ? std::optional<std::string>(value) : std::nullopt;
}

void JsonFields::StringMap(std::string_view key, std::map<std::string, std::string>* out) {
  const nlohmann::json* v = Find(key, false);
  if (v == nullptr) return;
  if (!v->is_object()) return Fail(key, "must be an object of strings");
  std::map<std::string, std::string> map;
  for (const auto& [k, value] : v->items()) {
    if (!value.is_string()) return Fail(std::string(key) + "." + k, "must be a string");
    map.emplace(k, value.get<std::string>());
  }
  *out = std::move(map);
}

void JsonFields::JsonText(std::string_view key, std::string* out, bool required) {
  const nlohmann::json* v = Find(key, required);
  if (v == nullptr) return;
  *out = v->dump();
}

Status JsonFields::Finish() const {
  if (!status_.ok()) return status_;
  for (const auto& [key, value] : json_.items()) {
    if (!seen_.contains(key)) {
      return InvalidArgument("is not a known field; remove it", key);
    }
  }
  return Status::Ok();
}

Status UnderField(const Status& status, std::string_view prefix) {
  if (status.ok()) return status;
  return Status(status.code(), status.message(), std::string(prefix) + status.field());
}

Status CheckJsonText(std::string_view text, std::string_view field) {
  // Accepting builds no document: stored rows are checked on every insert and import.
  if (nlohmann::json::accept(text)) return Status::Ok();
  try {
    [[maybe_unused]] nlohmann::json parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(
        "is not valid JSON (byte " + std::to_string(e.byte) + "); send a JSON value",
        std::string(field));
  }
  return Status::Ok();
}

nlohmann::json JsonFromText(const std::string& text) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return text;
  return value;
}

}  // namespace chorus::domain
