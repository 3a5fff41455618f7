#include "quality/ingest/jsonl_row_parser.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <vector>

#include "quality/ingest/role_reader.h"

namespace chorus::quality {
namespace {

namespace od = simdjson::ondemand;

constexpr int kMaxDepth = 64;

std::string_view TrimJsonSpace(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

const char* TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "a value";
}

// Reads every token of a value we do not use, so that malformed JSON there is still caught.
simdjson::error_code Walk(od::value value, int depth) {
  if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
  od::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::array: {
      od::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto element : array) {
        od::value child;
        if (auto error = element.get(child)) return error;
        if (auto error = Walk(child, depth + 1)) return error;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::object: {
      od::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        if (auto error = field.error()) return error;
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        if (auto error = Walk(field.value(), depth + 1)) return error;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      const std::string_view raw = value.raw_json_token();
      return IsJsonNumber(TrimJsonSpace(raw)) ? simdjson::SUCCESS : simdjson::NUMBER_ERROR;
    }
    case od::json_type::string: {
      std::string_view text;
      return value.get_string().get(text);
    }
    case od::json_type::boolean: {
      bool flag;
      return value.get_bool().get(flag);
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

}  // namespace

struct JsonlRowParser::Impl {
  od::parser parser;
  std::vector<Role> roles;
};

JsonlRowParser::JsonlRowParser(std::span<const Role> roles) : impl_(std::make_unique<Impl>()) {
  impl_->roles.assign(roles.begin(), roles.end());
}

JsonlRowParser::~JsonlRowParser() = default;

bool IsJsonNumber(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  const auto digits = [&] {
    const size_t from = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    return i > from;
  };
  if (i < n && text[i] == '-') ++i;
  if (i < n && text[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

Status JsonlRowParser::Parse(std::string_view line, size_t readable, uint64_t line_number,
                             const std::string& source_name, RoleRow* row) {
  const std::vector<Role>& roles = impl_->roles;
  const auto fail = [&](std::string what) {
    return InvalidArgument(fmt::format("JSONL line {}: {}", line_number, what),
                           fmt::format("{}:{}:1", source_name, line_number));
  };
  const auto json_error = [&](simdjson::error_code error) {
    return fail(fmt::format("invalid JSON ({}); each line must hold one complete JSON object",
                            simdjson::error_message(error)));
  };
  od::document doc;
  if (auto error = impl_->parser.iterate(line.data(), line.size(), readable).get(doc)) {
    return json_error(error);
  }
  od::json_type doc_type;
  if (auto error = doc.type().get(doc_type)) return json_error(error);
  if (doc_type != od::json_type::object) {
    std::string example;
    for (Role role : roles) {
      example += fmt::format("{}\"{}\": \"...\"", example.empty() ? "" : ", ", RoleName(role));
    }
    return fail(fmt::format("expected a JSON object such as {{{}}}, found {}", example,
                            TypeName(doc_type)));
  }
  od::object object;
  if (auto error = doc.get_object().get(object)) return json_error(error);

  std::array<std::string_view, RoleRow::kMaxRoles> keys{};
  std::array<bool, RoleRow::kMaxRoles> seen{};
  for (auto field_result : object) {
    od::field field;
    if (auto error = std::move(field_result).get(field)) return json_error(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return json_error(error);
    const std::optional<Role> role = MatchRole(key, roles);
    if (!role) {
      if (auto error = Walk(field.value(), 1)) return json_error(error);
      continue;
    }
    size_t i = 0;
    while (roles[i] != *role) ++i;
    if (seen[i]) {
      return fail(fmt::format("keys \"{}\" and \"{}\" both name the {}; keep one", keys[i], key,
                              RoleName(*role)));
    }
    seen[i] = true;
    keys[i] = key;
    row->missing[i] = false;
    od::value value = field.value();
    od::json_type type;
    if (auto error = value.type().get(type)) return json_error(error);
    switch (type) {
      case od::json_type::string: {
        if (auto error = value.get_string().get(row->values[i])) return json_error(error);
        break;
      }
      case od::json_type::number: {
        const std::string_view raw = TrimJsonSpace(value.raw_json_token());
        if (!IsJsonNumber(raw)) {
          return fail(fmt::format("\"{}\" is not a valid JSON number ({}); write it as a string",
                                  key, raw));
        }
        row->values[i] = raw;
        break;
      }
      case od::json_type::boolean: {
        bool flag = false;
        if (auto error = value.get_bool().get(flag)) return json_error(error);
        row->values[i] = flag ? "true" : "false";
        break;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto error = value.is_null().get(is_null)) return json_error(error);
        if (!is_null) return json_error(simdjson::N_ATOM_ERROR);
        row->values[i] = {};
        row->missing[i] = true;
        break;
      }
      case od::json_type::array:
      case od::json_type::object:
        return fail(fmt::format("\"{}\" is {}; use a string or a number", key, TypeName(type)));
    }
  }
  // Past the last token there is no location: anything else is text after the object.
  if (!doc.current_location().error()) {
    return fail("extra text after the JSON object; put exactly one object on each line");
  }
  for (size_t i = 0; i < roles.size(); ++i) {
    if (seen[i]) continue;
    const bool label = roles[i] == Role::kLabel || roles[i] == Role::kGoldLabel;
    return fail(fmt::format("missing key \"{}\" (accepted names: {}); add it{}", RoleName(roles[i]),
                            RoleAliases(roles[i]), label ? " (null marks a missing label)" : ""));
  }
  return Status::Ok();
}

}  // namespace chorus::quality
