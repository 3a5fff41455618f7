#include "service/exports/hf_features.h"

#include <cmath>

#include "domain/annotation_result.h"

namespace chorus::service::exports {

using domain::ControlType;
using nlohmann::json;

json ValueFeature(const char* dtype) { return {{"dtype", dtype}, {"_type", "Value"}}; }
json SequenceFeature(json feature) {
  return {{"feature", std::move(feature)}, {"_type", "Sequence"}};
}

namespace {

json Struct(std::initializer_list<std::pair<const char*, json>> fields) {
  json out = json::object();
  for (const auto& [name, feature] : fields) out[name] = feature;
  return out;
}

json ListOf(json structure) { return json::array({std::move(structure)}); }

json PointsFeature() { return SequenceFeature(SequenceFeature(ValueFeature("float64"))); }

json ConformValue(const json& value, const std::string& dtype) {
  if (value.is_null()) return nullptr;
  if (dtype == "string") return value.is_string() ? value : json(value.dump());
  if (dtype == "bool") return value.is_boolean() ? value : json(nullptr);
  if (!value.is_number()) return nullptr;
  if (dtype == "float64") return value.get<double>();
  const double number = value.get<double>();  // int64: whole numbers only.
  return std::floor(number) == number ? json(value.get<int64_t>()) : json(nullptr);
}

}  // namespace

json ControlFeature(const domain::Control& c) {
  const json string = ValueFeature("string"), f64 = ValueFeature("float64");
  switch (c.type) {
    case ControlType::kChoices: return SequenceFeature(string);
    case ControlType::kSpans:
      return ListOf(Struct(
          {{"start", ValueFeature("int64")}, {"end", ValueFeature("int64")}, {"label", string}}));
    case ControlType::kRelations:
      return ListOf(Struct(
          {{"from", ValueFeature("int64")}, {"to", ValueFeature("int64")}, {"label", string}}));
    case ControlType::kRectangles:
      return ListOf(Struct({{"x", f64},
                            {"y", f64},
                            {"width", f64},
                            {"height", f64},
                            {"rotation", f64},
                            {"label", string}}));
    case ControlType::kPolygons:
    case ControlType::kPolylines:
      return ListOf(Struct({{"points", PointsFeature()}, {"label", string}}));
    case ControlType::kKeypoints:
      return ListOf(Struct({{"points", ListOf(Struct({{"label", string},
                                                      {"x", f64},
                                                      {"y", f64},
                                                      {"occluded", ValueFeature("bool")}}))}}));
    case ControlType::kAudioSegments:
    case ControlType::kVideoSegments:
      return ListOf(Struct({{"start", f64}, {"end", f64}, {"label", string}, {"text", string}}));
    case ControlType::kVideoTracks: return string;
    case ControlType::kPairwise: return string;
    case ControlType::kRanking: return SequenceFeature(ValueFeature("int64"));
    case ControlType::kRating: return ValueFeature("int64");
    case ControlType::kNumber: return f64;
    case ControlType::kText: return string;
  }
  return string;
}

json ControlFeatureValue(const domain::Control& control, const json& value) {
  if (!value.is_object()) return nullptr;
  if (control.type == ControlType::kChoices && value.value("ambiguous", false)) {
    return json::array({domain::kAmbiguousCategory});
  }
  const auto inner = value.find(domain::ResultKey(control.type));
  if (inner == value.end()) return nullptr;
  // Tracks are kept whole, as JSON text.
  return control.type == ControlType::kVideoTracks ? json(inner->dump()) : *inner;
}

json Conform(const json& value, const json& feature) {
  if (feature.is_array()) {  // A list of structs.
    if (!value.is_array()) return json::array();
    json out = json::array();
    for (const json& item : value) out.push_back(Conform(item, feature.front()));
    return out;
  }
  const std::string type = feature.value("_type", std::string());
  if (type == "Value") return ConformValue(value, feature["dtype"].get<std::string>());
  if (type == "Sequence") {
    if (!value.is_array()) return json::array();
    json out = json::array();
    for (const json& item : value) out.push_back(Conform(item, feature["feature"]));
    return out;
  }
  // A struct: exactly its keys.
  if (value.is_null()) return nullptr;
  json out = json::object();
  for (const auto& [name, field] : feature.items()) {
    out[name] = Conform(value.is_object() ? value.value(name, json()) : json(), field);
  }
  return out;
}

}  // namespace chorus::service::exports
