#include "quality/ingest/function_set_reader.h"

#include <nlohmann/json.hpp>
#include <set>

namespace chorus::quality {
namespace {

using nlohmann::json;

Status FieldError(const std::string& field, const std::string& message) {
  return InvalidArgument(message, field);
}

Result<std::string> Text(const json& object, const std::string& key, const std::string& at) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) {
    return FieldError(at + "." + key, "expected a string");
  }
  return found->get<std::string>();
}

Result<LabellingFunction> ParseFunction(const json& item, const std::string& at,
                                        const std::set<std::string>& labels) {
  if (!item.is_object()) return FieldError(at, "expected an object");
  static const std::set<std::string> kKnown = {"name",    "kind",           "keywords",
                                               "pattern", "case_sensitive", "label"};
  for (const auto& [key, value] : item.items()) {
    if (!kKnown.contains(key)) {
      return FieldError(at + "." + key,
                        "unknown field; a function has name, kind, keywords or pattern, "
                        "case_sensitive and label");
    }
  }
  LabellingFunctionSpec spec;
  auto name = Text(item, "name", at);
  auto kind = Text(item, "kind", at);
  auto label = Text(item, "label", at);
  if (!name.ok()) return name.status();
  if (!kind.ok()) return kind.status();
  if (!label.ok()) return label.status();
  spec.name = *name;
  spec.label = *label;
  if (!labels.contains(spec.label)) {
    return FieldError(at + ".label", "\"" + spec.label + "\" is not one of \"labels\"");
  }
  if (*kind == "keyword") {
    spec.kind = FunctionKind::kKeyword;
    const auto keywords = item.find("keywords");
    if (keywords == item.end() || !keywords->is_array()) {
      return FieldError(at + ".keywords", "a keyword function needs a list of keywords");
    }
    for (const json& keyword : *keywords) {
      if (!keyword.is_string()) return FieldError(at + ".keywords", "keywords are strings");
      spec.keywords.push_back(keyword.get<std::string>());
    }
  } else if (*kind == "regex") {
    spec.kind = FunctionKind::kRegex;
    auto pattern = Text(item, "pattern", at);
    if (!pattern.ok()) return pattern.status();
    spec.pattern = *pattern;
    if (const auto cs = item.find("case_sensitive"); cs != item.end()) {
      if (!cs->is_boolean()) return FieldError(at + ".case_sensitive", "expected true or false");
      spec.case_sensitive = cs->get<bool>();
    }
  } else {
    return FieldError(at + ".kind", "\"" + *kind + "\" is not a kind; use keyword or regex");
  }
  auto function = LabellingFunction::Compile(std::move(spec));
  if (!function.ok()) {
    const Status& s = function.status();
    return FieldError(at + "." + s.field(), s.message());
  }
  return function;
}

}  // namespace

Result<FunctionSet> ParseFunctionSet(std::string_view json_text) {
  const json document = json::parse(json_text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return InvalidArgument("not a JSON object with \"labels\" and \"functions\"");
  }
  FunctionSet set;
  const auto labels = document.find("labels");
  if (labels == document.end() || !labels->is_array() || labels->size() < 2) {
    return FieldError("labels", "list the labels, at least two");
  }
  std::set<std::string> known;
  for (const json& label : *labels) {
    if (!label.is_string() || label.get<std::string>().empty()) {
      return FieldError("labels", "labels are non-empty strings");
    }
    if (!known.insert(label.get<std::string>()).second) {
      return FieldError("labels", "\"" + label.get<std::string>() + "\" is listed twice");
    }
    set.labels.push_back(label.get<std::string>());
  }
  const auto functions = document.find("functions");
  if (functions == document.end() || !functions->is_array() || functions->empty()) {
    return FieldError("functions", "list at least one labelling function");
  }
  std::set<std::string> names;
  for (size_t f = 0; f < functions->size(); ++f) {
    const std::string at = "functions[" + std::to_string(f) + "]";
    auto function = ParseFunction((*functions)[f], at, known);
    if (!function.ok()) return function.status();
    if (!names.insert(function->spec().name).second) {
      return FieldError(at + ".name", "\"" + function->spec().name + "\" is used twice");
    }
    set.functions.push_back(std::move(*function));
  }
  for (const auto& [key, value] : document.items()) {
    if (key != "labels" && key != "functions") {
      return FieldError(key, "unknown field; the document has labels and functions");
    }
  }
  return set;
}

}  // namespace chorus::quality
