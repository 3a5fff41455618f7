// Internal to the Label Studio result conversion (ls_result.h): one converter per control
// family, each in both directions, so ls_result.cc and ls_result_export.cc stay dispatchers.
// Importers add one Label Studio region's value to `answer` (the control's part of a Chorus
// result) and name `field` ("result[3]") in their errors; exporters return the regions' values.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"

namespace chorus::domain::ls {

using nlohmann::json;

// One region to export: its Label Studio type and value.
struct RegionOut {
  std::string type;
  json value;
};

// keypoints: one region per point ("keypointlabels"). Points of one instance follow each other;
// a point whose label the current instance already has, or whose "chorus_instance" differs from
// the previous point's, starts a new instance.
Status ImportKeypoint(const Control& control, const json& value, const std::string& field,
                      json& answer);
std::vector<RegionOut> ExportKeypoints(const json& answer);

// video_tracks ("videorectangle": a sequence of keyframes by frame number) and video_segments
// ("timelinelabels": ranges of frames); frames are 1-based, frame n starts at (n-1)/frame_rate.
Status ImportVideoTrack(const Control& control, const json& value, const std::string& field,
                        json& answer);
std::vector<RegionOut> ExportVideoTracks(const Control& control, const json& answer);
Status ImportVideoSegment(const Control& control, const json& value, const std::string& field,
                          json& answer);
std::vector<RegionOut> ExportVideoSegments(const Control& control, const json& answer);

// pairwise ({"selected": "left"|"right"}) and ranking ({"ranker": {column: [item ids]}}); item
// ids are the "id" fields of the list items in the task's data (their index when they lack one).
Status ImportPairwise(const json& value, const std::string& field, json& answer);
// Empty when the answer is a tie or both_bad (Label Studio has neither).
std::vector<RegionOut> ExportPairwise(const json& answer);
Status ImportRanking(const Control& control, const json& value, const json& task_data,
                     const std::string& field, json& answer);
std::vector<RegionOut> ExportRanking(const Control& control, const json& answer,
                                     const json& task_data);

// Relations: Label Studio links region ids ({"type": "relation", "from_id", "to_id",
// "direction", "labels"}); Chorus links indices of the `between` control's regions.
// Where region ids lead: id -> (control name, index in that control's regions).
using RegionIds = std::map<std::string, std::pair<std::string, size_t>>;
Status ImportRelation(const LabelInterface& label_interface, const RegionIds& ids,
                      const json& relation, const std::string& field, json& out);
// Relation items for `control`'s answer; region ids as ToLabelStudioResult writes them.
json ExportRelations(const Control& control, const json& answer);

// value[key][0] (a list with one label), or an error naming the field.
Result<std::string> FirstLabel(const json& value, const char* key, const std::string& field);
// value[key] as a number, or an error naming the field.
Result<double> NeedNumber(const json& value, const char* key, const std::string& field);

// The region id of a Label Studio region as a map key ("" when it has none).
std::string RegionId(const json& region);

}  // namespace chorus::domain::ls
