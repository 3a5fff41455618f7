// Label Studio result regions to a Chorus result (docs/label-interface.md, "Results").
//
// A Label Studio prediction's "result" is a list of regions, each
//   {"from_name": CONTROL, "to_name": OBJECT, "type": "choices", "value": {"choices": [...]}}
// (https://labelstud.io/guide/predictions; label_studio_ml/model.py in
// HumanSignal/label-studio-ml-backend). Chorus keys a result by control name, so a region's
// from_name must name a control of the project's interface, and its value is mapped by that
// control's type:
//   choices         value.choices                         -> {"choices": [...]}
//   spans           value.start/end/labels[0]             -> {"spans": [{start, end, label}]}
//   rectangles      value.x/y/width/height/rotation/rectanglelabels[0] -> {"boxes": [...]}
//   polygons        value.points/polygonlabels[0]         -> {"polygons": [...]}
//   audio_segments  value.start/end/labels[0]             -> {"segments": [...]}
//   keypoints       value.x/y/keypointlabels[0], one region per point -> {"instances": [...]}
//                   (Label Studio has no instances: a point whose label the current instance
//                   has starts the next; Chorus's exports add value.chorus_instance/_occluded)
//   video_tracks    "videorectangle" value.sequence[{frame, x, y, width, height, rotation,
//                   enabled}]/labels[0] -> {"tracks": [{label, keyframes}]}
//   video_segments  "timelinelabels" value.ranges[{start, end}] (frames, inclusive)/
//                   timelinelabels[0] -> {"segments": [...]}
//                   Frames are 1-based; frame n starts at (n - 1) / the control's frame_rate.
//   pairwise        value.selected "left"/"right"        -> {"choice": "a"/"b"}
//   ranking         value.ranker {column: [item ids]}    -> {"order": [indices]} (item ids are
//                   the "id"s of the task's list items; buckets are refused)
//   relations       {"type": "relation", from_id, to_id, direction, labels} between span, box or
//                   polygon regions -> {"relations": [{from, to, label}]} of the relations
//                   control `between` their control ("left" swaps from and to)
//   rating          value.rating; number value.number; text value.text (list: joined by \n)
// Span offsets: Label Studio counts UTF-16 code units (JavaScript string indices), Chorus code
// points; given the task's data, offsets are converted through the covered text both ways, and an
// offset inside a surrogate pair (the middle of an emoji) is an error naming the region's id.
// Regions of one control are gathered in order. A "textarea" region whose from_name is no
// control and whose id is an audio segment's is that segment's transcription (perRegion). Other
// control types (polylines) are refused (send those results in Chorus's own shape: an object
// keyed by control name is taken as it is). The output is not yet checked against the interface:
// callers run the result validator. Thread-safety: pure function.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"

namespace chorus::domain {

// `result` (a Label Studio region list, or an object already in Chorus's shape) as a Chorus
// result. kInvalidArgument naming "result[i]...." for a region Chorus cannot map.
// `task_data` (the task's "data") converts span offsets from UTF-16 units and finds ranking item
// ids; without it (null) offsets pass as they are and ranking ids must be indices.
Result<nlohmann::json> FromLabelStudioResult(const LabelInterface& label_interface,
                                             const nlohmann::json& result,
                                             const nlohmann::json& task_data);
// Without the task's data.
Result<nlohmann::json> FromLabelStudioResult(const LabelInterface& label_interface,
                                             const nlohmann::json& result);

struct LabelStudioRegions {
  nlohmann::json regions = nlohmann::json::array();
  std::vector<std::string> skipped;  // "rel (relations)": controls not converted, by name.
};

// The inverse, for exports: a Chorus result as Label Studio regions, ids "<control>-<i>".
// `object_names` maps data fields to the config's object names (LabelStudioConfigExport);
// "" names the object of controls without `to`. Every type above is converted (audio
// transcriptions as perRegion "textarea" regions, relations as "relation" items), so
// FromLabelStudioResult(ToLabelStudioResult(r, data).regions, data) == r for frame-aligned video
// times; polylines, ambiguous choices answers and pairwise tie/both_bad are listed in `skipped`.
// `task_data` converts span offsets to UTF-16 units and gives ranking item ids (without it,
// offsets pass as they are and ids are indices). REQUIRES: a valid result.
LabelStudioRegions ToLabelStudioResult(const LabelInterface& label_interface,
                                       const std::map<std::string, std::string>& object_names,
                                       const nlohmann::json& result,
                                       const nlohmann::json& task_data);
// Without the task's data.
LabelStudioRegions ToLabelStudioResult(const LabelInterface& label_interface,
                                       const std::map<std::string, std::string>& object_names,
                                       const nlohmann::json& result);

}  // namespace chorus::domain
