// Keypoints and video regions, Label Studio <-> Chorus (ls_result_parts.h).
#include <algorithm>
#include <cmath>
#include <string>

#include "domain/ls_result_parts.h"

namespace chorus::domain::ls {
namespace {

// Label Studio draws a keypoint as a circle this wide (percent of the image width).
constexpr double kKeypointWidth = 0.5;

// value[key] as a 1-based frame number, or an error naming it.
Result<int64_t> NeedFrame(const json& value, const char* key, const std::string& field) {
  auto number = NeedNumber(value, key, field);
  if (!number.ok()) return number.status();
  if (*number < 1 || *number > 1e12 || *number != std::floor(*number)) {
    return InvalidArgument("must be a frame number: a whole number from 1", field + "." + key);
  }
  return static_cast<int64_t>(*number);
}

// object[key] when it is a boolean, else `fallback` (odd input is not worth an exception).
bool LsFlag(const json& object, const char* key, bool fallback) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

// The 1-based frame that starts at `seconds`.
int64_t FrameAt(double seconds, double frame_rate) {
  return static_cast<int64_t>(std::llround(seconds * frame_rate)) + 1;
}

}  // namespace

Status ImportKeypoint(const Control& /*control*/, const json& value, const std::string& field,
                      json& answer) {
  auto x = NeedNumber(value, "x", field + ".value");
  if (!x.ok()) return x.status();
  auto y = NeedNumber(value, "y", field + ".value");
  if (!y.ok()) return y.status();
  auto label = FirstLabel(value, "keypointlabels", field);
  if (!label.ok()) return label.status();
  json point = {{"label", *label}, {"x", value["x"]}, {"y", value["y"]}};
  if (LsFlag(value, "chorus_occluded", false)) point["occluded"] = true;
  json& instances = answer["instances"];
  if (!instances.is_array()) instances = json::array();
  size_t index = instances.size();  // A new instance unless the last one can take the point.
  if (const auto key = value.find("chorus_instance"); key != value.end()) {
    if (!key->is_number_unsigned() || key->get<size_t>() > instances.size()) {
      return InvalidArgument("must be the index of this or the next instance (0 to " +
                                 std::to_string(instances.size()) + ")",
                             field + ".value.chorus_instance");
    }
    index = key->get<size_t>();
  } else if (!instances.empty()) {
    const json& points = instances.back()["points"];
    const bool taken = std::any_of(points.begin(), points.end(),
                                   [&](const json& p) { return p.value("label", "") == *label; });
    if (!taken) index = instances.size() - 1;
  }
  if (index == instances.size()) instances.push_back({{"points", json::array()}});
  instances[index]["points"].push_back(std::move(point));
  return Status::Ok();
}

std::vector<RegionOut> ExportKeypoints(const json& answer) {
  std::vector<RegionOut> out;
  const json instances = answer.value("instances", json::array());
  for (size_t k = 0; k < instances.size(); ++k) {
    for (const json& point : instances[k].value("points", json::array())) {
      json value = {{"x", point.value("x", json())},
                    {"y", point.value("y", json())},
                    {"width", kKeypointWidth},
                    {"keypointlabels", json::array({point.value("label", json())})}};
      // Label Studio has no instances nor occlusion; these travel for the way back.
      if (instances.size() > 1) value["chorus_instance"] = k;
      if (LsFlag(point, "occluded", false)) value["chorus_occluded"] = true;
      out.push_back({"keypointlabels", std::move(value)});
    }
  }
  return out;
}

Status ImportVideoTrack(const Control& control, const json& value, const std::string& field,
                        json& answer) {
  auto label = FirstLabel(value, "labels", field);
  if (!label.ok()) return label.status();
  const auto sequence = value.find("sequence");
  if (sequence == value.end() || !sequence->is_array() || sequence->empty()) {
    return InvalidArgument("needs sequence: a list of keyframes", field + ".value.sequence");
  }
  json keyframes = json::array();
  for (size_t j = 0; j < sequence->size(); ++j) {
    const std::string at = field + ".value.sequence[" + std::to_string(j) + "]";
    const json& step = (*sequence)[j];
    if (!step.is_object()) return InvalidArgument("must be an object", at);
    json keyframe = json::object();
    // The frame is what Label Studio keeps; `time` is derived from the browser's clock.
    if (step.contains("frame")) {
      auto frame = NeedFrame(step, "frame", at);
      if (!frame.ok()) return frame.status();
      keyframe["time"] = static_cast<double>(*frame - 1) / control.frame_rate;
    } else {
      auto time = NeedNumber(step, "time", at);
      if (!time.ok()) return time.status();
      keyframe["time"] = *time;
    }
    for (const char* key : {"x", "y", "width", "height"}) {
      auto number = NeedNumber(step, key, at);
      if (!number.ok()) return number.status();
      keyframe[key] = step[key];
    }
    if (const auto rotation = step.find("rotation");
        rotation != step.end() && rotation->is_number() && rotation->get<double>() != 0) {
      keyframe["rotation"] = *rotation;
    }
    if (!LsFlag(step, "enabled", true)) keyframe["outside"] = true;
    keyframes.push_back(std::move(keyframe));
  }
  std::stable_sort(keyframes.begin(), keyframes.end(), [](const json& a, const json& b) {
    return a["time"].get<double>() < b["time"].get<double>();
  });
  answer["tracks"].push_back({{"label", *label}, {"keyframes", std::move(keyframes)}});
  return Status::Ok();
}

std::vector<RegionOut> ExportVideoTracks(const Control& control, const json& answer) {
  std::vector<RegionOut> out;
  for (const json& track : answer.value("tracks", json::array())) {
    json sequence = json::array();
    for (const json& keyframe : track.value("keyframes", json::array())) {
      const double time = keyframe.value("time", 0.0);
      sequence.push_back({{"frame", FrameAt(time, control.frame_rate)},
                          {"enabled", !LsFlag(keyframe, "outside", false)},
                          {"rotation", keyframe.value("rotation", json(0))},
                          {"x", keyframe.value("x", json())},
                          {"y", keyframe.value("y", json())},
                          {"width", keyframe.value("width", json())},
                          {"height", keyframe.value("height", json())},
                          {"time", time}});
    }
    out.push_back({"videorectangle",
                   {{"sequence", std::move(sequence)},
                    {"labels", json::array({track.value("label", json())})}}});
  }
  return out;
}

Status ImportVideoSegment(const Control& control, const json& value, const std::string& field,
                          json& answer) {
  auto label = FirstLabel(value, "timelinelabels", field);
  if (!label.ok()) return label.status();
  const auto ranges = value.find("ranges");
  if (ranges == value.end() || !ranges->is_array() || ranges->empty()) {
    return InvalidArgument("needs ranges: a list of {start, end} frames", field + ".value.ranges");
  }
  for (size_t j = 0; j < ranges->size(); ++j) {
    const std::string at = field + ".value.ranges[" + std::to_string(j) + "]";
    const json& range = (*ranges)[j];
    if (!range.is_object()) return InvalidArgument("must be an object", at);
    auto start = NeedFrame(range, "start", at);
    if (!start.ok()) return start.status();
    auto end = NeedFrame(range, "end", at);
    if (!end.ok()) return end.status();
    if (*end < *start) return InvalidArgument("must not come before start", at + ".end");
    // Frames are inclusive: a one-frame range lasts 1 / frame_rate seconds.
    answer["segments"].push_back({{"start", static_cast<double>(*start - 1) / control.frame_rate},
                                  {"end", static_cast<double>(*end) / control.frame_rate},
                                  {"label", *label}});
  }
  return Status::Ok();
}

std::vector<RegionOut> ExportVideoSegments(const Control& control, const json& answer) {
  std::vector<RegionOut> out;
  for (const json& segment : answer.value("segments", json::array())) {
    const int64_t start = FrameAt(segment.value("start", 0.0), control.frame_rate);
    const int64_t end = std::max(start, FrameAt(segment.value("end", 0.0), control.frame_rate) - 1);
    out.push_back({"timelinelabels",
                   {{"ranges", json::array({{{"start", start}, {"end", end}}})},
                    {"timelinelabels", json::array({segment.value("label", json())})}}});
  }
  return out;
}

}  // namespace chorus::domain::ls
