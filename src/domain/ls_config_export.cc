// Label interface -> Label Studio XML config (ls_config.h): what an export carries so a team can
// open its data in Label Studio. FromLabelStudioConfig reads it back to the same interface.
#include <cctype>
#include <charconv>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>

#include "domain/ls_config.h"

namespace chorus::domain {
namespace {

// The object tag a control type's data field is shown with; text is the weakest claim (a
// choices control on an image field keeps the field an <Image>).
const char* ExportObjectTag(ControlType type) {
  switch (type) {
    case ControlType::kRectangles:
    case ControlType::kPolygons:
    case ControlType::kKeypoints: return "Image";
    case ControlType::kAudioSegments: return "Audio";
    case ControlType::kVideoSegments:
    case ControlType::kVideoTracks: return "Video";
    case ControlType::kRanking: return "List";
    default: return "Text";
  }
}

// Shortest text that reads back as the same double.
std::string ExportNumber(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}

struct ExportObject {
  std::string tag;
  std::string name;  // An XML-safe name derived from the field.
  double frame_rate = kDefaultFrameRate;
};

class ConfigWriter : public pugi::xml_writer {
 public:
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
  std::string out;
};

void ExportLabels(pugi::xml_node node, const Control& control, const char* child_tag) {
  for (size_t i = 0; i < control.labels.size(); ++i) {
    pugi::xml_node child = node.append_child(child_tag);
    child.append_attribute("value") = control.labels[i].c_str();
    if (i < control.hotkeys.size()) child.append_attribute("hotkey") = control.hotkeys[i].c_str();
  }
}

void SetFlag(pugi::xml_node node, const char* name, bool value) {
  node.append_attribute(name) = value ? "true" : "false";
}

}  // namespace

LabelStudioConfigExport ToLabelStudioConfig(const LabelInterface& label_interface) {
  LabelStudioConfigExport out;
  // Objects first, one per data field, in the order controls use them.
  std::map<std::string, ExportObject> objects;
  std::vector<std::string> order;
  std::set<std::string> names;
  const auto add_object = [&](const std::string& field, const char* tag, const Control& control) {
    auto [it, added] = objects.try_emplace(field);
    if (added) {
      order.push_back(field);
      std::string name;
      for (const char c : field) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      if (name.empty()) name = "field";
      const std::string base = name;
      for (int n = 2; !names.insert(name).second; ++n) name = base + "_" + std::to_string(n);
      it->second.name = name;
      it->second.tag = tag;
      it->second.frame_rate = control.frame_rate;
    } else if (std::string_view(tag) != "Text" && it->second.tag == "Text") {
      it->second.tag = tag;
      it->second.frame_rate = control.frame_rate;
    }
  };
  for (const Control& control : label_interface.controls) {
    if (control.type == ControlType::kPolylines) continue;
    for (const std::string& field : control.to)
      add_object(field, ExportObjectTag(control.type), control);
    if (!control.prompt.empty()) add_object(control.prompt, "Text", control);
  }
  if (order.empty()) add_object("text", "Text", label_interface.controls.front());

  for (const auto& [field, object] : objects) out.object_names[field] = object.name;
  out.object_names[""] = objects[order.front()].name;
  pugi::xml_document doc;
  pugi::xml_node view = doc.append_child("View");
  for (const std::string& field : order) {
    const ExportObject& object = objects[field];
    pugi::xml_node node = view.append_child(object.tag.c_str());
    node.append_attribute("name") = object.name.c_str();
    node.append_attribute("value") = ("$" + field).c_str();
    if (object.tag == "Video") {
      node.append_attribute("frameRate") = ExportNumber(object.frame_rate).c_str();
    }
  }
  for (const Control& control : label_interface.controls) {
    if (control.type == ControlType::kPolylines) {
      out.skipped.push_back(control.name + " (polylines: Label Studio has no polyline tag)");
      continue;
    }
    if (!control.instruction.empty()) {
      view.append_child("Header").append_attribute("value") = control.instruction.c_str();
    }
    const std::string to_name =
        control.to.empty()       ? objects[order.front()].name
        : control.to.size() == 2 ? objects[control.to[0]].name + "," + objects[control.to[1]].name
                                 : objects[control.to[0]].name;
    const auto add = [&](const char* tag) {
      pugi::xml_node node = view.append_child(tag);
      node.append_attribute("name") = control.name.c_str();
      if (control.type != ControlType::kRelations) {
        node.append_attribute("toName") = to_name.c_str();
      }
      if (control.required) SetFlag(node, "required", true);
      return node;
    };
    switch (control.type) {
      case ControlType::kChoices: {
        pugi::xml_node node = add("Choices");
        node.append_attribute("choice") = control.multiple ? "multiple" : "single";
        if (control.ambiguous) SetFlag(node, "chorus-ambiguous", true);
        ExportLabels(node, control, "Choice");
        break;
      }
      case ControlType::kSpans: {
        pugi::xml_node node = add("Labels");
        if (!control.overlap) SetFlag(node, "chorus-overlap", false);
        ExportLabels(node, control, "Label");
        break;
      }
      case ControlType::kRelations: {
        pugi::xml_node node = add("Relations");
        node.append_attribute("chorus-between") = control.between.c_str();
        if (!control.directed) SetFlag(node, "chorus-directed", false);
        ExportLabels(node, control, "Relation");
        break;
      }
      case ControlType::kRectangles: {
        pugi::xml_node node = add("RectangleLabels");
        SetFlag(node, "canRotate", control.rotation);
        ExportLabels(node, control, "Label");
        break;
      }
      case ControlType::kPolygons: ExportLabels(add("PolygonLabels"), control, "Label"); break;
      case ControlType::kKeypoints: {
        pugi::xml_node node = add("KeyPointLabels");
        std::string skeleton;
        for (const auto& [from, to] : control.skeleton) {
          skeleton +=
              (skeleton.empty() ? "" : ",") + std::to_string(from) + "-" + std::to_string(to);
        }
        if (!skeleton.empty()) node.append_attribute("chorus-skeleton") = skeleton.c_str();
        ExportLabels(node, control, "Label");
        break;
      }
      case ControlType::kAudioSegments: {
        ExportLabels(add("Labels"), control, "Label");
        if (control.transcription) {
          pugi::xml_node node = view.append_child("TextArea");
          node.append_attribute("name") = (control.name + "_transcription").c_str();
          node.append_attribute("toName") = to_name.c_str();
          SetFlag(node, "perRegion", true);
        }
        break;
      }
      case ControlType::kVideoSegments:
        ExportLabels(add("TimelineLabels"), control, "Label");
        break;
      case ControlType::kVideoTracks: {
        // Label Studio draws video boxes with a <VideoRectangle> and labels them with <Labels>.
        pugi::xml_node labels = view.append_child("Labels");
        labels.append_attribute("name") = (control.name + "_labels").c_str();
        labels.append_attribute("toName") = to_name.c_str();
        ExportLabels(labels, control, "Label");
        pugi::xml_node node = add("VideoRectangle");
        if (control.rotation) SetFlag(node, "chorus-rotation", true);
        break;
      }
      case ControlType::kPairwise:
      case ControlType::kRanking: {
        pugi::xml_node node = add(control.type == ControlType::kPairwise ? "Pairwise" : "Ranker");
        if (control.allow_tie) SetFlag(node, "chorus-allow-tie", true);
        if (control.allow_both_bad) SetFlag(node, "chorus-allow-both-bad", true);
        if (!control.prompt.empty())
          node.append_attribute("chorus-prompt") = control.prompt.c_str();
        break;
      }
      case ControlType::kRating:
      case ControlType::kNumber:
      case ControlType::kText: {
        const bool rating = control.type == ControlType::kRating;
        pugi::xml_node node = add(rating                                 ? "Rating"
                                  : control.type == ControlType::kNumber ? "Number"
                                                                         : "TextArea");
        if (control.to.empty()) SetFlag(node, "chorus-no-to", true);
        if (rating && control.min && *control.min != 1) {
          node.append_attribute("chorus-min") = ExportNumber(*control.min).c_str();
        }
        if (rating)
          node.append_attribute("maxRating") = ExportNumber(control.max.value_or(5)).c_str();
        if (!rating && control.type == ControlType::kNumber) {
          if (control.min) node.append_attribute("min") = ExportNumber(*control.min).c_str();
          if (control.max) node.append_attribute("max") = ExportNumber(*control.max).c_str();
          if (control.integer) node.append_attribute("step") = "1";
        }
        if (control.type == ControlType::kText && control.max_length != kDefaultTextMaxLength) {
          node.append_attribute("chorus-max-length") = std::to_string(control.max_length).c_str();
        }
        break;
      }
      case ControlType::kPolylines: break;
    }
  }
  ConfigWriter writer;
  doc.save(writer, "  ", pugi::format_default | pugi::format_no_declaration);
  out.xml = std::move(writer.out);
  return out;
}

}  // namespace chorus::domain
