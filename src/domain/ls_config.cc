// Label Studio XML config -> label interface (ls_config.h). The inverse is ls_config_export.cc.
#include "domain/ls_config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <utility>
#include <vector>

namespace chorus::domain {
namespace {

using nlohmann::json;

// HyperText is a text object for choices and the like, but its regions are XPath ranges.
enum class LsObjectKind { kText, kHyperText, kImage, kAudio, kVideo, kList };

struct LsObject {
  LsObjectKind kind = LsObjectKind::kText;
  std::string field;
  std::optional<double> frame_rate;
};

// Presentation-only attributes: ignored without a mention.
bool IsCosmeticAttribute(std::string_view name) {
  static constexpr std::string_view kNames =
      " showInline style className background hint strokeWidth strokeColor fillColor fillOpacity"
      " opacity pointSize pointStyle zoom zoomControl rotateControl brightnessControl"
      " contrastControl granularity selectionStyle layout rows placeholder editable"
      " showSubmitButton smart smartOnly inline title height width selected size icon"
      " displayMode maxWidth maxHeight crosshair showLabels waveHeight defaultZoom"
      " horizontalAlignment verticalAlignment html allowEmpty valueType ";
  return !name.empty() && kNames.find(" " + std::string(name) + " ") != std::string_view::npos;
}

class LsReader {
 public:
  explicit LsReader(std::string_view xml) : xml_(xml) {}

  std::string Line(const pugi::xml_node& node) const {
    const auto offset = static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug()));
    const auto end = xml_.begin() + static_cast<ptrdiff_t>(std::min(offset, xml_.size()));
    return "line " + std::to_string(1 + std::count(xml_.begin(), end, '\n'));
  }
  std::string Tag(const pugi::xml_node& node) const {
    const std::string name = node.attribute("name").value();
    return "<" + std::string(node.name()) + (name.empty() ? "" : " name=\"" + name + "\"") + ">";
  }
  Status Error(const pugi::xml_node& node, const std::string& what) const {
    return InvalidArgument(Tag(node) + " at " + Line(node) + ": " + what, "config");
  }
  void Unsupported(const pugi::xml_node& node, const std::string& what = {}) {
    unsupported_.push_back(Tag(node) + (what.empty() ? "" : " " + what) + " (" + Line(node) + ")");
  }
  // Lists the attributes of `node` not in `used` and not cosmetic.
  void UnusedAttributes(const pugi::xml_node& node, const std::set<std::string>& used) {
    for (const pugi::xml_attribute& a : node.attributes()) {
      if (!used.contains(a.name()) && !IsCosmeticAttribute(a.name())) {
        Unsupported(node, a.name());
      }
    }
  }

  std::string_view xml_;
  std::vector<std::string> unsupported_;
  std::map<std::string, LsObject> objects_;  // By object name.
};

std::optional<LsObjectKind> ObjectKindOf(std::string_view tag) {
  if (tag == "Text") return LsObjectKind::kText;
  if (tag == "HyperText") return LsObjectKind::kHyperText;
  if (tag == "Image") return LsObjectKind::kImage;
  if (tag == "Audio" || tag == "AudioPlus") return LsObjectKind::kAudio;
  if (tag == "Video") return LsObjectKind::kVideo;
  if (tag == "List") return LsObjectKind::kList;
  return std::nullopt;
}

bool IsLayout(std::string_view tag) {
  return tag == "View" || tag == "Style" || tag == "Collapse" || tag == "Panel";
}

std::optional<double> ParseNumber(const char* text) {
  double value = 0;
  const std::string_view s(text);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

bool IsControlName(std::string_view name) {
  return !name.empty() && name.size() <= kMaxNameBytes &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

// Deeper than any real config (Label Studio's templates nest a few <View>s); the tree walks
// below recurse per level, so a deeper one is refused before they run.
constexpr int kMaxConfigDepth = 64;

// How deep elements nest under `root` (1: no children), counted without recursion.
int Depth(const pugi::xml_node& root) {
  int deepest = 0;
  std::vector<std::pair<pugi::xml_node, int>> pending = {{root, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    if (deepest > kMaxConfigDepth) break;
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_element) pending.emplace_back(child, depth + 1);
    }
  }
  return deepest;
}

// Object tags, anywhere in the tree. Other tags with value="$field" are objects Chorus cannot
// show: controls on them are listed as unsupported.
Status CollectObjects(LsReader& r, const pugi::xml_node& parent,
                      std::set<std::string>& unsupported_objects) {
  for (const pugi::xml_node& node : parent.children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string name = node.attribute("name").value();
    const std::string value = node.attribute("value").value();
    const auto kind = ObjectKindOf(node.name());
    if (!kind) {
      if (!name.empty() && value.starts_with('$')) unsupported_objects.insert(name);
      CHORUS_RETURN_IF_ERROR(CollectObjects(r, node, unsupported_objects));
      continue;
    }
    if (name.empty()) return r.Error(node, "needs name: controls point at it with toName");
    if (value.size() < 2 || value[0] != '$') {
      return r.Error(node, "needs value=\"$field\": the task data field it shows");
    }
    if (r.objects_.contains(name)) return r.Error(node, "repeats an object name; make it unique");
    LsObject object{.kind = *kind, .field = value.substr(1), .frame_rate = std::nullopt};
    if (const auto rate = node.attribute("frameRate"); rate && *kind == LsObjectKind::kVideo) {
      object.frame_rate = ParseNumber(rate.value());
      if (!object.frame_rate) return r.Error(node, "frameRate must be a number such as 25");
    }
    r.objects_[name] = object;
  }
  return Status::Ok();
}

struct LsBuild {
  json controls = json::array();
  std::string instruction;  // From the last <Header>, for the next control.
  std::map<std::string, std::vector<json>> video_labels;     // <Labels> per video object.
  std::vector<std::pair<size_t, std::string>> video_tracks;  // Control index, video object.
  std::set<std::string> transcribed_fields;  // Audio fields with a perRegion <TextArea>.
  std::vector<size_t> relations;
  std::set<std::string> unsupported_objects;
};

// <Label>/<Choice>/<Relation> children as labels (and hotkeys, when every label has one).
Status ReadLabels(LsReader& r, const pugi::xml_node& node, const char* child_tag, const char* key,
                  json& control) {
  json labels = json::array();
  json hotkeys = json::array();
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (std::string_view(child.name()) != child_tag) {
      r.Unsupported(child, std::string("inside ") + r.Tag(node));
      continue;
    }
    const pugi::xml_attribute value = child.attribute("value");
    if (!value || *value.value() == '\0') return r.Error(child, "needs value: the label");
    labels.push_back(value.value());
    if (const auto hotkey = child.attribute("hotkey")) hotkeys.push_back(hotkey.value());
    r.UnusedAttributes(child, {"value", "hotkey"});
  }
  control[key] = labels;
  if (!hotkeys.empty() && hotkeys.size() == labels.size()) {
    control["hotkeys"] = hotkeys;
  } else if (!hotkeys.empty()) {
    r.Unsupported(node, "hotkeys on only some labels");
  }
  return Status::Ok();
}

std::vector<std::string> SplitNames(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// One control tag, added to b.controls (or remembered for a later pairing, or listed).
Status AddControl(LsReader& r, LsBuild& b, const pugi::xml_node& node) {
  const std::string_view tag = node.name();
  static const std::set<std::string_view> kControls = {
      "Choices",        "Labels",         "RectangleLabels", "PolygonLabels", "KeyPointLabels",
      "TimelineLabels", "VideoRectangle", "Pairwise",        "Ranker",        "Rating",
      "Number",         "TextArea",       "Relations"};
  if (!kControls.contains(tag)) {
    r.Unsupported(node);
    return Status::Ok();
  }
  std::set<std::string> used = {"name", "toName", "required"};
  const auto attr = [&](const char* key) -> const char* {
    used.insert(key);
    const pugi::xml_attribute a = node.attribute(key);
    return a ? a.value() : nullptr;
  };
  const auto flag = [&](const char* key, bool fallback) {
    const char* v = attr(key);
    return v == nullptr ? fallback : std::string_view(v) == "true";
  };
  const auto number = [&](const char* key, json& control, const char* out) -> Status {
    const char* v = attr(key);
    if (v == nullptr) return Status::Ok();
    const auto parsed = ParseNumber(v);
    if (!parsed) return r.Error(node, std::string(key) + " must be a number");
    // Integral values stay integers: rating bounds and max_length must be.
    const bool integral =
        std::abs(*parsed) < 1e15 && *parsed == static_cast<double>(static_cast<int64_t>(*parsed));
    control[out] = integral ? json(static_cast<int64_t>(*parsed)) : json(*parsed);
    return Status::Ok();
  };
  std::string name = node.attribute("name").value();
  if (name.empty() && tag == "Relations") name = "relations";
  // <Labels> of a <Video> only lend their labels to the <VideoRectangle>: no result is keyed by
  // their name, so Label Studio's template name "videoLabels" is fine.
  const auto object = r.objects_.find(node.attribute("toName").value());
  const bool video_labels =
      tag == "Labels" && object != r.objects_.end() && object->second.kind == LsObjectKind::kVideo;
  // Likewise a per-region <TextArea> on audio: it becomes the segments' transcriptions.
  const bool audio_transcription = tag == "TextArea" && flag("perRegion", false) &&
                                   object != r.objects_.end() &&
                                   object->second.kind == LsObjectKind::kAudio;
  if (!IsControlName(name) && !video_labels && !audio_transcription) {
    return r.Error(node,
                   "name must be 1-64 of a-z, 0-9 and _ (results are keyed by it); "
                   "rename it in the config and in the export's from_name");
  }
  json control = {{"name", name}};
  if (flag("required", false)) control["required"] = true;
  // The objects toName points at; empty when absent or when one is not supported.
  std::vector<const LsObject*> objects;
  if (const char* to_name = node.attribute("toName").value(); *to_name != '\0') {
    for (const std::string& object_name : SplitNames(to_name)) {
      const auto it = r.objects_.find(object_name);
      if (it != r.objects_.end()) {
        objects.push_back(&it->second);
      } else if (b.unsupported_objects.contains(object_name)) {
        r.Unsupported(node, "on unsupported object \"" + object_name + "\"");
        return Status::Ok();
      } else {
        return r.Error(node, "toName \"" + object_name + "\" names no object tag of the config");
      }
    }
  }
  const auto need = [&](std::optional<LsObjectKind> kind, const char* what) -> Status {
    if (objects.size() != 1 || (kind && objects[0]->kind != *kind)) {
      return r.Error(node, std::string("toName must name one ") + what);
    }
    control["to"] = objects[0]->field;
    return Status::Ok();
  };
  const auto region_labels = [&](const char* type, LsObjectKind kind, const char* what) {
    control["type"] = type;
    CHORUS_RETURN_IF_ERROR(need(kind, what));
    return ReadLabels(r, node, "Label", "labels", control);
  };
  // Answers per region (OCR text per box, a class per span) have no Chorus control yet: a
  // task-level control would merge them. Listed, and their regions refused at import.
  if (flag("perRegion", false) &&
      !(tag == "TextArea" && objects.size() == 1 && objects[0]->kind == LsObjectKind::kAudio)) {
    r.Unsupported(node, "perRegion");
    return Status::Ok();
  }
  if (tag == "Choices") {
    control["type"] = "choices";
    CHORUS_RETURN_IF_ERROR(need(std::nullopt, "object"));
    const char* choice = attr("choice");
    control["multiple"] = choice != nullptr && std::string_view(choice) == "multiple";
    control["ambiguous"] = flag("chorus-ambiguous", false);
    CHORUS_RETURN_IF_ERROR(ReadLabels(r, node, "Choice", "options", control));
  } else if (tag == "Labels") {
    const LsObjectKind kind = objects.size() == 1 ? objects[0]->kind : LsObjectKind::kText;
    if (kind == LsObjectKind::kVideo) {
      CHORUS_RETURN_IF_ERROR(ReadLabels(r, node, "Label", "labels", control));
      control["line"] = r.Line(node);
      b.video_labels[node.attribute("toName").value()].push_back(control);
      r.UnusedAttributes(node, used);
      return Status::Ok();
    }
    if (kind == LsObjectKind::kAudio) {
      CHORUS_RETURN_IF_ERROR(region_labels("audio_segments", kind, "<Audio>"));
    } else if (kind == LsObjectKind::kText) {
      CHORUS_RETURN_IF_ERROR(region_labels("spans", kind, "<Text>"));
      control["overlap"] = flag("chorus-overlap", true);  // Label Studio lets spans overlap.
    } else if (kind == LsObjectKind::kHyperText) {
      r.Unsupported(node, "on <HyperText> (its regions are XPath ranges, not offsets)");
      return Status::Ok();
    } else {
      r.Unsupported(node, "on an image or list (use RectangleLabels or PolygonLabels)");
      return Status::Ok();
    }
  } else if (tag == "RectangleLabels") {
    CHORUS_RETURN_IF_ERROR(region_labels("rectangles", LsObjectKind::kImage, "<Image>"));
    control["rotation"] = flag("canRotate", true);  // Label Studio's default.
  } else if (tag == "PolygonLabels") {
    CHORUS_RETURN_IF_ERROR(region_labels("polygons", LsObjectKind::kImage, "<Image>"));
  } else if (tag == "KeyPointLabels") {
    CHORUS_RETURN_IF_ERROR(region_labels("keypoints", LsObjectKind::kImage, "<Image>"));
    json skeleton = json::array();
    for (const std::string& edge :
         SplitNames(attr("chorus-skeleton") ? attr("chorus-skeleton") : "")) {
      const size_t dash = edge.find('-');
      const auto from = ParseNumber(edge.substr(0, dash).c_str());
      const auto to =
          dash == std::string::npos ? std::nullopt : ParseNumber(edge.substr(dash + 1).c_str());
      if (edge.empty()) continue;
      // Point indices: whole, and small enough to convert without overflow.
      const auto index = [](std::optional<double> v) {
        return v && *v >= 0 && *v <= 1e6 && *v == std::floor(*v);
      };
      if (!index(from) || !index(to)) {
        return r.Error(node, "chorus-skeleton must read like \"0-1,0-2\"");
      }
      skeleton.push_back({static_cast<int64_t>(*from), static_cast<int64_t>(*to)});
    }
    control["skeleton"] = skeleton;
  } else if (tag == "TimelineLabels") {
    CHORUS_RETURN_IF_ERROR(region_labels("video_segments", LsObjectKind::kVideo, "<Video>"));
    control["frame_rate"] = objects[0]->frame_rate.value_or(kDefaultFrameRate);
  } else if (tag == "VideoRectangle") {
    control["type"] = "video_tracks";
    CHORUS_RETURN_IF_ERROR(need(LsObjectKind::kVideo, "<Video>"));
    control["rotation"] = flag("chorus-rotation", false);
    control["frame_rate"] = objects[0]->frame_rate.value_or(kDefaultFrameRate);
    b.video_tracks.emplace_back(b.controls.size(), node.attribute("toName").value());
  } else if (tag == "Pairwise") {
    control["type"] = "pairwise";
    if (objects.size() != 2) return r.Error(node, "toName must name two objects: \"a,b\"");
    control["to"] = {objects[0]->field, objects[1]->field};
    control["allow_tie"] = flag("chorus-allow-tie", false);
    control["allow_both_bad"] = flag("chorus-allow-both-bad", false);
    if (const char* prompt = attr("chorus-prompt")) control["prompt"] = prompt;
  } else if (tag == "Ranker") {
    control["type"] = "ranking";
    CHORUS_RETURN_IF_ERROR(need(LsObjectKind::kList, "<List>"));
    if (const char* prompt = attr("chorus-prompt")) control["prompt"] = prompt;
    for (const pugi::xml_node& child : node.children()) {
      if (child.type() == pugi::node_element) r.Unsupported(child, "inside " + r.Tag(node));
    }
  } else if (tag == "Rating" || tag == "Number" || tag == "TextArea") {
    if (tag == "TextArea" && objects.size() == 1 && objects[0]->kind == LsObjectKind::kAudio &&
        flag("perRegion", false)) {
      b.transcribed_fields.insert(objects[0]->field);
      r.UnusedAttributes(node, used);
      return Status::Ok();
    }
    if (!objects.empty() && !flag("chorus-no-to", false)) {
      CHORUS_RETURN_IF_ERROR(need(std::nullopt, "object"));
    }
    if (tag == "Rating") {
      control["type"] = "rating";
      control["min"] = 1;
      control["max"] = 5;
      CHORUS_RETURN_IF_ERROR(number("chorus-min", control, "min"));
      CHORUS_RETURN_IF_ERROR(number("maxRating", control, "max"));
    } else if (tag == "Number") {
      control["type"] = "number";
      CHORUS_RETURN_IF_ERROR(number("min", control, "min"));
      CHORUS_RETURN_IF_ERROR(number("max", control, "max"));
      const char* step = attr("step");
      control["integer"] = step != nullptr && ParseNumber(step) == 1.0;
    } else {
      control["type"] = "text";
      CHORUS_RETURN_IF_ERROR(number("chorus-max-length", control, "max_length"));
    }
  } else if (tag == "Relations") {
    control["type"] = "relations";
    control["directed"] = flag("chorus-directed", true);
    if (const char* between = attr("chorus-between")) control["between"] = between;
    b.relations.push_back(b.controls.size());
    CHORUS_RETURN_IF_ERROR(ReadLabels(r, node, "Relation", "labels", control));
  }
  if (!b.instruction.empty()) control["instruction"] = std::exchange(b.instruction, "");
  r.UnusedAttributes(node, used);
  b.controls.push_back(std::move(control));
  return Status::Ok();
}

Status WalkControls(LsReader& r, LsBuild& b, const pugi::xml_node& parent) {
  for (const pugi::xml_node& node : parent.children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view tag = node.name();
    if (IsLayout(tag)) {
      CHORUS_RETURN_IF_ERROR(WalkControls(r, b, node));
    } else if (tag == "Header") {
      b.instruction = node.attribute("value") ? node.attribute("value").value() : node.text().get();
    } else if (!ObjectKindOf(tag)) {
      CHORUS_RETURN_IF_ERROR(AddControl(r, b, node));
    }
  }
  return Status::Ok();
}

// Pairings the walk could not make alone: tracks with their labels, transcriptions with their
// segments, relations with the regions they link.
Status Pair(LsReader& r, LsBuild& b, const pugi::xml_node& root) {
  for (const auto& [index, video] : b.video_tracks) {
    auto& pending = b.video_labels[video];
    if (pending.empty()) {
      return r.Error(root, "<VideoRectangle name=\"" +
                               b.controls[index]["name"].get<std::string>() +
                               "\" needs a <Labels> on the same <Video>");
    }
    b.controls[index]["labels"] = pending.front()["labels"];
    if (pending.front().contains("hotkeys"))
      b.controls[index]["hotkeys"] = pending.front()["hotkeys"];
    pending.erase(pending.begin());
  }
  for (const auto& [video, left] : b.video_labels) {
    for (const json& labels : left) {
      r.unsupported_.push_back("<Labels name=\"" + labels["name"].get<std::string>() +
                               "\"> on a video without <VideoRectangle> (" +
                               labels["line"].get<std::string>() + ")");
    }
  }
  for (json& control : b.controls) {
    if (control["type"] == "audio_segments") {
      control["transcription"] = b.transcribed_fields.contains(control["to"].get<std::string>());
    }
  }
  for (const size_t index : b.relations) {
    if (b.controls[index].contains("between")) continue;
    const auto regions = std::find_if(b.controls.begin(), b.controls.end(), [](const json& c) {
      return c["type"] == "spans" || c["type"] == "rectangles" || c["type"] == "polygons";
    });
    if (regions == b.controls.end()) {
      return r.Error(root, "<Relations> needs a Labels, RectangleLabels or PolygonLabels to link");
    }
    b.controls[index]["between"] = (*regions)["name"];
  }
  return Status::Ok();
}

}  // namespace

Result<LabelStudioConfigImport> FromLabelStudioConfig(std::string_view xml) {
  if (xml.size() > kMaxLabelStudioConfigBytes) {
    return InvalidArgument("is over " + std::to_string(kMaxLabelStudioConfigBytes) +
                               " bytes; a labelling config is much smaller",
                           "config");
  }
  pugi::xml_document doc;
  // No DOCTYPE handling: no entities are declared, expanded or fetched.
  constexpr unsigned kOptions = pugi::parse_default & ~pugi::parse_doctype;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), kOptions);
  LsReader r(xml);
  if (!parsed) {
    const auto end = xml.begin() + std::min<ptrdiff_t>(parsed.offset, xml.size());
    return InvalidArgument("is not XML: " + std::string(parsed.description()) + " at line " +
                               std::to_string(1 + std::count(xml.begin(), end, '\n')),
                           "config");
  }
  const pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "View") {
    return InvalidArgument("must have <View> as its root element, as Label Studio's do", "config");
  }
  if (Depth(root) > kMaxConfigDepth) {
    return InvalidArgument("nests tags deeper than " + std::to_string(kMaxConfigDepth) +
                               " levels; a labelling config is much flatter",
                           "config");
  }
  LsBuild b;
  CHORUS_RETURN_IF_ERROR(CollectObjects(r, root, b.unsupported_objects));
  CHORUS_RETURN_IF_ERROR(WalkControls(r, b, root));
  CHORUS_RETURN_IF_ERROR(Pair(r, b, root));
  if (b.controls.empty()) {
    return InvalidArgument("has no control tag Chorus maps (Choices, Labels, ...); unsupported: " +
                               std::to_string(r.unsupported_.size()) + " tags",
                           "config");
  }
  auto li = ParseLabelInterface(json{{"controls", b.controls}});
  if (!li.ok()) {
    return InvalidArgument("maps to an interface Chorus refuses at " + li.status().field() + ": " +
                               li.status().message(),
                           "config");
  }
  return LabelStudioConfigImport{.label_interface = *std::move(li),
                                 .unsupported = std::move(r.unsupported_)};
}

}  // namespace chorus::domain
