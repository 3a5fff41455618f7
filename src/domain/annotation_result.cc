#include "domain/annotation_result.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <tuple>

#include "core/utf8.h"
#include "domain/json_path.h"

namespace chorus::domain {
namespace {

using Json = nlohmann::json;

// Slack for coordinates computed in floating point by a browser (x + width may be 100.0000001).
constexpr double kPercentSlack = 1e-6;

std::string Quoted(const std::vector<std::string>& names) {
  std::string list;
  for (size_t i = 0; i < names.size() && i < 20; ++i) {
    list += (i == 0 ? "\"" : ", \"") + names[i] + "\"";
  }
  if (names.size() > 20) list += ", ...";
  return list;
}

Status ReadNumber(const Json& object, std::string_view key, const std::string& path, double* out) {
  auto it = object.find(key);
  if (it == object.end()) return InvalidArgument("is required", FieldPath(path, key));
  if (!it->is_number() || !std::isfinite(it->get<double>())) {
    return InvalidArgument("must be a number", FieldPath(path, key));
  }
  *out = it->get<double>();
  return Status::Ok();
}

Status ReadPercent(const Json& object, std::string_view key, const std::string& path, double* out) {
  CHORUS_RETURN_IF_ERROR(ReadNumber(object, key, path, out));
  if (*out < 0 || *out > 100) {
    return InvalidArgument("must be between 0 and 100 (percent of the image)",
                           FieldPath(path, key));
  }
  return Status::Ok();
}

Status ReadIndex(const Json& object, std::string_view key, const std::string& path, int64_t* out) {
  auto it = object.find(key);
  if (it == object.end()) return InvalidArgument("is required", FieldPath(path, key));
  if (!it->is_number_integer()) {
    return InvalidArgument("must be an integer", FieldPath(path, key));
  }
  *out = it->get<int64_t>();
  return Status::Ok();
}

// The region's "label": required and one of the control's labels.
Status CheckLabel(const Json& region, const Control& c, const std::string& path,
                  std::string* out = nullptr) {
  const std::string at = FieldPath(path, "label");
  auto it = region.find("label");
  if (it == region.end()) return InvalidArgument("is required: one of " + Quoted(c.labels), at);
  if (!it->is_string() ||
      std::find(c.labels.begin(), c.labels.end(), it->get<std::string>()) == c.labels.end()) {
    return InvalidArgument("must be one of " + Quoted(c.labels), at);
  }
  if (out != nullptr) *out = it->get<std::string>();
  return Status::Ok();
}

Status CheckList(const Json& value, const std::string& path, size_t limit = kMaxRegionsPerControl) {
  if (!value.is_array()) return InvalidArgument("must be a list", path);
  if (value.size() > limit) {
    return InvalidArgument("must have at most " + std::to_string(limit) + " items", path);
  }
  return Status::Ok();
}

Status CheckChoices(const Control& c, const Json& value, const std::string& path) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  std::set<std::string> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    if (!value[i].is_string() || std::find(c.labels.begin(), c.labels.end(),
                                           value[i].get<std::string>()) == c.labels.end()) {
      return InvalidArgument("must be one of " + Quoted(c.labels), at);
    }
    if (i > 0 && !c.multiple) {
      return InvalidArgument("this control takes a single option; keep one", at);
    }
    if (!seen.insert(value[i].get<std::string>()).second) {
      return InvalidArgument("repeats an option; select each once", at);
    }
  }
  return Status::Ok();
}

// {"ambiguous": true} on a choices control: allowed by the control, true, and alone.
Status CheckAmbiguous(const Control& c, const Json& entry, const std::string& path) {
  const std::string at = FieldPath(path, "ambiguous");
  if (!c.ambiguous) {
    return InvalidArgument("control \"" + c.name +
                               "\" does not allow an ambiguous answer; choose from its options",
                           at);
  }
  if (entry.contains("choices")) {
    return InvalidArgument("give either choices or \"ambiguous\": true, not both", at);
  }
  CHORUS_RETURN_IF_ERROR(CheckObject(entry, {"ambiguous"}, path));
  if (const Json& flag = entry.at("ambiguous"); !flag.is_boolean() || !flag.get<bool>()) {
    return InvalidArgument("must be true; to answer with options, send {\"choices\": [...]}", at);
  }
  return Status::Ok();
}

// Byte offset of each code point of `text`, plus text.size() at the end.
std::vector<size_t> CodePointOffsets(const std::string& text) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

Status CheckSpans(const Control& c, const Json& value, const std::string& path, const Json& data) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  const Json& field = data.at(c.to.front());
  if (!field.is_string()) {
    return InvalidArgument("must be text: control \"" + c.name + "\" labels spans of it",
                           FieldPath("data", c.to.front()));
  }
  const std::string& text = field.get_ref<const std::string&>();
  const std::vector<size_t> offsets = CodePointOffsets(text);
  const auto length = static_cast<int64_t>(offsets.size() - 1);
  if (length == 0 && !value.empty()) {
    return InvalidArgument("must be empty: field \"" + c.to.front() + "\" has no text to label",
                           path);
  }
  // (start, end, index) for the overlap check; (start, end, label) for duplicates.
  std::vector<std::tuple<int64_t, int64_t, size_t>> order;
  std::set<std::tuple<int64_t, int64_t, std::string>> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckObject(value[i], {"start", "end", "label", "text"}, at));
    int64_t start = 0, end = 0;
    CHORUS_RETURN_IF_ERROR(ReadIndex(value[i], "start", at, &start));
    CHORUS_RETURN_IF_ERROR(ReadIndex(value[i], "end", at, &end));
    if (start < 0 || start >= length) {
      return InvalidArgument("must be a code point offset from 0 to " + std::to_string(length - 1) +
                                 " in field \"" + c.to.front() + "\"",
                             FieldPath(at, "start"));
    }
    if (end <= start || end > length) {
      return InvalidArgument("must be after start and at most " + std::to_string(length) +
                                 " (code points, end exclusive)",
                             FieldPath(at, "end"));
    }
    std::string label;
    CHORUS_RETURN_IF_ERROR(CheckLabel(value[i], c, at, &label));
    if (auto it = value[i].find("text"); it != value[i].end()) {
      std::string_view covered(text.data() + offsets[start], offsets[end] - offsets[start]);
      if (!it->is_string() || it->get_ref<const std::string&>() != covered) {
        return InvalidArgument(
            "must equal the text the span covers, \"" + std::string(covered) + "\", or be left out",
            FieldPath(at, "text"));
      }
    }
    if (!seen.emplace(start, end, label).second) {
      return InvalidArgument("repeats another span with the same offsets and label", at);
    }
    order.emplace_back(start, end, i);
  }
  if (!c.overlap) {
    std::sort(order.begin(), order.end());
    for (size_t k = 1; k < order.size(); ++k) {
      if (std::get<0>(order[k]) < std::get<1>(order[k - 1])) {
        size_t later = std::max(std::get<2>(order[k]), std::get<2>(order[k - 1]));
        size_t earlier = std::min(std::get<2>(order[k]), std::get<2>(order[k - 1]));
        return InvalidArgument("overlaps " + IndexPath(path, earlier) + "; control \"" + c.name +
                                   "\" does not allow overlapping spans",
                               IndexPath(path, later));
      }
    }
  }
  return Status::Ok();
}

Status CheckRelations(const Control& c, const Json& value, const std::string& path,
                      const LabelInterface& li, const Json& result) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  size_t regions = 0;
  if (const Control* target = FindControl(li, c.between); target != nullptr) {
    auto it = result.find(c.between);
    if (it != result.end() && it->is_object()) {
      auto list = it->find(ResultKey(target->type));
      if (list != it->end() && list->is_array()) regions = list->size();
    }
  }
  std::set<std::tuple<int64_t, int64_t, std::string>> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckObject(value[i], {"from", "to", "label"}, at));
    int64_t ends[2] = {0, 0};
    const char* keys[2] = {"from", "to"};
    for (int e = 0; e < 2; ++e) {
      CHORUS_RETURN_IF_ERROR(ReadIndex(value[i], keys[e], at, &ends[e]));
      if (ends[e] < 0 || ends[e] >= static_cast<int64_t>(regions)) {
        return InvalidArgument("must be the index of a region of \"" + c.between +
                                   "\" in this result (it has " + std::to_string(regions) + ")",
                               FieldPath(at, keys[e]));
      }
    }
    if (ends[0] == ends[1]) {
      return InvalidArgument("must differ from from; a relation joins two regions",
                             FieldPath(at, "to"));
    }
    std::string label;
    if (!c.labels.empty()) {
      CHORUS_RETURN_IF_ERROR(CheckLabel(value[i], c, at, &label));
    } else if (value[i].contains("label")) {
      return InvalidArgument("control \"" + c.name + "\" has no labels; leave it out",
                             FieldPath(at, "label"));
    }
    if (!c.directed && ends[0] > ends[1]) std::swap(ends[0], ends[1]);
    if (!seen.emplace(ends[0], ends[1], label).second) {
      return InvalidArgument("repeats another relation", at);
    }
  }
  return Status::Ok();
}

// x, y, width, height (and rotation when allowed) of a box in percent.
Status CheckBox(const Control& c, const Json& box, const std::string& at) {
  double x = 0, y = 0, width = 0, height = 0;
  CHORUS_RETURN_IF_ERROR(ReadPercent(box, "x", at, &x));
  CHORUS_RETURN_IF_ERROR(ReadPercent(box, "y", at, &y));
  CHORUS_RETURN_IF_ERROR(ReadPercent(box, "width", at, &width));
  CHORUS_RETURN_IF_ERROR(ReadPercent(box, "height", at, &height));
  double rotation = 0;
  if (box.contains("rotation")) {
    if (!c.rotation) {
      return InvalidArgument("control \"" + c.name + "\" does not allow rotation; leave it out",
                             FieldPath(at, "rotation"));
    }
    CHORUS_RETURN_IF_ERROR(ReadNumber(box, "rotation", at, &rotation));
    if (rotation < 0 || rotation >= 360) {
      return InvalidArgument("must be in degrees, at least 0 and below 360",
                             FieldPath(at, "rotation"));
    }
  }
  if (width <= 0) return InvalidArgument("must be positive", FieldPath(at, "width"));
  if (height <= 0) return InvalidArgument("must be positive", FieldPath(at, "height"));
  // A rotated box turns about (x, y) and may leave the unrotated bounds.
  if (rotation == 0 && x + width > 100 + kPercentSlack) {
    return InvalidArgument("x + width must be at most 100 (the box leaves the image)",
                           FieldPath(at, "width"));
  }
  if (rotation == 0 && y + height > 100 + kPercentSlack) {
    return InvalidArgument("y + height must be at most 100 (the box leaves the image)",
                           FieldPath(at, "height"));
  }
  return Status::Ok();
}

Status CheckBoxes(const Control& c, const Json& value, const std::string& path) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(
        CheckObject(value[i], {"x", "y", "width", "height", "rotation", "label"}, at));
    CHORUS_RETURN_IF_ERROR(CheckBox(c, value[i], at));
    CHORUS_RETURN_IF_ERROR(CheckLabel(value[i], c, at));
  }
  return Status::Ok();
}

// Polygons (closed, at least 3 points) and polylines (open, at least 2): [[x, y], ...].
Status CheckShapes(const Control& c, const Json& value, const std::string& path,
                   size_t min_points) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckObject(value[i], {"points", "label"}, at));
    const std::string points_at = FieldPath(at, "points");
    auto points = value[i].find("points");
    if (points == value[i].end()) return InvalidArgument("is required", points_at);
    CHORUS_RETURN_IF_ERROR(CheckList(*points, points_at, kMaxPointsPerShape));
    if (points->size() < min_points) {
      return InvalidArgument("must have at least " + std::to_string(min_points) + " points",
                             points_at);
    }
    for (size_t p = 0; p < points->size(); ++p) {
      const Json& point = (*points)[p];
      const std::string point_at = IndexPath(points_at, p);
      if (!point.is_array() || point.size() != 2) {
        return InvalidArgument("must be [x, y] in percent", point_at);
      }
      for (size_t k = 0; k < 2; ++k) {
        if (!point[k].is_number() || !(point[k].get<double>() >= 0) ||
            point[k].get<double>() > 100) {
          return InvalidArgument("must be a number between 0 and 100 (percent of the image)",
                                 IndexPath(point_at, k));
        }
      }
    }
    CHORUS_RETURN_IF_ERROR(CheckLabel(value[i], c, at));
  }
  return Status::Ok();
}

Status CheckKeypoints(const Control& c, const Json& value, const std::string& path) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckObject(value[i], {"points"}, at));
    const std::string points_at = FieldPath(at, "points");
    auto points = value[i].find("points");
    if (points == value[i].end()) return InvalidArgument("is required", points_at);
    CHORUS_RETURN_IF_ERROR(CheckList(*points, points_at, c.labels.size()));
    if (points->empty()) return InvalidArgument("must have at least one point", points_at);
    std::set<std::string> seen;
    for (size_t p = 0; p < points->size(); ++p) {
      const std::string point_at = IndexPath(points_at, p);
      const Json& point = (*points)[p];
      CHORUS_RETURN_IF_ERROR(CheckObject(point, {"label", "x", "y", "occluded"}, point_at));
      std::string label;
      CHORUS_RETURN_IF_ERROR(CheckLabel(point, c, point_at, &label));
      if (!seen.insert(label).second) {
        return InvalidArgument("repeats point \"" + label + "\" in this instance",
                               FieldPath(point_at, "label"));
      }
      double coordinate = 0;
      CHORUS_RETURN_IF_ERROR(ReadPercent(point, "x", point_at, &coordinate));
      CHORUS_RETURN_IF_ERROR(ReadPercent(point, "y", point_at, &coordinate));
      if (auto it = point.find("occluded"); it != point.end() && !it->is_boolean()) {
        return InvalidArgument("must be true or false", FieldPath(point_at, "occluded"));
      }
    }
  }
  return Status::Ok();
}

Status CheckSegments(const Control& c, const Json& value, const std::string& path) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckObject(value[i], {"start", "end", "label", "text"}, at));
    double start = 0, end = 0;
    CHORUS_RETURN_IF_ERROR(ReadNumber(value[i], "start", at, &start));
    CHORUS_RETURN_IF_ERROR(ReadNumber(value[i], "end", at, &end));
    if (start < 0) return InvalidArgument("must be at least 0 seconds", FieldPath(at, "start"));
    if (end <= start) return InvalidArgument("must be after start", FieldPath(at, "end"));
    CHORUS_RETURN_IF_ERROR(CheckLabel(value[i], c, at));
    if (auto it = value[i].find("text"); it != value[i].end()) {
      if (!c.transcription) {
        return InvalidArgument("control \"" + c.name + "\" has no transcription; leave it out",
                               FieldPath(at, "text"));
      }
      if (!it->is_string() || !IsValidUtf8(it->get_ref<const std::string&>()) ||
          CodePointCount(it->get_ref<const std::string&>()) >
              static_cast<size_t>(kDefaultTextMaxLength)) {
        return InvalidArgument("must be a string of at most 10000 code points",
                               FieldPath(at, "text"));
      }
    }
  }
  return Status::Ok();
}

Status CheckTracks(const Control& c, const Json& value, const std::string& path) {
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckObject(value[i], {"label", "keyframes"}, at));
    CHORUS_RETURN_IF_ERROR(CheckLabel(value[i], c, at));
    const std::string frames_at = FieldPath(at, "keyframes");
    auto frames = value[i].find("keyframes");
    if (frames == value[i].end()) return InvalidArgument("is required", frames_at);
    CHORUS_RETURN_IF_ERROR(CheckList(*frames, frames_at, kMaxPointsPerShape));
    if (frames->empty()) return InvalidArgument("must have at least one keyframe", frames_at);
    double previous = -1;
    for (size_t k = 0; k < frames->size(); ++k) {
      const std::string frame_at = IndexPath(frames_at, k);
      const Json& frame = (*frames)[k];
      CHORUS_RETURN_IF_ERROR(CheckObject(
          frame, {"time", "x", "y", "width", "height", "rotation", "outside"}, frame_at));
      double time = 0;
      CHORUS_RETURN_IF_ERROR(ReadNumber(frame, "time", frame_at, &time));
      if (time < 0 || time <= previous) {
        return InvalidArgument("must be at least 0 seconds and after the previous keyframe",
                               FieldPath(frame_at, "time"));
      }
      previous = time;
      CHORUS_RETURN_IF_ERROR(CheckBox(c, frame, frame_at));
      if (auto it = frame.find("outside"); it != frame.end() && !it->is_boolean()) {
        return InvalidArgument("must be true or false", FieldPath(frame_at, "outside"));
      }
    }
  }
  return Status::Ok();
}

Status CheckPairwise(const Control& c, const Json& value, const std::string& path) {
  std::vector<std::string> allowed = {"a", "b"};
  if (c.allow_tie) allowed.push_back("tie");
  if (c.allow_both_bad) allowed.push_back("both_bad");
  if (!value.is_string() ||
      std::find(allowed.begin(), allowed.end(), value.get<std::string>()) == allowed.end()) {
    return InvalidArgument("must be one of " + Quoted(allowed), path);
  }
  return Status::Ok();
}

Status CheckOrder(const Control& c, const Json& value, const std::string& path, const Json& data) {
  const Json& items = data.at(c.to.front());
  if (!items.is_array() || items.size() < 2) {
    return InvalidArgument(
        "must be a list of at least two items: control \"" + c.name + "\" ranks them",
        FieldPath("data", c.to.front()));
  }
  CHORUS_RETURN_IF_ERROR(CheckList(value, path));
  const auto n = static_cast<int64_t>(items.size());
  std::vector<bool> seen(items.size(), false);
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string at = IndexPath(path, i);
    if (!value[i].is_number_integer() || value[i].get<int64_t>() < 0 ||
        value[i].get<int64_t>() >= n) {
      return InvalidArgument("must be an item index from 0 to " + std::to_string(n - 1), at);
    }
    auto index = static_cast<size_t>(value[i].get<int64_t>());
    if (seen[index]) return InvalidArgument("repeats an item; rank each once", at);
    seen[index] = true;
  }
  if (!value.empty() && value.size() != items.size()) {
    return InvalidArgument("must rank all " + std::to_string(n) + " items (best first)", path);
  }
  return Status::Ok();
}

Status CheckScalar(const Control& c, const Json& value, const std::string& path) {
  const bool integer = c.type == ControlType::kRating || c.integer;
  if (!value.is_number() || !std::isfinite(value.get<double>()) ||
      (integer && !value.is_number_integer() &&
       value.get<double>() != std::trunc(value.get<double>()))) {
    return InvalidArgument(integer ? "must be an integer" : "must be a number", path);
  }
  const double x = value.get<double>();
  if ((c.min && x < *c.min) || (c.max && x > *c.max)) {
    auto bound = [](const std::optional<double>& b) {
      Json j = b ? Json(*b) : Json("unbounded");
      return j.dump();
    };
    return InvalidArgument("must be between " + bound(c.min) + " and " + bound(c.max), path);
  }
  return Status::Ok();
}

Status CheckText(const Control& c, const Json& value, const std::string& path) {
  if (!value.is_string() || !IsValidUtf8(value.get_ref<const std::string&>())) {
    return InvalidArgument("must be a string of UTF-8", path);
  }
  if (CodePointCount(value.get_ref<const std::string&>()) > static_cast<size_t>(c.max_length)) {
    return InvalidArgument("must be at most " + std::to_string(c.max_length) + " code points",
                           path);
  }
  return Status::Ok();
}

bool IsEmptyValue(const Json& value) {
  return (value.is_array() && value.empty()) || (value.is_string() && value.empty());
}

}  // namespace

const char* ResultKey(ControlType type) {
  switch (type) {
    case ControlType::kChoices: return "choices";
    case ControlType::kSpans: return "spans";
    case ControlType::kRelations: return "relations";
    case ControlType::kRectangles: return "boxes";
    case ControlType::kPolygons: return "polygons";
    case ControlType::kKeypoints: return "instances";
    case ControlType::kPolylines: return "lines";
    case ControlType::kAudioSegments: return "segments";
    case ControlType::kVideoSegments: return "segments";
    case ControlType::kVideoTracks: return "tracks";
    case ControlType::kPairwise: return "choice";
    case ControlType::kRanking: return "order";
    case ControlType::kRating: return "rating";
    case ControlType::kNumber: return "number";
    case ControlType::kText: return "text";
  }
  return "choices";
}

Status ValidateResult(const LabelInterface& li, const Json& result, const Json& task_data) {
  if (!result.is_object()) {
    return InvalidArgument("must be a JSON object keyed by control name", "result");
  }
  if (!task_data.is_object()) return InvalidArgument("must be a JSON object", "data");
  for (const auto& [name, unused] : result.items()) {
    if (FindControl(li, name) != nullptr) continue;
    std::vector<std::string> names;
    for (const Control& c : li.controls) names.push_back(c.name);
    return InvalidArgument("is not a control of this interface; use one of " + Quoted(names),
                           FieldPath("result", name));
  }
  for (const Control& c : li.controls) {
    const std::string path = FieldPath("result", c.name);
    const char* key = ResultKey(c.type);
    auto entry = result.find(c.name);
    if (entry == result.end() || entry->is_null()) {
      if (c.required) {
        return InvalidArgument("is required; answer control \"" + c.name + "\"", path);
      }
      continue;
    }
    if (c.type == ControlType::kChoices && entry->is_object() && entry->contains("ambiguous")) {
      CHORUS_RETURN_IF_ERROR(CheckAmbiguous(c, *entry, path));
      continue;
    }
    CHORUS_RETURN_IF_ERROR(CheckObject(*entry, {key}, path));
    const std::string at = FieldPath(path, key);
    auto value = entry->find(key);
    if (value == entry->end()) return InvalidArgument("is required", at);
    for (const std::string& field : c.to) {
      if (!task_data.contains(field)) {
        return InvalidArgument("is missing from the task; control \"" + c.name + "\" reads it",
                               FieldPath("data", field));
      }
    }
    switch (c.type) {
      case ControlType::kChoices: CHORUS_RETURN_IF_ERROR(CheckChoices(c, *value, at)); break;
      case ControlType::kSpans: CHORUS_RETURN_IF_ERROR(CheckSpans(c, *value, at, task_data)); break;
      case ControlType::kRelations:
        CHORUS_RETURN_IF_ERROR(CheckRelations(c, *value, at, li, result));
        break;
      case ControlType::kRectangles: CHORUS_RETURN_IF_ERROR(CheckBoxes(c, *value, at)); break;
      case ControlType::kPolygons: CHORUS_RETURN_IF_ERROR(CheckShapes(c, *value, at, 3)); break;
      case ControlType::kPolylines: CHORUS_RETURN_IF_ERROR(CheckShapes(c, *value, at, 2)); break;
      case ControlType::kKeypoints: CHORUS_RETURN_IF_ERROR(CheckKeypoints(c, *value, at)); break;
      case ControlType::kAudioSegments:
      case ControlType::kVideoSegments: CHORUS_RETURN_IF_ERROR(CheckSegments(c, *value, at)); break;
      case ControlType::kVideoTracks: CHORUS_RETURN_IF_ERROR(CheckTracks(c, *value, at)); break;
      case ControlType::kPairwise: CHORUS_RETURN_IF_ERROR(CheckPairwise(c, *value, at)); break;
      case ControlType::kRanking:
        CHORUS_RETURN_IF_ERROR(CheckOrder(c, *value, at, task_data));
        break;
      case ControlType::kRating:
      case ControlType::kNumber: CHORUS_RETURN_IF_ERROR(CheckScalar(c, *value, at)); break;
      case ControlType::kText: CHORUS_RETURN_IF_ERROR(CheckText(c, *value, at)); break;
    }
    if (c.required && IsEmptyValue(*value)) {
      return InvalidArgument("is required; control \"" + c.name + "\" may not be left empty", at);
    }
  }
  return Status::Ok();
}

std::vector<std::string> SelectedChoices(const Json& result, const Control& control) {
  std::vector<std::string> selected;
  auto entry = result.find(control.name);
  if (entry == result.end() || !entry->is_object()) return selected;
  auto list = entry->find("choices");
  if (list == entry->end() || !list->is_array()) return selected;
  for (const Json& option : *list) {
    if (option.is_string()) selected.push_back(option.get<std::string>());
  }
  return selected;
}

bool IsAmbiguousAnswer(const Json& result, const Control& control) {
  if (control.type != ControlType::kChoices || !result.is_object()) return false;
  auto entry = result.find(control.name);
  if (entry == result.end() || !entry->is_object()) return false;
  auto flag = entry->find("ambiguous");
  return flag != entry->end() && flag->is_boolean() && flag->get<bool>();
}

}  // namespace chorus::domain
