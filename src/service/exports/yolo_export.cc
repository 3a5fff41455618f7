#include "service/exports/yolo_export.h"

#include <algorithm>
#include <cstdio>

#include "service/exports/image_geometry.h"
#include "service/exports/spill_file.h"
#include "service/exports/tar_writer.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

std::string Fraction(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", std::clamp(value, 0.0, 1.0));
  return text;
}

class YoloWriter : public ExportWriter {
 public:
  YoloWriter(domain::Control control, YoloTask task) : control_(std::move(control)), task_(task) {}

  void Begin(const Sink& sink) override {
    std::string yaml = "# Chorus export: YOLO labels (Ultralytics layout)\nnames:\n";
    if (task_ == YoloTask::kPose) {
      yaml += "  0: " + json(control_.name).dump() + "\n";
      yaml += "kpt_shape: [" + std::to_string(control_.labels.size()) + ", 3]\n";
      yaml += "kpt_names: " + json(control_.labels).dump() + "\n";
    } else {
      for (size_t i = 0; i < control_.labels.size(); ++i) {
        yaml += "  " + std::to_string(i) + ": " + json(control_.labels[i]).dump() + "\n";
      }
    }
    std::string out;
    AppendTarFile(out, "data.yaml", yaml, 0);
    sink(out);
    if (!index_.ok()) {
      Fail(Status(StatusCode::kUnavailable,
                  "could not create a temporary file for the YOLO export; check the disk and "
                  "export again"));
    }
  }

  void Write(const ExportItem& item, std::string& out) override {
    const std::optional<std::pair<double, double>> size = ImageSize(item.data);
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      if (result.is_null()) continue;
      const json& regions = ControlValue(result, control_, Key());
      std::string lines;
      for (const json& region : regions.is_array() ? regions : json::array()) {
        lines += Line(region, size);
      }
      const std::string name =
          "labels/" + std::to_string(item.task.id) + "_" + std::to_string(a.id) + ".txt";
      AppendTarFile(out, name, lines, a.created_at / 1000);
      json entry = AnnotationFields(item.task, a);
      entry["file"] = name;
      entry["image"] = item.data.value(control_.to.front(), json());
      entry["aggregate"] = AggregateJson(item.aggregate);
      if (!index_.Write(entry.dump() + "\n")) {
        Fail(Status(StatusCode::kUnavailable,
                    "could not write the YOLO export's temporary file; check the disk and "
                    "export again"));
      }
    }
  }

  void End(const Sink& sink) override {
    index_.CopyToTar(sink, "index.jsonl");
    sink(TarEnd());
  }

 private:
  const char* Key() const {
    return task_ == YoloTask::kDetection      ? "boxes"
           : task_ == YoloTask::kSegmentation ? "polygons"
                                              : "instances";
  }

  int64_t ClassOf(const json& region) const {
    const auto found = std::find(control_.labels.begin(), control_.labels.end(),
                                 region.value("label", std::string()));
    return found == control_.labels.end() ? -1 : found - control_.labels.begin();
  }

  std::string Line(const json& region, const std::optional<std::pair<double, double>>& size) {
    if (!region.is_object()) return "";
    if (task_ == YoloTask::kPose) return PoseLine(region);
    const int64_t cls = ClassOf(region);
    if (cls < 0) return "";
    std::string line = std::to_string(cls);
    if (task_ == YoloTask::kSegmentation) {
      const auto points = ScaledPoints(region.value("points", json()), 0.01, 0.01);
      if (!points) return "";
      for (const auto& [x, y] : *points) line += " " + Fraction(x) + " " + Fraction(y);
      return line + "\n";
    }
    // Rotation happens in pixels when the size is known, so the aspect ratio is respected.
    const double w = size ? size->first : 100, h = size ? size->second : 100;
    const auto corners = BoxCorners(region, w / 100, h / 100);
    if (!corners) return "";
    if (IsRotated(region)) Note("rotated_boxes_enclosed");
    const Box box = Enclosing(*corners, w, h);
    line += " " + Fraction((box.x + box.width / 2) / w) + " " +
            Fraction((box.y + box.height / 2) / h) + " " + Fraction(box.width / w) + " " +
            Fraction(box.height / h);
    return line + "\n";
  }

  std::string PoseLine(const json& instance) {
    const json points = instance.value("points", json());
    if (!points.is_array()) return "";
    std::vector<std::string> fields(control_.labels.size() * 3, "0");
    std::vector<Point> labelled;
    for (const json& p : points) {
      const int64_t k = ClassOf(p);
      if (k < 0 || !p.value("x", json()).is_number() || !p.value("y", json()).is_number()) continue;
      const double x = p["x"].get<double>() / 100, y = p["y"].get<double>() / 100;
      const size_t at = static_cast<size_t>(k) * 3;
      fields[at] = Fraction(x);
      fields[at + 1] = Fraction(y);
      fields[at + 2] = p.value("occluded", false) ? "1" : "2";
      labelled.emplace_back(x, y);
    }
    if (labelled.empty()) return "";
    const Box box = Enclosing(labelled, 1, 1);
    std::string line = "0 " + Fraction(box.x + box.width / 2) + " " +
                       Fraction(box.y + box.height / 2) + " " + Fraction(box.width) + " " +
                       Fraction(box.height);
    for (const std::string& f : fields) line += " " + f;
    return line + "\n";
  }

  domain::Control control_;
  YoloTask task_;
  SpillFile index_;
};

}  // namespace

WriterResult MakeYoloWriter(const domain::LabelInterface& label_interface, YoloTask task) {
  using domain::ControlType;
  const ControlType type = task == YoloTask::kDetection      ? ControlType::kRectangles
                           : task == YoloTask::kSegmentation ? ControlType::kPolygons
                                                             : ControlType::kKeypoints;
  const char* name = task == YoloTask::kDetection      ? "yolo_detection"
                     : task == YoloTask::kSegmentation ? "yolo_segmentation"
                                                       : "yolo_pose";
  const domain::Control* control = domain::FirstControlOfType(label_interface, type);
  if (control == nullptr) {
    return NeedsControl(name, std::string(domain::ControlTypeName(type)) + " control");
  }
  return std::unique_ptr<ExportWriter>(std::make_unique<YoloWriter>(*control, task));
}

}  // namespace chorus::service::exports
