// Chorus result -> Label Studio regions (ls_result.h), for the Label Studio export.
#include <cstdint>
#include <string>

#include "domain/ls_result.h"
#include "domain/ls_result_parts.h"
#include "domain/ls_utf16.h"

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

// A span with its offsets in UTF-16 units of the covered text (as they are without it).
json SpanToUtf16(const Control& control, const json& task_data, json span) {
  const json text = task_data.is_object() && !control.to.empty()
                        ? task_data.value(control.to[0], json())
                        : json();
  if (!text.is_string()) return span;
  for (const char* key : {"start", "end"}) {
    if (!span.value(key, json()).is_number_integer()) continue;
    const auto units = Utf16FromCodePoints(text.get_ref<const std::string&>(), span[key]);
    if (units) span[key] = *units;
  }
  return span;
}

}  // namespace

LabelStudioRegions ToLabelStudioResult(const LabelInterface& label_interface,
                                       const std::map<std::string, std::string>& object_names,
                                       const json& result) {
  return ToLabelStudioResult(label_interface, object_names, result, json());
}

LabelStudioRegions ToLabelStudioResult(const LabelInterface& label_interface,
                                       const std::map<std::string, std::string>& object_names,
                                       const json& result, const json& task_data) {
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
    const auto add_all = [&](std::vector<ls::RegionOut> regions) {
      for (ls::RegionOut& region : regions) add(region.type.c_str(), std::move(region.value));
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
          add("labels",
              labelled(SpanToUtf16(control, task_data, span), "labels", {"start", "end", "text"}));
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
      case ControlType::kKeypoints: add_all(ls::ExportKeypoints(*answer)); break;
      case ControlType::kVideoTracks: add_all(ls::ExportVideoTracks(control, *answer)); break;
      case ControlType::kVideoSegments: add_all(ls::ExportVideoSegments(control, *answer)); break;
      case ControlType::kPairwise: {
        std::vector<ls::RegionOut> regions = ls::ExportPairwise(*answer);
        if (regions.empty()) {
          out.skipped.push_back(control.name + " (a " + answer->value("choice", std::string()) +
                                " answer; Label Studio's pairwise has only left and right)");
        }
        // Label Studio's pairwise region points at itself.
        for (ls::RegionOut& region : regions)
          add(region.type.c_str(), std::move(region.value))["to_name"] = control.name;
        break;
      }
      case ControlType::kRanking: add_all(ls::ExportRanking(control, *answer, task_data)); break;
      case ControlType::kRelations:
        for (json& item : ls::ExportRelations(control, *answer))
          out.regions.push_back(std::move(item));
        break;
      case ControlType::kPolylines:
        out.skipped.push_back(control.name + " (polylines: Label Studio has no open lines)");
        break;
    }
  }
  return out;
}

}  // namespace chorus::domain
