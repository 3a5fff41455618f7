#include "domain/label_interface.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "domain/json_path.h"

namespace chorus::domain {
namespace {

using Json = nlohmann::json;

constexpr ControlType kTypes[] = {
    ControlType::kChoices,     ControlType::kSpans,         ControlType::kRelations,
    ControlType::kRectangles,  ControlType::kPolygons,      ControlType::kKeypoints,
    ControlType::kPolylines,   ControlType::kAudioSegments, ControlType::kVideoSegments,
    ControlType::kVideoTracks, ControlType::kPairwise,      ControlType::kRanking,
    ControlType::kRating,      ControlType::kNumber,        ControlType::kText,
};

// The JSON fields a control of `type` may carry besides type, name, instruction and required.
std::span<const std::string_view> TypeFields(ControlType type) {
  static constexpr std::string_view kChoicesFields[] = {"to", "options", "multiple", "ambiguous",
                                                        "hotkeys"};
  static constexpr std::string_view kSpansFields[] = {"to", "labels", "overlap", "hotkeys"};
  static constexpr std::string_view kRelationsFields[] = {"between", "labels", "directed"};
  static constexpr std::string_view kRectanglesFields[] = {"to", "labels", "rotation", "hotkeys"};
  static constexpr std::string_view kPolygonsFields[] = {"to", "labels", "hotkeys"};
  static constexpr std::string_view kKeypointsFields[] = {"to", "labels", "skeleton", "hotkeys"};
  static constexpr std::string_view kPolylinesFields[] = {"to", "labels", "hotkeys"};
  static constexpr std::string_view kAudioSegmentsFields[] = {"to", "labels", "transcription",
                                                              "hotkeys"};
  static constexpr std::string_view kVideoSegmentsFields[] = {"to", "labels", "frame_rate",
                                                              "hotkeys"};
  static constexpr std::string_view kVideoTracksFields[] = {"to", "labels", "rotation",
                                                            "frame_rate", "hotkeys"};
  static constexpr std::string_view kPairwiseFields[] = {"to", "prompt", "allow_tie",
                                                         "allow_both_bad"};
  static constexpr std::string_view kRankingFields[] = {"to", "prompt"};
  static constexpr std::string_view kRatingFields[] = {"to", "min", "max"};
  static constexpr std::string_view kNumberFields[] = {"to", "min", "max", "integer"};
  static constexpr std::string_view kTextFields[] = {"to", "max_length"};
  switch (type) {
    case ControlType::kChoices: return kChoicesFields;
    case ControlType::kSpans: return kSpansFields;
    case ControlType::kRelations: return kRelationsFields;
    case ControlType::kRectangles: return kRectanglesFields;
    case ControlType::kPolygons: return kPolygonsFields;
    case ControlType::kKeypoints: return kKeypointsFields;
    case ControlType::kPolylines: return kPolylinesFields;
    case ControlType::kAudioSegments: return kAudioSegmentsFields;
    case ControlType::kVideoSegments: return kVideoSegmentsFields;
    case ControlType::kVideoTracks: return kVideoTracksFields;
    case ControlType::kPairwise: return kPairwiseFields;
    case ControlType::kRanking: return kRankingFields;
    case ControlType::kRating: return kRatingFields;
    case ControlType::kNumber: return kNumberFields;
    case ControlType::kText: return kTextFields;
  }
  return {};
}

bool HasField(ControlType type, std::string_view field) {
  auto fields = TypeFields(type);
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

// Types whose labels list is required and non-empty (relations may have none).
bool NeedsLabels(ControlType type) {
  return type != ControlType::kRelations && (HasField(type, "labels") || HasField(type, "options"));
}

bool ToIsOptional(ControlType type) {
  return type == ControlType::kRating || type == ControlType::kNumber || type == ControlType::kText;
}

bool IsRegionControl(ControlType type) {
  return type == ControlType::kSpans || type == ControlType::kRectangles ||
         type == ControlType::kPolygons;
}

std::string KnownTypeList() {
  std::string list;
  for (ControlType t : kTypes) list += (list.empty() ? "" : ", ") + std::string(ControlTypeName(t));
  return list;
}

bool IsValidName(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status ReadBool(const Json& object, std::string_view key, bool* out, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (!it->is_boolean()) return InvalidArgument("must be true or false", FieldPath(path, key));
  *out = it->get<bool>();
  return Status::Ok();
}

Status ReadDataField(const Json& value, const std::string& path, std::string* out) {
  if (Status s = CheckLabelText(value, kMaxDataFieldBytes, path); !s.ok()) {
    return InvalidArgument("must name a field of the task data (1 to 200 bytes of UTF-8)", path);
  }
  *out = value.get<std::string>();
  return Status::Ok();
}

// Non-empty (unless `allow_empty`), unique strings of 1..kMaxLabelBytes.
Status ReadLabels(const Json& value, const std::string& path, bool allow_empty,
                  std::vector<std::string>* out) {
  if (!value.is_array()) return InvalidArgument("must be a list of strings", path);
  if (value.empty() && !allow_empty) {
    return InvalidArgument("must list at least one; add the labels annotators choose from", path);
  }
  if (value.size() > kMaxLabelsPerControl) {
    return InvalidArgument("must list at most 1000; split the control or group the labels", path);
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    std::string at = IndexPath(path, i);
    CHORUS_RETURN_IF_ERROR(CheckLabelText(value[i], kMaxLabelBytes, at));
    const std::string& label = value[i].get_ref<const std::string&>();
    if (!seen.insert(label).second) {
      return InvalidArgument("repeats \"" + label + "\"; each must appear once", at);
    }
    out->push_back(label);
  }
  return Status::Ok();
}

Status ReadHotkeys(const Json& value, const std::string& path, size_t label_count,
                   std::map<std::string, std::string>* used, std::vector<std::string>* out) {
  if (!value.is_array()) return InvalidArgument("must be a list of strings", path);
  if (value.size() != label_count) {
    return InvalidArgument("must have one hotkey per label (" + std::to_string(label_count) +
                               "), in the same order; or leave hotkeys out",
                           path);
  }
  for (size_t i = 0; i < value.size(); ++i) {
    std::string at = IndexPath(path, i);
    const std::string what = "must be 1 to 32 printable ASCII characters without spaces";
    if (!value[i].is_string()) return InvalidArgument(what, at);
    const auto& key = value[i].get_ref<const std::string&>();
    if (key.empty() || key.size() > kMaxHotkeyBytes ||
        !std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; })) {
      return InvalidArgument(what, at);
    }
    auto [it, inserted] = used->emplace(key, at);
    if (!inserted) {
      return InvalidArgument(
          "hotkey \"" + key + "\" is already used by " + it->second + "; choose another", at);
    }
    out->push_back(key);
  }
  return Status::Ok();
}

Status ReadSkeleton(const Json& value, const std::string& path, size_t label_count,
                    std::vector<std::pair<int64_t, int64_t>>* out) {
  if (!value.is_array()) return InvalidArgument("must be a list of [from, to] pairs", path);
  std::set<std::pair<int64_t, int64_t>> seen;
  for (size_t i = 0; i < value.size(); ++i) {
    std::string at = IndexPath(path, i);
    const Json& edge = value[i];
    if (!edge.is_array() || edge.size() != 2) {
      return InvalidArgument("must be a pair [from, to] of label indices", at);
    }
    int64_t ends[2];
    for (size_t e = 0; e < 2; ++e) {
      if (!edge[e].is_number_integer() || edge[e].get<int64_t>() < 0 ||
          edge[e].get<int64_t>() >= static_cast<int64_t>(label_count)) {
        return InvalidArgument(
            "must be the index of a label, 0 to " + std::to_string(label_count - 1),
            IndexPath(at, e));
      }
      ends[e] = edge[e].get<int64_t>();
    }
    if (ends[0] == ends[1]) return InvalidArgument("must join two different points", at);
    if (!seen.insert(std::minmax(ends[0], ends[1])).second) {
      return InvalidArgument("repeats an edge; list each once", at);
    }
    out->emplace_back(ends[0], ends[1]);
  }
  return Status::Ok();
}

Status ReadRange(const Json& object, const std::string& path, Control* c) {
  const bool integers = c->type == ControlType::kRating;
  for (auto [key, out] : {std::pair{"min", &c->min}, std::pair{"max", &c->max}}) {
    auto it = object.find(key);
    if (it == object.end()) continue;
    if (integers ? !it->is_number_integer() : !it->is_number()) {
      return InvalidArgument(integers ? "must be an integer" : "must be a number",
                             FieldPath(path, key));
    }
    *out = it->get<double>();
  }
  if (integers) {
    if (!c->min) c->min = 1;
    if (!c->max) c->max = 5;
  }
  if (c->min && c->max && !(*c->min < *c->max)) {
    return InvalidArgument("must be greater than min", FieldPath(path, "max"));
  }
  if (integers && *c->max - *c->min > 100) {
    return InvalidArgument("a rating scale has at most 101 points; use a number control",
                           FieldPath(path, "max"));
  }
  return Status::Ok();
}

Status ReadControl(const Json& object, const std::string& path,
                   std::map<std::string, std::string>* hotkeys, Control* c) {
  if (!object.is_object()) return InvalidArgument("must be a JSON object", path);
  auto type_it = object.find("type");
  if (type_it == object.end() || !type_it->is_string()) {
    return InvalidArgument("is required: one of " + KnownTypeList(), FieldPath(path, "type"));
  }
  Result<ControlType> type = ParseControlType(type_it->get<std::string>());
  if (!type.ok()) return InvalidArgument(type.status().message(), FieldPath(path, "type"));
  c->type = *type;

  // Unknown fields are refused, naming the ones this type knows.
  for (const auto& [key, unused] : object.items()) {
    if (key == "type" || key == "name" || key == "instruction" || key == "required" ||
        HasField(c->type, key)) {
      continue;
    }
    std::string known = "type, name, instruction, required";
    for (std::string_view k : TypeFields(c->type)) known += ", " + std::string(k);
    return InvalidArgument("is not a field of a " + type_it->get<std::string>() +
                               " control; remove it (known: " + known + ")",
                           FieldPath(path, key));
  }

  auto name_it = object.find("name");
  if (name_it == object.end() || !name_it->is_string() ||
      !IsValidName(name_it->get<std::string>())) {
    return InvalidArgument("must be 1 to 64 of a-z, 0-9 and _ (it keys the results)",
                           FieldPath(path, "name"));
  }
  c->name = name_it->get<std::string>();

  if (auto it = object.find("instruction"); it != object.end()) {
    if (!it->is_string() || it->get_ref<const std::string&>().size() > kMaxInstructionBytes) {
      return InvalidArgument("must be a string of at most 10000 bytes",
                             FieldPath(path, "instruction"));
    }
    c->instruction = it->get<std::string>();
  }
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "required", &c->required, path));

  // to: a data field; a list of two for pairwise; optional for rating, number and text.
  if (HasField(c->type, "to")) {
    const std::string at = FieldPath(path, "to");
    auto it = object.find("to");
    if (it == object.end()) {
      if (!ToIsOptional(c->type)) {
        return InvalidArgument(c->type == ControlType::kPairwise
                                   ? "is required: the two data fields compared, [\"a\", \"b\"]"
                                   : "is required: the data field this control labels",
                               at);
      }
    } else if (c->type == ControlType::kPairwise) {
      if (!it->is_array() || it->size() != 2) {
        return InvalidArgument("must list the two data fields compared, [\"a\", \"b\"]", at);
      }
      for (size_t i = 0; i < 2; ++i) {
        CHORUS_RETURN_IF_ERROR(ReadDataField((*it)[i], IndexPath(at, i), &c->to.emplace_back()));
      }
      if (c->to[0] == c->to[1]) {
        return InvalidArgument("must name two different data fields", IndexPath(at, 1));
      }
    } else {
      CHORUS_RETURN_IF_ERROR(ReadDataField(*it, at, &c->to.emplace_back()));
    }
  }
  if (auto it = object.find("prompt"); it != object.end()) {
    CHORUS_RETURN_IF_ERROR(ReadDataField(*it, FieldPath(path, "prompt"), &c->prompt));
  }

  // Labels ("options" for choices), then hotkeys, one per label.
  const char* labels_key = c->type == ControlType::kChoices ? "options" : "labels";
  if (HasField(c->type, labels_key)) {
    auto it = object.find(labels_key);
    if (it == object.end()) {
      if (NeedsLabels(c->type)) {
        return InvalidArgument(std::string("is required: the ") +
                                   (c->type == ControlType::kChoices ? "options" : "labels") +
                                   " to choose from",
                               FieldPath(path, labels_key));
      }
    } else {
      CHORUS_RETURN_IF_ERROR(ReadLabels(*it, FieldPath(path, labels_key),
                                        /*allow_empty=*/!NeedsLabels(c->type), &c->labels));
    }
  }
  if (auto it = object.find("hotkeys"); it != object.end()) {
    CHORUS_RETURN_IF_ERROR(
        ReadHotkeys(*it, FieldPath(path, "hotkeys"), c->labels.size(), hotkeys, &c->hotkeys));
  }

  CHORUS_RETURN_IF_ERROR(ReadBool(object, "multiple", &c->multiple, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "ambiguous", &c->ambiguous, path));
  if (c->ambiguous) {
    // The agreement report counts ambiguous answers under this name; an option may not take it.
    const auto reserved = std::find(c->labels.begin(), c->labels.end(), kAmbiguousCategory);
    if (reserved != c->labels.end()) {
      return InvalidArgument(std::string("\"") + kAmbiguousCategory +
                                 "\" is reserved for ambiguous answers; rename the option or "
                                 "turn \"ambiguous\" off",
                             IndexPath(FieldPath(path, "options"),
                                       static_cast<size_t>(reserved - c->labels.begin())));
    }
  }
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "overlap", &c->overlap, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "directed", &c->directed, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "rotation", &c->rotation, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "transcription", &c->transcription, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "allow_tie", &c->allow_tie, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "allow_both_bad", &c->allow_both_bad, path));
  CHORUS_RETURN_IF_ERROR(ReadBool(object, "integer", &c->integer, path));

  if (c->type == ControlType::kRelations) {
    auto it = object.find("between");
    if (it == object.end() || !it->is_string()) {
      return InvalidArgument("is required: the name of the spans, rectangles or polygons control",
                             FieldPath(path, "between"));
    }
    c->between = it->get<std::string>();  // Resolved once every control is read.
  }
  if (auto it = object.find("skeleton"); it != object.end()) {
    CHORUS_RETURN_IF_ERROR(
        ReadSkeleton(*it, FieldPath(path, "skeleton"), c->labels.size(), &c->skeleton));
  }
  if (c->type == ControlType::kRating || c->type == ControlType::kNumber) {
    CHORUS_RETURN_IF_ERROR(ReadRange(object, path, c));
  }
  if (auto it = object.find("max_length"); it != object.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 ||
        it->get<int64_t>() > kMaxTextMaxLength) {
      return InvalidArgument("must be an integer from 1 to 1000000 (code points)",
                             FieldPath(path, "max_length"));
    }
    c->max_length = it->get<int64_t>();
  }
  if (auto it = object.find("frame_rate"); it != object.end()) {
    if (!it->is_number() || !(it->get<double>() >= 1 && it->get<double>() <= kMaxFrameRate)) {
      return InvalidArgument("must be the video's frames per second, from 1 to 1000 (e.g. 25 or "
                             "29.97)",
                             FieldPath(path, "frame_rate"));
    }
    c->frame_rate = it->get<double>();
  }
  return Status::Ok();
}

}  // namespace

const char* ControlTypeName(ControlType type) {
  switch (type) {
    case ControlType::kChoices: return "choices";
    case ControlType::kSpans: return "spans";
    case ControlType::kRelations: return "relations";
    case ControlType::kRectangles: return "rectangles";
    case ControlType::kPolygons: return "polygons";
    case ControlType::kKeypoints: return "keypoints";
    case ControlType::kPolylines: return "polylines";
    case ControlType::kAudioSegments: return "audio_segments";
    case ControlType::kVideoSegments: return "video_segments";
    case ControlType::kVideoTracks: return "video_tracks";
    case ControlType::kPairwise: return "pairwise";
    case ControlType::kRanking: return "ranking";
    case ControlType::kRating: return "rating";
    case ControlType::kNumber: return "number";
    case ControlType::kText: return "text";
  }
  return "choices";
}

Result<ControlType> ParseControlType(std::string_view name) {
  for (ControlType t : kTypes) {
    if (name == ControlTypeName(t)) return t;
  }
  return InvalidArgument("\"" + std::string(name) + "\" is not a control type; use one of " +
                         KnownTypeList());
}

const std::vector<ControlType>& AllControlTypes() {
  static const std::vector<ControlType> kAll(std::begin(kTypes), std::end(kTypes));
  return kAll;
}

Result<LabelInterface> ParseLabelInterface(const Json& json) {
  if (!json.is_object()) {
    return InvalidArgument("must be a JSON object {\"controls\": [...]}", "");
  }
  CHORUS_RETURN_IF_ERROR(CheckObject(json, {"controls"}, ""));
  auto controls = json.find("controls");
  if (controls == json.end() || (controls->is_array() && controls->empty())) {
    return InvalidArgument(
        "has no controls; a project that will be labelled needs at least one (for example "
        "{\"type\": \"choices\", \"name\": \"label\", \"to\": \"text\", \"options\": [...]})",
        "controls");
  }
  if (!controls->is_array()) return InvalidArgument("must be a list of controls", "controls");
  if (controls->size() > kMaxControls) {
    return InvalidArgument("must list at most 100 controls; split the project", "controls");
  }
  LabelInterface li;
  std::map<std::string, std::string> hotkeys;  // Key -> where it is first used.
  std::map<std::string, size_t> names;
  for (size_t i = 0; i < controls->size(); ++i) {
    std::string path = IndexPath("controls", i);
    Control& c = li.controls.emplace_back();
    CHORUS_RETURN_IF_ERROR(ReadControl((*controls)[i], path, &hotkeys, &c));
    if (auto [it, inserted] = names.emplace(c.name, i); !inserted) {
      return InvalidArgument("\"" + c.name + "\" is already the name of " +
                                 IndexPath("controls", it->second) + "; names must be unique",
                             FieldPath(path, "name"));
    }
  }
  // The studio's key for an ambiguous answer is "?"; no declared hotkey may take it then.
  const bool any_ambiguous = std::any_of(li.controls.begin(), li.controls.end(),
                                         [](const Control& c) { return c.ambiguous; });
  if (auto taken = hotkeys.find("?"); any_ambiguous && taken != hotkeys.end()) {
    return InvalidArgument(
        "hotkey \"?\" answers \"ambiguous\" in this interface; choose another", taken->second);
  }
  for (size_t i = 0; i < li.controls.size(); ++i) {
    const Control& c = li.controls[i];
    if (c.type != ControlType::kRelations) continue;
    const Control* target = FindControl(li, c.between);
    if (target == nullptr || !IsRegionControl(target->type)) {
      return InvalidArgument("must name a spans, rectangles or polygons control of this interface",
                             FieldPath(IndexPath("controls", i), "between"));
    }
  }
  return li;
}

Result<LabelInterface> ParseLabelInterface(std::string_view text) {
  if (text.size() > kMaxInterfaceBytes) {
    return InvalidArgument("must be at most 1000000 bytes of JSON", "label_interface");
  }
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return InvalidArgument("is not valid JSON (byte " + std::to_string(e.byte) +
                               "); send an object {\"controls\": [...]}",
                           "label_interface");
  }
  return ParseLabelInterface(json);
}

bool IsEmptyLabelInterface(const Json& json) {
  if (!json.is_object()) return false;
  if (json.empty()) return true;
  auto it = json.find("controls");
  return json.size() == 1 && it != json.end() && it->is_array() && it->empty();
}

bool IsEmptyLabelInterface(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !json.is_discarded() && IsEmptyLabelInterface(json);
}

Json ToJson(const Control& c) {
  Json j = {{"type", ControlTypeName(c.type)},
            {"name", c.name},
            {"instruction", c.instruction},
            {"required", c.required}};
  if (!c.to.empty()) {
    j["to"] = c.type == ControlType::kPairwise ? Json(c.to) : Json(c.to.front());
  }
  if (HasField(c.type, "prompt") && !c.prompt.empty()) j["prompt"] = c.prompt;
  if (HasField(c.type, "options")) j["options"] = c.labels;
  if (HasField(c.type, "labels")) j["labels"] = c.labels;
  if (HasField(c.type, "hotkeys") && !c.hotkeys.empty()) j["hotkeys"] = c.hotkeys;
  if (HasField(c.type, "multiple")) j["multiple"] = c.multiple;
  if (HasField(c.type, "ambiguous")) j["ambiguous"] = c.ambiguous;
  if (HasField(c.type, "overlap")) j["overlap"] = c.overlap;
  if (HasField(c.type, "between")) j["between"] = c.between;
  if (HasField(c.type, "directed")) j["directed"] = c.directed;
  if (HasField(c.type, "rotation")) j["rotation"] = c.rotation;
  if (HasField(c.type, "skeleton")) {
    j["skeleton"] = Json::array();
    for (auto [a, b] : c.skeleton) j["skeleton"].push_back({a, b});
  }
  if (HasField(c.type, "transcription")) j["transcription"] = c.transcription;
  if (HasField(c.type, "allow_tie")) j["allow_tie"] = c.allow_tie;
  if (HasField(c.type, "allow_both_bad")) j["allow_both_bad"] = c.allow_both_bad;
  if (c.type == ControlType::kRating) {
    j["min"] = static_cast<int64_t>(c.min.value_or(1));
    j["max"] = static_cast<int64_t>(c.max.value_or(5));
  }
  if (c.type == ControlType::kNumber) {
    if (c.min) j["min"] = *c.min;
    if (c.max) j["max"] = *c.max;
    j["integer"] = c.integer;
  }
  if (HasField(c.type, "max_length")) j["max_length"] = c.max_length;
  if (HasField(c.type, "frame_rate")) j["frame_rate"] = c.frame_rate;
  return j;
}

Json ToJson(const LabelInterface& label_interface) {
  Json controls = Json::array();
  for (const Control& c : label_interface.controls) controls.push_back(ToJson(c));
  return {{"controls", std::move(controls)}};
}

std::vector<std::string> DataFieldsUsed(const LabelInterface& label_interface) {
  std::set<std::string> fields;
  for (const Control& c : label_interface.controls) {
    fields.insert(c.to.begin(), c.to.end());
    if (!c.prompt.empty()) fields.insert(c.prompt);
  }
  return {fields.begin(), fields.end()};
}

const Control* FindControl(const LabelInterface& label_interface, std::string_view name) {
  for (const Control& c : label_interface.controls) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const Control* FirstControlOfType(const LabelInterface& label_interface, ControlType type) {
  for (const Control& c : label_interface.controls) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

}  // namespace chorus::domain
