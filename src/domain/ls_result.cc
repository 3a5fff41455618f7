#include "domain/ls_result.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace chorus::domain {
namespace {

using nlohmann::json;

// The first label of value[key] (a list of strings), or an error naming it.
Result<std::string> FirstLabel(const json& value, const char* key, const std::string& field) {
  const auto it = value.find(key);
  if (it == value.end() || !it->is_array() || it->empty() || !(*it)[0].is_string()) {
    return InvalidArgument(std::string("needs ") + key + ": a list with one label",
                           field + ".value." + key);
  }
  return (*it)[0].get<std::string>();
}

// value[key], which must be present; copied.
Result<json> Need(const json& value, const char* key, const std::string& field) {
  const auto it = value.find(key);
  if (it == value.end()) return InvalidArgument(std::string("needs ") + key, field + ".value");
  return *it;
}

#define CHORUS_LS_NEED(out, key)      \
  auto out = Need(value, key, field); \
  if (!out.ok()) return out.status();

// One region's value, added to `answer` (the control's part of the result).
Status AddRegion(const Control& control, const json& value, const std::string& field,
                 json& answer) {
  switch (control.type) {
    case ControlType::kChoices: {
      CHORUS_LS_NEED(choices, "choices");
      json& list = answer["choices"];
      if (!list.is_array()) list = json::array();
      for (const json& c : *choices) list.push_back(c);
      return Status::Ok();
    }
    case ControlType::kSpans:
    case ControlType::kAudioSegments: {
      CHORUS_LS_NEED(start, "start");
      CHORUS_LS_NEED(end, "end");
      auto label = FirstLabel(value, "labels", field);
      if (!label.ok()) return label.status();
      json region = {{"start", *start}, {"end", *end}, {"label", *label}};
      // The covered text, which Chorus checks against the offsets.
      const auto text = value.find("text");
      if (control.type == ControlType::kSpans && text != value.end() && text->is_string()) {
        region["text"] = *text;
      }
      answer[control.type == ControlType::kSpans ? "spans" : "segments"].push_back(region);
      return Status::Ok();
    }
    case ControlType::kRectangles: {
      json box;
      for (const char* key : {"x", "y", "width", "height"}) {
        CHORUS_LS_NEED(number, key);
        box[key] = *number;
      }
      auto label = FirstLabel(value, "rectanglelabels", field);
      if (!label.ok()) return label.status();
      box["label"] = *label;
      const auto rotation = value.find("rotation");
      if (rotation != value.end() && rotation->is_number() && rotation->get<double>() != 0) {
        box["rotation"] = *rotation;
      }
      answer["boxes"].push_back(box);
      return Status::Ok();
    }
    case ControlType::kPolygons: {
      CHORUS_LS_NEED(points, "points");
      auto label = FirstLabel(value, "polygonlabels", field);
      if (!label.ok()) return label.status();
      answer["polygons"].push_back({{"points", *points}, {"label", *label}});
      return Status::Ok();
    }
    case ControlType::kRating: {
      CHORUS_LS_NEED(rating, "rating");
      answer["rating"] = *rating;
      return Status::Ok();
    }
    case ControlType::kNumber: {
      CHORUS_LS_NEED(number, "number");
      answer["number"] = *number;
      return Status::Ok();
    }
    case ControlType::kText: {
      CHORUS_LS_NEED(text, "text");
      if (text->is_string()) {
        answer["text"] = *text;
        return Status::Ok();
      }
      std::string joined;
      for (const json& line : text->is_array() ? *text : json::array()) {
        if (!line.is_string()) return InvalidArgument("must be text", field + ".value.text");
        if (!joined.empty()) joined += "\n";
        joined += line.get<std::string>();
      }
      answer["text"] = joined;
      return Status::Ok();
    }
    default:
      return InvalidArgument(std::string("Label Studio regions of ") +
                                 ControlTypeName(control.type) +
                                 " controls are not converted; send this result in Chorus's "
                                 "shape (an object keyed by control name)",
                             field + ".from_name");
  }
}

#undef CHORUS_LS_NEED

}  // namespace

Result<json> FromLabelStudioResult(const LabelInterface& label_interface, const json& result) {
  if (result.is_object()) return result;  // Chorus's own shape.
  if (!result.is_array()) {
    return InvalidArgument("must be a list of Label Studio regions or a Chorus result object",
                           "result");
  }
  json out = json::object();
  std::vector<size_t> transcriptions;  // Indices of per-region textarea regions.
  std::map<std::string, std::pair<std::string, size_t>> segments;  // Region id -> segment.
  for (size_t i = 0; i < result.size(); ++i) {
    const std::string field = "result[" + std::to_string(i) + "]";
    const json& region = result[i];
    if (!region.is_object()) return InvalidArgument("must be an object", field);
    const auto name = region.find("from_name");
    if (name == region.end() || !name->is_string()) {
      return InvalidArgument("needs from_name: the control it answers", field + ".from_name");
    }
    const Control* control = FindControl(label_interface, name->get<std::string>());
    if (control == nullptr && region.contains("type") && region["type"] == "textarea" &&
        region.contains("id")) {
      transcriptions.push_back(i);  // A per-region transcription: attached below.
      continue;
    }
    if (control == nullptr) {
      return InvalidArgument(
          "\"" + name->get<std::string>() + "\" is not a control of the project's label interface",
          field + ".from_name");
    }
    const auto value = region.find("value");
    if (value == region.end() || !value->is_object()) {
      return InvalidArgument("needs value: an object", field + ".value");
    }
    CHORUS_RETURN_IF_ERROR(AddRegion(*control, *value, field, out[control->name]));
    if (control->type == ControlType::kAudioSegments && region.contains("id")) {
      segments[region["id"].dump()] = {control->name, out[control->name]["segments"].size() - 1};
    }
  }
  for (const size_t i : transcriptions) {
    const json& region = result[i];
    const std::string field = "result[" + std::to_string(i) + "]";
    const auto segment = segments.find(region["id"].dump());
    if (segment == segments.end()) {
      return InvalidArgument("\"" + region["from_name"].get<std::string>() +
                                 "\" is not a control, nor a transcription of an audio segment "
                                 "with the same id",
                             field + ".from_name");
    }
    const json text = region.contains("value") && region["value"].is_object()
                          ? region["value"].value("text", json())
                          : json();
    std::string joined;
    for (const json& line : text.is_array() ? text : json::array({text})) {
      if (!line.is_string()) return InvalidArgument("must be text", field + ".value.text");
      joined += (joined.empty() ? "" : "\n") + line.get<std::string>();
    }
    out[segment->second.first]["segments"][segment->second.second]["text"] = joined;
  }
  return out;
}

}  // namespace chorus::domain
