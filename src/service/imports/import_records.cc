#include "service/imports/import_records.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "domain/annotation_result.h"

namespace chorus::service::imports {

using nlohmann::json;

void ConvertedRecords::Fail(size_t record, uint64_t line, std::string field, std::string message) {
  if (errors.size() >= kMaxListedErrors) {
    more_errors = true;
    return;
  }
  errors.push_back({record, line, std::move(field), std::move(message)});
}

void AddRecord(const domain::LabelInterface& label_interface, json data,
               const std::optional<std::string>& external_id, json result, const std::string& model,
               size_t record, uint64_t line, ConvertedRecords& out) {
  if (out.Full()) {
    out.Fail(record, line, "body",
             "the file holds more than " + std::to_string(kMaxImportRecords) +
                 " tasks; split it and import the parts (a task imported again is not added "
                 "twice)");
    return;
  }
  if (!result.empty()) {
    const Status valid = domain::ValidateResult(label_interface, result, data);
    if (!valid.ok()) {
      out.Fail(record, line, valid.field(), valid.message());
      return;
    }
  }
  json envelope = {{"data", std::move(data)}, {"predictions", json::array()}};
  if (external_id) envelope["external_id"] = *external_id;
  if (!result.empty()) {
    envelope["predictions"].push_back({{"model_version", model}, {"result", std::move(result)}});
  }
  out.records.push_back(std::move(envelope));
  out.record_lines.push_back(line);
}

void RefuseConflictingRepeats(ConvertedRecords& out) {
  std::unordered_map<std::string, size_t> first;  // Task key -> the first record naming it.
  for (size_t i = 0; i < out.records.size(); ++i) {
    const json& record = out.records[i];
    const std::string key = record.contains("external_id")
                                ? Concat({"id ", record["external_id"].dump()})
                                : Concat({"data ", record["data"].dump()});
    const auto [earlier, added] = first.emplace(key, i);
    if (added || record["predictions"] == out.records[earlier->second]["predictions"]) continue;
    const size_t j = earlier->second;
    const uint64_t line = j < out.record_lines.size() ? out.record_lines[j] : 0;
    out.Fail(i, i < out.record_lines.size() ? out.record_lines[i] : 0, "predictions",
             Concat({"is the same task as record ", std::to_string(j),
                     line > 0 ? Concat({" (line ", std::to_string(line), ")"}) : "",
                     " with other labels; a task keeps one prediction per model, so keep one of "
                     "the two or import them under different models"}));
  }
}

Result<std::string> ImageField(const domain::LabelInterface& label_interface,
                               std::string_view format) {
  for (const domain::ControlType type :
       {domain::ControlType::kRectangles, domain::ControlType::kPolygons,
        domain::ControlType::kKeypoints}) {
    const domain::Control* control = domain::FirstControlOfType(label_interface, type);
    if (control != nullptr && !control->to.empty()) return control->to.front();
  }
  return InvalidArgument("the " + std::string(format) +
                             " import needs a rectangles, polygons or keypoints control in the "
                             "project's label interface, and this project has none; add one first",
                         "format");
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  double value = 0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string Concat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (const std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (const std::string_view part : parts) out += part;
  return out;
}

uint64_t LineAt(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

json PixelCount(double value) {
  if (value == std::floor(value) && std::abs(value) < 9e15) return static_cast<int64_t>(value);
  return value;
}

Result<double> ToPercent(const json& value, double size) {
  if (!value.is_number()) return InvalidArgument("must be a number", "");
  const double v = value.get<double>();
  const double slack = size == 1 ? 1e-6 : 0.5;
  if (!std::isfinite(v) || v < -slack || v > size + slack) {
    return InvalidArgument(
        value.dump() + " lies outside the image (0 to " + json(size).dump() + ")", "");
  }
  return std::clamp(v, 0.0, size) / size * 100;
}

}  // namespace chorus::service::imports
