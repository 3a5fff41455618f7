#include "service/exports/coco_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "service/exports/image_geometry.h"
#include "service/exports/spill_file.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

class CocoWriter : public ExportWriter {
 public:
  // The controls point into the writer's own copy of the interface.
  explicit CocoWriter(domain::LabelInterface label_interface)
      : interface_(std::move(label_interface)) {
    using domain::ControlType;
    boxes_ = domain::FirstControlOfType(interface_, ControlType::kRectangles);
    polygons_ = domain::FirstControlOfType(interface_, ControlType::kPolygons);
    keypoints_ = domain::FirstControlOfType(interface_, ControlType::kKeypoints);
    for (const domain::Control* c : {boxes_, polygons_}) {
      if (c == nullptr) continue;
      for (const std::string& label : c->labels) {
        if (!category_ids_.contains(label)) AddCategory(label, {{"name", label}});
      }
    }
    if (keypoints_ != nullptr) {
      json skeleton = json::array();
      for (const auto& [from, to] : keypoints_->skeleton) skeleton.push_back({from + 1, to + 1});
      keypoint_category_ = static_cast<int64_t>(categories_.size()) + 1;
      categories_.push_back({{"id", keypoint_category_},
                             {"name", keypoints_->name},
                             {"supercategory", keypoints_->name},
                             {"keypoints", keypoints_->labels},
                             {"skeleton", std::move(skeleton)}});
    }
  }

  void Begin(const Sink& sink) override {
    if (!spill_.ok()) {
      Fail(Status(StatusCode::kUnavailable,
                  "could not create a temporary file for the COCO export; check the disk and "
                  "export again"));
    }
    const json head = {{"info", {{"description", "Chorus export"}, {"version", "1.0"}}},
                       {"licenses", json::array()},
                       {"categories", categories_}};
    std::string text = head.dump();
    text.pop_back();  // The closing brace: images and annotations follow.
    sink(text + ",\"images\":[");
  }

  void Write(const ExportItem& item, std::string& out) override {
    if (!status().ok()) return;
    const domain::Control* image_control = boxes_ ? boxes_ : polygons_ ? polygons_ : keypoints_;
    const std::string& field = image_control->to.front();
    const std::optional<std::pair<double, double>> size = ImageSize(item.data);
    if (!size) {
      Fail(Status(StatusCode::kInvalidArgument,
                  "task " + std::to_string(item.task.id) +
                      " has no image size: COCO counts in pixels, so each task's data needs "
                      "\"width\" and \"height\" (positive numbers); add them, or export yolo_*, "
                      "which needs no size",
                  "format"));
      return;
    }
    const auto [width, height] = *size;
    if (images_++ > 0) out += ',';
    out += json({{"id", item.task.id},
                 {"file_name", item.data.value(field, json(""))},
                 // COCO's image sizes are integers.
                 {"width", std::llround(width)},
                 {"height", std::llround(height)},
                 // The task's aggregated label, soft label, confidence and weight, or null.
                 {"chorus",
                  {{"external_id",
                    item.task.external_id ? json(*item.task.external_id) : json(nullptr)},
                   {"aggregate", AggregateJson(item.aggregate)}}}})
               .dump();
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      if (result.is_null()) continue;
      const json chorus = AnnotationFields(item.task, a);
      const double sx = width / 100, sy = height / 100;
      if (boxes_ != nullptr) {
        for (const json& box : Regions(result, *boxes_, "boxes")) {
          const auto corners = BoxCorners(box, sx, sy);
          if (!corners) continue;
          if (IsRotated(box)) Note("rotated_boxes_enclosed");
          Region(item.task.id, box.value("label", ""), *corners, width, height, chorus);
        }
      }
      if (polygons_ != nullptr) {
        for (const json& polygon : Regions(result, *polygons_, "polygons")) {
          const auto points = ScaledPoints(polygon.value("points", json()), sx, sy);
          if (points)
            Region(item.task.id, polygon.value("label", ""), *points, width, height, chorus);
        }
      }
      if (keypoints_ != nullptr) {
        for (const json& instance : Regions(result, *keypoints_, "instances")) {
          Keypoints(item.task.id, instance, sx, sy, width, height, chorus);
        }
      }
    }
  }

  void End(const Sink& sink) override {
    sink("],\"annotations\":[");
    spill_.CopyTo(sink);
    sink("]}\n");
  }

 private:
  void AddCategory(const std::string& name, json category) {
    const int64_t id = static_cast<int64_t>(categories_.size()) + 1;
    category_ids_[name] = id;
    category["id"] = id;
    category["supercategory"] = "";
    categories_.push_back(std::move(category));
  }

  static const json& Regions(const json& result, const domain::Control& control, const char* key) {
    static const json kEmpty = json::array();
    const json& value = ControlValue(result, control, key);
    return value.is_array() ? value : kEmpty;
  }

  void Region(int64_t image_id, const std::string& label, const std::vector<Point>& points,
              double width, double height, const json& chorus) {
    const auto category = category_ids_.find(label);
    if (category == category_ids_.end()) return;
    const Box box = Enclosing(points, width, height);
    json polygon = json::array();
    for (const auto& [x, y] : points) {
      polygon.push_back(x);
      polygon.push_back(y);
    }
    Spill({{"image_id", image_id},
           {"category_id", category->second},
           {"bbox", {box.x, box.y, box.width, box.height}},
           {"area", PolygonArea(points)},
           {"segmentation", json::array({std::move(polygon)})},
           {"iscrowd", 0},
           {"chorus", chorus}});
  }

  void Keypoints(int64_t image_id, const json& instance, double sx, double sy, double width,
                 double height, const json& chorus) {
    const json points = instance.is_object() ? instance.value("points", json()) : json();
    if (!points.is_array()) return;
    // COCO keypoints: x, y in pixels and an integer visibility per point, 0 0 0 when unlabelled.
    json flat = json::array();
    for (size_t i = 0; i < keypoints_->labels.size() * 3; ++i) flat.push_back(0);
    std::vector<Point> labelled;
    for (const json& p : points) {
      const auto label = std::find(keypoints_->labels.begin(), keypoints_->labels.end(),
                                   p.value("label", std::string()));
      if (label == keypoints_->labels.end() || !p.value("x", json()).is_number() ||
          !p.value("y", json()).is_number())
        continue;
      const size_t k = static_cast<size_t>(label - keypoints_->labels.begin()) * 3;
      const double x = p["x"].get<double>() * sx, y = p["y"].get<double>() * sy;
      flat[k] = x;
      flat[k + 1] = y;
      flat[k + 2] = p.value("occluded", false) ? 1 : 2;  // COCO: 1 labelled not visible, 2 visible.
      labelled.emplace_back(x, y);
    }
    if (labelled.empty()) return;
    const Box box = Enclosing(labelled, width, height);
    Spill({{"image_id", image_id},
           {"category_id", keypoint_category_},
           {"bbox", {box.x, box.y, box.width, box.height}},
           {"area", box.width * box.height},
           {"keypoints", flat},
           {"num_keypoints", labelled.size()},
           {"segmentation", json::array()},
           {"iscrowd", 0},
           {"chorus", chorus}});
  }

  void Spill(json annotation) {
    annotation["id"] = ++annotations_;
    std::string text = (annotations_ > 1 ? "," : "") + annotation.dump();
    if (!spill_.Write(text)) {
      Fail(Status(StatusCode::kUnavailable,
                  "could not write the COCO export's temporary file; check the disk and export "
                  "again"));
    }
  }

  domain::LabelInterface interface_;
  const domain::Control* boxes_ = nullptr;
  const domain::Control* polygons_ = nullptr;
  const domain::Control* keypoints_ = nullptr;
  json categories_ = json::array();
  std::map<std::string, int64_t> category_ids_;
  int64_t keypoint_category_ = 0;
  int64_t images_ = 0;
  int64_t annotations_ = 0;
  SpillFile spill_;
};

}  // namespace

WriterResult MakeCocoWriter(const domain::LabelInterface& label_interface) {
  using domain::ControlType;
  if (!domain::FirstControlOfType(label_interface, ControlType::kRectangles) &&
      !domain::FirstControlOfType(label_interface, ControlType::kPolygons) &&
      !domain::FirstControlOfType(label_interface, ControlType::kKeypoints)) {
    return NeedsControl("coco_json", "rectangles, polygons or keypoints control");
  }
  return std::unique_ptr<ExportWriter>(std::make_unique<CocoWriter>(label_interface));
}

}  // namespace chorus::service::exports
