// Chorus result -> Label Studio regions (ls_result.h), for the Label Studio export.
#include <string>

#include "domain/ls_result.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

// Text split at line breaks: Label Studio's textarea value is a list of lines.
json ExportLines(const std::string& text) {
  json lines = json::array();
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

}  // namespace

LabelStudioRegions ToLabelStudioResult(const LabelInterface& label_interface,
                                       const std::map<std::string, std::string>& object_names,
                                       const json& result) {
  LabelStudioRegions out;
  for (const Control& control : label_interface.controls) {
    const auto answer = result.find(control.name);
    if (answer == result.end()) continue;
    const auto object = object_names.find(control.to.empty() ? "" : control.to[0]);
    const std::string to_name = object == object_names.end() ? "" : object->second;
    size_t count = 0;
    const auto add = [&](const char* type, json value) -> json& {
      out.regions.push_back({{"id", control.name + "-" + std::to_string(count++)},
                             {"from_name", control.name},
                             {"to_name", to_name},
                             {"type", type},
                             {"value", std::move(value)}});
      return out.regions.back();
    };
    const auto labelled = [](const json& region, const char* key,
                             std::initializer_list<const char*> keep) {
      json value = json::object();
      for (const char* k : keep) {
        if (region.contains(k)) value[k] = region[k];
      }
      value[key] = json::array({region.value("label", json())});
      return value;
    };
    switch (control.type) {
      case ControlType::kChoices:
        if (answer->contains("choices")) {
          add("choices", {{"choices", answer->value("choices", json())}});
        } else {
          out.skipped.push_back(control.name + " (an ambiguous answer; Label Studio has none)");
        }
        break;
      case ControlType::kSpans:
        for (const json& span : answer->value("spans", json::array())) {
          add("labels", labelled(span, "labels", {"start", "end", "text"}));
        }
        break;
      case ControlType::kAudioSegments:
        for (const json& segment : answer->value("segments", json::array())) {
          const json& region = add("labels", labelled(segment, "labels", {"start", "end"}));
          if (!segment.contains("text")) continue;
          const std::string id = region["id"];
          json& transcription =
              add("textarea", {{"start", segment.value("start", json())},
                               {"end", segment.value("end", json())},
                               {"text", ExportLines(segment.value("text", std::string()))}});
          transcription["id"] = id;
          transcription["from_name"] = control.name + "_transcription";
          --count;
        }
        break;
      case ControlType::kRectangles:
        for (const json& box : answer->value("boxes", json::array())) {
          json value = labelled(box, "rectanglelabels", {"x", "y", "width", "height"});
          value["rotation"] = box.value("rotation", json(0));
          add("rectanglelabels", std::move(value));
        }
        break;
      case ControlType::kPolygons:
        for (const json& polygon : answer->value("polygons", json::array())) {
          add("polygonlabels", labelled(polygon, "polygonlabels", {"points"}));
        }
        break;
      case ControlType::kRating:
        add("rating", {{"rating", answer->value("rating", json())}});
        break;
      case ControlType::kNumber:
        add("number", {{"number", answer->value("number", json())}});
        break;
      case ControlType::kText:
        add("textarea", {{"text", ExportLines(answer->value("text", std::string()))}});
        break;
      default:
        out.skipped.push_back(control.name + " (" + ControlTypeName(control.type) +
                              ": not converted to Label Studio regions yet)");
    }
  }
  return out;
}

}  // namespace chorus::domain
