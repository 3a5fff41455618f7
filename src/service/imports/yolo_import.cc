#include "service/imports/yolo_import.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "domain/annotation_result.h"

namespace chorus::service::imports {
namespace {

using nlohmann::json;

std::vector<std::string_view> YoloFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r')) ++at;
    const size_t start = at;
    while (at < line.size() && line[at] != ' ' && line[at] != '\t' && line[at] != '\r') ++at;
    if (at > start) fields.push_back(line.substr(start, at - start));
  }
  return fields;
}

// Field i of the line as a fraction 0..1 in percent, or what is wrong.
Result<double> YoloFraction(const std::vector<std::string_view>& fields, size_t i) {
  const auto value = ParseNumber(fields[i]);
  if (!value) {
    return InvalidArgument(
        "field " + std::to_string(i + 1) + " (\"" + std::string(fields[i]) + "\") is not a number",
        "");
  }
  auto percent = ToPercent(*value, 1);
  if (!percent.ok()) {
    return InvalidArgument("field " + std::to_string(i + 1) + " " + percent.status().message() +
                               "; YOLO coordinates are fractions of the image",
                           "");
  }
  return percent;
}

// The label of the class in field 0, or what is wrong.
Result<std::string> YoloClass(const std::vector<std::string_view>& fields,
                              const std::vector<std::string>& classes,
                              const domain::Control& control) {
  const auto value = ParseNumber(fields[0]);
  if (!value || *value < 0 || *value != static_cast<double>(static_cast<int64_t>(*value)) ||
      *value >= static_cast<double>(classes.size())) {
    return InvalidArgument("class \"" + std::string(fields[0]) + "\" is not an index of the " +
                               std::to_string(classes.size()) + " classes",
                           "");
  }
  const std::string& label = classes[static_cast<size_t>(*value)];
  if (std::find(control.labels.begin(), control.labels.end(), label) == control.labels.end()) {
    return InvalidArgument("class " + std::string(fields[0]) + " (\"" + label +
                               "\") is not a label of the control \"" + control.name +
                               "\"; add it to the project's interface",
                           "");
  }
  return label;
}

// One label line as a region of `control`, or what is wrong.
Result<json> YoloRegion(YoloKind kind, const std::vector<std::string_view>& fields,
                        const std::vector<std::string>& classes, const domain::Control& control) {
  if (kind == YoloKind::kPose) {
    const size_t k = control.labels.size();
    const size_t per = fields.size() == 5 + 3 * k ? 3 : fields.size() == 5 + 2 * k ? 2 : 0;
    if (per == 0) {
      return InvalidArgument("a pose line has 5 fields and then x y v (or x y) for each of the " +
                                 std::to_string(k) + " keypoints; this one has " +
                                 std::to_string(fields.size()),
                             "");
    }
    if (fields[0] != "0") return InvalidArgument("a pose line's class must be 0", "");
    json points = json::array();
    for (size_t p = 0; p < k; ++p) {
      const size_t at = 5 + p * per;
      double v = 2;
      if (per == 3) {
        const auto parsed = ParseNumber(fields[at + 2]);
        if (!parsed || (*parsed != 0 && *parsed != 1 && *parsed != 2)) {
          return InvalidArgument(
              "field " + std::to_string(at + 3) + " (visibility) must be 0, 1 or 2", "");
        }
        v = *parsed;
      }
      if (v == 0) continue;
      auto x = YoloFraction(fields, at);
      if (!x.ok()) return x.status();
      auto y = YoloFraction(fields, at + 1);
      if (!y.ok()) return y.status();
      json point = {{"label", control.labels[p]}, {"x", *x}, {"y", *y}};
      if (v == 1) point["occluded"] = true;
      points.push_back(std::move(point));
    }
    return json{{"points", std::move(points)}};
  }
  auto label = YoloClass(fields, classes, control);
  if (!label.ok()) return label.status();
  if (kind == YoloKind::kSegmentation) {
    if (fields.size() < 7 || fields.size() % 2 == 0) {
      return InvalidArgument("a segmentation line is CLASS then at least three x y pairs", "");
    }
    json points = json::array();
    for (size_t i = 1; i < fields.size(); i += 2) {
      auto x = YoloFraction(fields, i);
      if (!x.ok()) return x.status();
      auto y = YoloFraction(fields, i + 1);
      if (!y.ok()) return y.status();
      points.push_back({*x, *y});
    }
    return json{{"points", std::move(points)}, {"label", *label}};
  }
  if (fields.size() != 5) {
    return InvalidArgument("a detection line is CLASS XC YC W H; this one has " +
                               std::to_string(fields.size()) + " fields",
                           "");
  }
  double v[4];
  for (size_t i = 1; i < 5; ++i) {
    auto value = YoloFraction(fields, i);
    if (!value.ok()) return value.status();
    v[i - 1] = *value;
  }
  const double left = v[0] - v[2] / 2, top = v[1] - v[3] / 2;
  constexpr double kSlack = 1e-4;  // Percent: six decimals of a fraction.
  if (!(v[2] > 0) || !(v[3] > 0) || left < -kSlack || top < -kSlack || left + v[2] > 100 + kSlack ||
      top + v[3] > 100 + kSlack) {
    return InvalidArgument("the box must have a positive size and lie inside the image", "");
  }
  const double x = std::max(left, 0.0), y = std::max(top, 0.0);
  return json{{"x", x},
              {"y", y},
              {"width", std::min(v[2], 100 - x)},
              {"height", std::min(v[3], 100 - y)},
              {"label", *label}};
}

}  // namespace

Result<ConvertedRecords> FromYolo(const domain::LabelInterface& label_interface, YoloKind kind,
                                  std::string_view body, const std::string& model) {
  const domain::ControlType type = kind == YoloKind::kDetection ? domain::ControlType::kRectangles
                                   : kind == YoloKind::kSegmentation
                                       ? domain::ControlType::kPolygons
                                       : domain::ControlType::kKeypoints;
  const domain::Control* control = domain::FirstControlOfType(label_interface, type);
  if (control == nullptr || control->to.empty()) {
    return InvalidArgument(std::string("this YOLO import needs a ") +
                               domain::ControlTypeName(type) +
                               " control in the project's label interface, and this project has "
                               "none; add one first",
                           "format");
  }
  const json input = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!input.is_object() || !input.value("items", json()).is_array()) {
    return InvalidArgument(
        "send {\"classes\": [...], \"items\": [{\"image\", \"labels\"}]}: "
        "each item an image and its label file's text",
        "body");
  }
  std::vector<std::string> classes = control->labels;
  if (const auto listed = input.find("classes"); listed != input.end()) {
    if (!listed->is_array() ||
        !std::all_of(listed->begin(), listed->end(), [](const json& c) { return c.is_string(); })) {
      return InvalidArgument("must list the class names, index 0 first", "classes");
    }
    classes.assign(listed->begin(), listed->end());
  }
  ConvertedRecords out;
  const json& items = input["items"];
  out.record_count = items.size();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    const json& item = items[i];
    if (!item.is_object() || !item.value("image", json()).is_string() ||
        !item.value("labels", json()).is_string()) {
      out.Fail(i, 0, at,
               "an item needs \"image\" (the image's URL or path) and \"labels\" (the "
               "label file's text)");
      continue;
    }
    json data = {{control->to.front(), item["image"]}};
    bool failed = false;
    for (const char* side : {"width", "height"}) {
      if (!item.contains(side)) continue;
      const json& v = item[side];
      if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > kMaxImageSide) {
        out.Fail(i, 0, at + "." + side, "must be a positive number of pixels");
        failed = true;
      } else {
        data[side] = v;
      }
    }
    const std::string labels = item["labels"];
    json regions = json::array();
    uint64_t line_number = 0;
    for (size_t start = 0; start <= labels.size() && !failed;) {
      size_t end = labels.find('\n', start);
      if (end == std::string::npos) end = labels.size();
      ++line_number;
      const std::vector<std::string_view> fields =
          YoloFields(std::string_view(labels).substr(start, end - start));
      start = end + 1;
      if (fields.empty()) continue;
      auto region = YoloRegion(kind, fields, classes, *control);
      if (!region.ok()) {
        out.Fail(i, line_number, at + ".labels",
                 "line " + std::to_string(line_number) + ": " + region.status().message());
        failed = true;
      } else if (kind != YoloKind::kPose || !(*region)["points"].empty()) {
        regions.push_back(*std::move(region));
      }
    }
    if (failed) continue;
    json result = json::object();
    if (!regions.empty()) result[control->name] = {{domain::ResultKey(type), std::move(regions)}};
    AddRecord(label_interface, std::move(data), std::nullopt, std::move(result), model, i, 0, out);
  }
  return out;
}

}  // namespace chorus::service::imports
