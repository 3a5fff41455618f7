#include "domain/ls_result.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/annotation_result.h"
#include "domain/ls_result_parts.h"
#include "domain/ls_utf16.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

// value[key], which must be present; copied.
Result<json> Need(const json& value, const char* key, const std::string& field) {
  const auto it = value.find(key);
  if (it == value.end()) return InvalidArgument(std::string("needs ") + key, field + ".value");
  return *it;
}

// Span offsets from UTF-16 units (Label Studio's) to code points (Chorus's) in the covered data
// field. Offsets that are not integers, or a field that is not text, are left to the validator.
Status SpanOffsetsFromUtf16(const Control& control, const json& task_data,
                            const std::string& region_id, const std::string& field, json& span) {
  if (!task_data.is_object() || control.to.empty()) return Status::Ok();
  const auto text = task_data.find(control.to[0]);
  if (text == task_data.end() || !text->is_string()) return Status::Ok();
  const std::string& utf8 = text->get_ref<const std::string&>();
  const std::string region = region_id.empty() ? "this region" : "region \"" + region_id + "\"";
  for (const char* key : {"start", "end"}) {
    if (!span[key].is_number_integer()) continue;
    const int64_t units = span[key].get<int64_t>();
    const CodePointOffset offset = CodePointsFromUtf16(utf8, units);
    const std::string at = region + ": " + key + " " + std::to_string(units);
    if (offset.outcome == Utf16Offset::kOk) {
      span[key] = offset.code_points;
    } else if (offset.outcome == Utf16Offset::kInsidePair) {
      return InvalidArgument(at +
                                 " (UTF-16 units, as Label Studio counts) falls inside one "
                                 "character of data." +
                                 control.to[0] +
                                 " (between the halves of a surrogate pair, as in an emoji); "
                                 "fix the region's offsets in Label Studio",
                             field + ".value." + key);
    }
    // Past the end, or negative: left as it is for the validator, which refuses it.
  }
  return Status::Ok();
}

#define CHORUS_LS_NEED(out, key)      \
  auto out = Need(value, key, field); \
  if (!out.ok()) return out.status();

// One region's value, added to `answer` (the control's part of the result).
// A control with one answer per task (rating, number, text) takes one region: a second would
// overwrite the first, as Label Studio's per-region answers (perRegion) would.
Status OnlyOneRegion(const json& answer, const char* key, const std::string& field) {
  if (!answer.contains(key)) return Status::Ok();
  return InvalidArgument("is a second answer to a control that takes one per task; per-region "
                         "answers (perRegion) are not imported",
                         field);
}

Status AddRegion(const Control& control, const json& value, const json& task_data,
                 const std::string& region_id, const std::string& field, json& answer) {
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
      auto label = ls::FirstLabel(value, "labels", field);
      if (!label.ok()) return label.status();
      json region = {{"start", *start}, {"end", *end}, {"label", *label}};
      // The covered text, which Chorus checks against the offsets.
      const auto text = value.find("text");
      if (control.type == ControlType::kSpans && text != value.end() && text->is_string()) {
        region["text"] = *text;
      }
      if (control.type == ControlType::kSpans) {
        CHORUS_RETURN_IF_ERROR(SpanOffsetsFromUtf16(control, task_data, region_id, field, region));
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
      auto label = ls::FirstLabel(value, "rectanglelabels", field);
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
      auto label = ls::FirstLabel(value, "polygonlabels", field);
      if (!label.ok()) return label.status();
      answer["polygons"].push_back({{"points", *points}, {"label", *label}});
      return Status::Ok();
    }
    case ControlType::kRating: {
      CHORUS_LS_NEED(rating, "rating");
      CHORUS_RETURN_IF_ERROR(OnlyOneRegion(answer, "rating", field));
      answer["rating"] = *rating;
      return Status::Ok();
    }
    case ControlType::kNumber: {
      CHORUS_LS_NEED(number, "number");
      CHORUS_RETURN_IF_ERROR(OnlyOneRegion(answer, "number", field));
      answer["number"] = *number;
      return Status::Ok();
    }
    case ControlType::kText: {
      CHORUS_LS_NEED(text, "text");
      CHORUS_RETURN_IF_ERROR(OnlyOneRegion(answer, "text", field));
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
    case ControlType::kKeypoints: return ls::ImportKeypoint(control, value, field, answer);
    case ControlType::kVideoTracks: return ls::ImportVideoTrack(control, value, field, answer);
    case ControlType::kVideoSegments: return ls::ImportVideoSegment(control, value, field, answer);
    case ControlType::kPairwise: return ls::ImportPairwise(value, field, answer);
    case ControlType::kRanking: return ls::ImportRanking(control, value, task_data, field, answer);
    default:
      return InvalidArgument(std::string("Label Studio regions of ") +
                                 ControlTypeName(control.type) +
                                 " controls are not converted; send this result in Chorus's "
                                 "shape (an object keyed by control name)",
                             field + ".from_name");
  }
}

#undef CHORUS_LS_NEED

// Whether Chorus relations may link the regions of `type`.
bool Linkable(ControlType type) {
  return type == ControlType::kSpans || type == ControlType::kRectangles ||
         type == ControlType::kPolygons;
}

}  // namespace

namespace ls {

Result<std::string> FirstLabel(const json& value, const char* key, const std::string& field) {
  const auto it = value.find(key);
  if (it == value.end() || !it->is_array() || it->empty() || !(*it)[0].is_string()) {
    return InvalidArgument(std::string("needs ") + key + ": a list with one label",
                           field + ".value." + key);
  }
  return (*it)[0].get<std::string>();
}

Result<double> NeedNumber(const json& value, const char* key, const std::string& field) {
  const auto it = value.find(key);
  if (it == value.end() || !it->is_number()) {
    return InvalidArgument(std::string("needs ") + key + ": a number", field + "." + key);
  }
  return it->get<double>();
}

}  // namespace ls

Result<json> FromLabelStudioResult(const LabelInterface& label_interface, const json& result) {
  return FromLabelStudioResult(label_interface, result, json());
}

Result<json> FromLabelStudioResult(const LabelInterface& label_interface, const json& result,
                                   const json& task_data) {
  if (result.is_object()) return result;  // Chorus's own shape.
  if (!result.is_array()) {
    return InvalidArgument("must be a list of Label Studio regions or a Chorus result object",
                           "result");
  }
  json out = json::object();
  std::vector<size_t> transcriptions;  // Indices of per-region textarea regions.
  std::map<std::string, std::pair<std::string, size_t>> segments;  // Region id -> segment.
  std::vector<size_t> relations;  // Indices of relation items: linked once all regions are in.
  ls::RegionIds linkable;         // Region id -> span, box or polygon.
  for (size_t i = 0; i < result.size(); ++i) {
    const std::string field = "result[" + std::to_string(i) + "]";
    const json& region = result[i];
    if (!region.is_object()) return InvalidArgument("must be an object", field);
    if (region.value("type", json()) == "relation") {
      relations.push_back(i);
      continue;
    }
    const auto name = region.find("from_name");
    if (name == region.end() || !name->is_string()) {
      return InvalidArgument("needs from_name: the control it answers", field + ".from_name");
    }
    const Control* control = FindControl(label_interface, name->get<std::string>());
    if (control == nullptr && region.value("type", json()) == "videorectangle") {
      // Some exports name the <Labels> of the video, which Chorus folds into the track control.
      control = FirstControlOfType(label_interface, ControlType::kVideoTracks);
    }
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
    const std::string region_id = ls::RegionId(region);
    json& answer = out[control->name];
    CHORUS_RETURN_IF_ERROR(AddRegion(*control, *value, task_data, region_id, field, answer));
    if (Linkable(control->type) && !region_id.empty()) {
      const json& regions = answer[ResultKey(control->type)];
      linkable[region_id] = {control->name, regions.size() - 1};
    }
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
                                 "with the same id; a control the config import listed as "
                                 "unsupported is not imported: remove its regions",
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
  for (const size_t i : relations) {
    CHORUS_RETURN_IF_ERROR(ls::ImportRelation(label_interface, linkable, result[i],
                                              "result[" + std::to_string(i) + "]", out));
  }
  return out;
}

}  // namespace chorus::domain
