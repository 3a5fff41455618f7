#include "service/exports/voc_export.h"

#include <cmath>

#include "service/exports/image_geometry.h"
#include "service/exports/spill_file.h"
#include "service/exports/tar_writer.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

// Text for XML element content: the five predefined entities, and control characters that XML
// 1.0 forbids dropped.
std::string XmlText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

std::string Pixel(double value) { return std::to_string(std::llround(value)); }

class VocWriter : public ExportWriter {
 public:
  explicit VocWriter(domain::Control control) : control_(std::move(control)) {}

  void Begin(const Sink& /*sink*/) override {
    if (!index_.ok()) {
      Fail(Status(StatusCode::kUnavailable,
                  "could not create a temporary file for the VOC export; check the disk and "
                  "export again"));
    }
  }

  void Write(const ExportItem& item, std::string& out) override {
    if (!status().ok()) return;
    const std::optional<std::pair<double, double>> size = ImageSize(item.data);
    if (!size) {
      Fail(Status(StatusCode::kInvalidArgument,
                  "task " + std::to_string(item.task.id) +
                      " has no image size: Pascal VOC counts in pixels, so each task's data "
                      "needs \"width\" and \"height\" (positive numbers); add them, or export "
                      "yolo_detection, which needs no size",
                  "format"));
      return;
    }
    const auto [width, height] = *size;
    const json image = item.data.value(control_.to.front(), json(""));
    const std::string file_name = image.is_string() ? image.get<std::string>() : image.dump();
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      const json& boxes = ControlValue(result, control_, "boxes");
      if (!boxes.is_array()) continue;
      std::string xml = "<annotation>\n  <folder>chorus</folder>\n  <filename>" +
                        XmlText(file_name) + "</filename>\n  <size>\n    <width>" + Pixel(width) +
                        "</width>\n    <height>" + Pixel(height) +
                        "</height>\n    <depth>3</depth>\n  </size>\n  <segmented>0</segmented>\n";
      for (const json& box : boxes) {
        const auto corners = BoxCorners(box, width / 100, height / 100);
        if (!corners || !box.value("label", json()).is_string()) continue;
        if (IsRotated(box)) Note("rotated_boxes_enclosed");
        const Box b = Enclosing(*corners, width, height);
        xml += "  <object>\n    <name>" + XmlText(box["label"].get<std::string>()) +
               "</name>\n    <pose>Unspecified</pose>\n    <truncated>0</truncated>\n"
               "    <difficult>0</difficult>\n    <bndbox>\n      <xmin>" +
               Pixel(b.x + 1) + "</xmin>\n      <ymin>" + Pixel(b.y + 1) + "</ymin>\n      <xmax>" +
               Pixel(b.x + b.width) + "</xmax>\n      <ymax>" + Pixel(b.y + b.height) +
               "</ymax>\n    </bndbox>\n  </object>\n";
      }
      xml += "</annotation>\n";
      const std::string name =
          "Annotations/" + std::to_string(item.task.id) + "_" + std::to_string(a.id) + ".xml";
      AppendTarFile(out, name, xml, a.created_at / 1000);
      json entry = AnnotationFields(item.task, a);
      entry["file"] = name;
      entry["image"] = image;
      entry["aggregate"] = AggregateJson(item.aggregate);
      if (!index_.Write(entry.dump() + "\n")) {
        Fail(Status(StatusCode::kUnavailable,
                    "could not write the VOC export's temporary file; check the disk and "
                    "export again"));
      }
    }
  }

  void End(const Sink& sink) override {
    index_.CopyToTar(sink, "index.jsonl");
    sink(TarEnd());
  }

 private:
  domain::Control control_;
  SpillFile index_;
};

}  // namespace

WriterResult MakeVocWriter(const domain::LabelInterface& label_interface) {
  const domain::Control* boxes =
      domain::FirstControlOfType(label_interface, domain::ControlType::kRectangles);
  if (boxes == nullptr) return NeedsControl("voc_xml", "rectangles control");
  return std::unique_ptr<ExportWriter>(std::make_unique<VocWriter>(*boxes));
}

}  // namespace chorus::service::exports
