#include "service/imports/coco_import.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/annotation_result.h"
#include "domain/bounded_json.h"

namespace chorus::service::imports {
namespace {

using nlohmann::json;

struct CocoCategory {
  std::string name;
  std::vector<std::string> keypoints;  // COCO's point names; empty for boxes and polygons.
};

struct CocoImage {
  json data;
  std::optional<std::string> external_id;
  double width = 0;
  double height = 0;
  json result = json::object();
  bool failed = false;
};

bool HasLabel(const domain::Control* control, const std::string& label) {
  return control != nullptr &&
         std::find(control->labels.begin(), control->labels.end(), label) != control->labels.end();
}

// Appends a region to result[control][key].
void AddRegion(json& result, const domain::Control& control, json region) {
  result[control.name][domain::ResultKey(control.type)].push_back(std::move(region));
}

// Flat [x1, y1, x2, y2, ...] pixels as [[x%, y%], ...], or the message of the first bad value.
Result<json> CocoPoints(const json& flat, const CocoImage& image) {
  if (!flat.is_array() || flat.size() % 2 != 0 || flat.size() < 6) {
    return InvalidArgument("a polygon must list at least three x, y pairs", "");
  }
  if (flat.size() > 2 * domain::kMaxPointsPerShape) {
    return InvalidArgument("a polygon has more than " +
                               std::to_string(domain::kMaxPointsPerShape) + " points",
                           "");
  }
  json points = json::array();
  for (size_t i = 0; i < flat.size(); i += 2) {
    auto x = ToPercent(flat[i], image.width);
    if (!x.ok()) return InvalidArgument("x " + x.status().message(), "");
    auto y = ToPercent(flat[i + 1], image.height);
    if (!y.ok()) return InvalidArgument("y " + y.status().message(), "");
    points.push_back({*x, *y});
  }
  return points;
}

// The bbox [x, y, w, h] in pixels as a Chorus box (percent), or the message of what is wrong.
Result<json> CocoBox(const json& bbox, const CocoImage& image) {
  if (!bbox.is_array() || bbox.size() != 4 ||
      !std::all_of(bbox.begin(), bbox.end(), [](const json& v) { return v.is_number(); })) {
    return InvalidArgument("bbox must be [x, y, width, height] in pixels", "");
  }
  const double x = bbox[0], y = bbox[1], w = bbox[2], h = bbox[3];
  if (!(w > 0) || !(h > 0)) return InvalidArgument("bbox width and height must be positive", "");
  auto left = ToPercent(x, image.width), right = ToPercent(x + w, image.width);
  auto top = ToPercent(y, image.height), bottom = ToPercent(y + h, image.height);
  for (const auto* side : {&left, &right, &top, &bottom}) {
    if (!side->ok()) return InvalidArgument("bbox " + side->status().message(), "");
  }
  if (!(*right > *left) || !(*bottom > *top)) {
    return InvalidArgument("bbox is empty once clipped to the image", "");
  }
  return json{{"x", *left}, {"y", *top}, {"width", *right - *left}, {"height", *bottom - *top}};
}

// True when `segmentation` is one ring holding exactly the corners of `bbox` (a box export).
bool IsBoxRing(const json& segmentation, const json& bbox) {
  if (!segmentation.is_array() || segmentation.size() != 1 || !bbox.is_array() ||
      bbox.size() != 4 || !segmentation[0].is_array() || segmentation[0].size() != 8) {
    return false;
  }
  const json& ring = segmentation[0];
  if (!std::all_of(ring.begin(), ring.end(), [](const json& v) { return v.is_number(); }) ||
      !std::all_of(bbox.begin(), bbox.end(), [](const json& v) { return v.is_number(); })) {
    return false;
  }
  const double x0 = bbox[0], y0 = bbox[1], x1 = x0 + bbox[2].get<double>(),
               y1 = y0 + bbox[3].get<double>();
  const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-6 * (1 + std::abs(b)); };
  for (size_t i = 0; i < 8; i += 2) {
    const double x = ring[i], y = ring[i + 1];
    if (!(near(x, x0) || near(x, x1)) || !(near(y, y0) || near(y, y1))) return false;
  }
  return true;
}

// One keypoints annotation as an instance of `control`, or what is wrong.
Result<json> CocoInstance(const json& annotation, const CocoCategory& category,
                          const domain::Control& control, const CocoImage& image) {
  const json keypoints = annotation.value("keypoints", json());
  if (!keypoints.is_array() || keypoints.size() != category.keypoints.size() * 3) {
    return InvalidArgument("keypoints must hold x, y, v for each of the category's " +
                               std::to_string(category.keypoints.size()) + " keypoints",
                           "keypoints");
  }
  json points = json::array();
  for (size_t k = 0; k < category.keypoints.size(); ++k) {
    const std::string& name = category.keypoints[k];
    const json& v = keypoints[k * 3 + 2];
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 2) {
      return InvalidArgument("visibility of \"" + name + "\" must be 0, 1 or 2",
                             "keypoints[" + std::to_string(k * 3 + 2) + "]");
    }
    if (v.get<int64_t>() == 0) continue;
    if (!HasLabel(&control, name)) {
      return InvalidArgument("keypoint \"" + name +
                                 "\" is not a label of the keypoints control \"" + control.name +
                                 "\"; add it to the project's interface",
                             "keypoints");
    }
    auto x = ToPercent(keypoints[k * 3], image.width);
    if (!x.ok()) {
      return InvalidArgument("x of \"" + name + "\" " + x.status().message(),
                             "keypoints[" + std::to_string(k * 3) + "]");
    }
    auto y = ToPercent(keypoints[k * 3 + 1], image.height);
    if (!y.ok()) {
      return InvalidArgument("y of \"" + name + "\" " + y.status().message(),
                             "keypoints[" + std::to_string(k * 3 + 1) + "]");
    }
    json point = {{"label", name}, {"x", *x}, {"y", *y}};
    if (v.get<int64_t>() == 1) point["occluded"] = true;
    points.push_back(std::move(point));
  }
  return json{{"points", std::move(points)}};
}

// Adds one annotation's regions to its image's result, or returns what is wrong (field relative
// to the annotation).
Status CocoAnnotation(const domain::LabelInterface& li, const json& annotation,
                      const CocoCategory& category, CocoImage& image) {
  const std::string who = "annotation " + annotation.value("id", json()).dump() + " (category \"" +
                          category.name + "\")";
  if (!category.keypoints.empty()) {
    const domain::Control* control = domain::FindControl(li, category.name);
    if (control == nullptr || control->type != domain::ControlType::kKeypoints) {
      control = domain::FirstControlOfType(li, domain::ControlType::kKeypoints);
    }
    if (control == nullptr) {
      return InvalidArgument(who + " has keypoints, and the project has no keypoints control",
                             "category_id");
    }
    auto instance = CocoInstance(annotation, category, *control, image);
    if (!instance.ok()) {
      return InvalidArgument(who + ": " + instance.status().message(), instance.status().field());
    }
    if (!(*instance)["points"].empty()) AddRegion(image.result, *control, *std::move(instance));
    return Status::Ok();
  }
  const domain::Control* boxes = domain::FirstControlOfType(li, domain::ControlType::kRectangles);
  const domain::Control* shapes = domain::FirstControlOfType(li, domain::ControlType::kPolygons);
  const bool box_label = HasLabel(boxes, category.name);
  const bool shape_label = HasLabel(shapes, category.name);
  if (!box_label && !shape_label) {
    return InvalidArgument(who + ": \"" + category.name +
                               "\" is not a label of the project's rectangles or polygons "
                               "control; add it to the interface or rename the category",
                           "category_id");
  }
  const json segmentation = annotation.value("segmentation", json());
  const json bbox = annotation.value("bbox", json());
  const bool rings = segmentation.is_array() && !segmentation.empty();
  if (shape_label && rings && !(box_label && IsBoxRing(segmentation, bbox))) {
    for (size_t r = 0; r < segmentation.size(); ++r) {
      auto points = CocoPoints(segmentation[r], image);
      if (!points.ok()) {
        return InvalidArgument(who + ": " + points.status().message(),
                               "segmentation[" + std::to_string(r) + "]");
      }
      AddRegion(image.result, *shapes, {{"points", *std::move(points)}, {"label", category.name}});
    }
    return Status::Ok();
  }
  auto box = CocoBox(bbox, image);
  if (!box.ok()) return InvalidArgument(who + ": " + box.status().message(), "bbox");
  if (!box_label) {  // A polygon label with only a box: its four corners.
    const double x = (*box)["x"], y = (*box)["y"], w = (*box)["width"], h = (*box)["height"];
    AddRegion(
        image.result, *shapes,
        {{"points", {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}, {"label", category.name}});
    return Status::Ok();
  }
  (*box)["label"] = category.name;
  AddRegion(image.result, *boxes, *std::move(box));
  return Status::Ok();
}

// The image's size: a positive number up to kMaxImageSide, or what is wrong.
Result<double> CocoSide(const json& image, const char* key) {
  const json value = image.value(key, json());
  if (!value.is_number() || !(value.get<double>() > 0) || !(value.get<double>() <= kMaxImageSide)) {
    return InvalidArgument(std::string(key) + " must be the image's " + key +
                               " in pixels, a positive number up to " + json(kMaxImageSide).dump(),
                           key);
  }
  return value.get<double>();
}

}  // namespace

Result<ConvertedRecords> FromCoco(const domain::LabelInterface& label_interface,
                                  std::string_view body, const std::string& model) {
  auto field = ImageField(label_interface, "coco_json");
  if (!field.ok()) return field.status();
  const json coco = domain::ParseJsonWithinDepth(body);
  const auto is_array = [&coco](const char* key) {
    const auto it = coco.find(key);
    return it != coco.end() && it->is_array();
  };
  if (!coco.is_object() || !is_array("images") || !is_array("annotations") ||
      !is_array("categories")) {
    return InvalidArgument(
        "is not COCO JSON (or nests deeper than 64 levels): send one object with the arrays "
        "images, annotations and categories",
        "body");
  }
  ConvertedRecords out;
  std::map<int64_t, CocoCategory> categories;
  const json& listed = coco["categories"];
  for (size_t i = 0; i < listed.size(); ++i) {
    const std::string at = "categories[" + std::to_string(i) + "]";
    const json& c = listed[i];
    if (!c.is_object() || !c.value("id", json()).is_number_integer() ||
        !c.value("name", json()).is_string()) {
      out.Fail(0, 0, at, "a category needs an integer id and a name");
      continue;
    }
    CocoCategory category{c["name"], {}};
    const json names = c.value("keypoints", json::array());
    if (!names.is_array() ||
        !std::all_of(names.begin(), names.end(), [](const json& n) { return n.is_string(); })) {
      out.Fail(0, 0, at + ".keypoints", "keypoints must list the point names");
      continue;
    }
    for (const json& n : names) category.keypoints.push_back(n);
    if (!categories.emplace(c["id"].get<int64_t>(), std::move(category)).second) {
      out.Fail(0, 0, at + ".id", "category id " + c["id"].dump() + " is listed twice");
    }
  }
  std::vector<CocoImage> images;
  std::map<int64_t, size_t> image_index;
  const json& listed_images = coco["images"];
  out.record_count = listed_images.size();
  if (listed_images.size() > kMaxImportRecords) {
    out.Fail(kMaxImportRecords, 0, "images",
             "the file lists more than " + std::to_string(kMaxImportRecords) +
                 " images; split it and import the parts (a task imported again is not added "
                 "twice)");
    return out;
  }
  for (size_t i = 0; i < listed_images.size(); ++i) {
    const std::string at = "images[" + std::to_string(i) + "]";
    const json& m = listed_images[i];
    CocoImage image;
    if (!m.is_object() || !m.value("id", json()).is_number_integer() ||
        !m.value("file_name", json()).is_string() || m["file_name"].get<std::string>().empty()) {
      out.Fail(i, 0, at, "an image needs an integer id and a file_name");
      image.failed = true;
      images.push_back(std::move(image));
      continue;
    }
    auto width = CocoSide(m, "width");
    auto height = CocoSide(m, "height");
    for (const auto* side : {&width, &height}) {
      if (!side->ok()) {
        out.Fail(i, 0, at + "." + side->status().field(), side->status().message());
        image.failed = true;
      }
    }
    if (!image.failed) {
      image.width = *width;
      image.height = *height;
      image.data = {{*field, m["file_name"]}, {"width", m["width"]}, {"height", m["height"]}};
      const json chorus = m.value("chorus", json::object());
      if (chorus.is_object() && chorus.value("external_id", json()).is_string()) {
        image.external_id = chorus["external_id"].get<std::string>();
      }
    }
    if (!image_index.emplace(m["id"].get<int64_t>(), i).second) {
      out.Fail(i, 0, at + ".id", "image id " + m["id"].dump() + " is listed twice");
      image.failed = true;
    }
    images.push_back(std::move(image));
  }
  const json& annotations = coco["annotations"];
  for (size_t i = 0; i < annotations.size(); ++i) {
    const std::string at = "annotations[" + std::to_string(i) + "]";
    const json& a = annotations[i];
    if (!a.is_object() || !a.value("image_id", json()).is_number_integer() ||
        !a.value("category_id", json()).is_number_integer()) {
      out.Fail(0, 0, at, "an annotation needs an integer image_id and category_id");
      continue;
    }
    const std::string id = a.value("id", json()).dump();
    const auto image = image_index.find(a["image_id"].get<int64_t>());
    if (image == image_index.end()) {
      out.Fail(
          0, 0, at + ".image_id",
          "annotation " + id + " names image " + a["image_id"].dump() + ", which is not in images");
      continue;
    }
    const auto category = categories.find(a["category_id"].get<int64_t>());
    if (category == categories.end()) {
      out.Fail(image->second, 0, at + ".category_id",
               "annotation " + id + " names category " + a["category_id"].dump() +
                   ", which is not in categories");
      continue;
    }
    CocoImage& target = images[image->second];
    if (target.failed) continue;
    const Status added = CocoAnnotation(label_interface, a, category->second, target);
    if (!added.ok()) {
      out.Fail(image->second, 0, at + "." + added.field(), added.message());
      target.failed = true;
    }
  }
  for (size_t i = 0; i < images.size(); ++i) {
    if (images[i].failed) continue;
    AddRecord(label_interface, std::move(images[i].data), images[i].external_id,
              std::move(images[i].result), model, i, 0, out);
  }
  return out;
}

}  // namespace chorus::service::imports
