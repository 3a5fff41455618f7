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
//   rating          value.rating; number value.number; text value.text (list: joined by \n)
// Regions of one control are gathered in order. A "textarea" region whose from_name is no
// control and whose id is an audio segment's is that segment's transcription (perRegion). Other
// control types are refused (send those results in Chorus's own shape: an object keyed by control
// name is taken as it is). The output is not yet checked against the interface: callers run the
// result validator. Thread-safety: pure function.
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
Result<nlohmann::json> FromLabelStudioResult(const LabelInterface& label_interface,
                                             const nlohmann::json& result);

struct LabelStudioRegions {
  nlohmann::json regions = nlohmann::json::array();
  std::vector<std::string> skipped;  // "rel (relations)": controls not converted, by name.
};

// The inverse, for exports: a Chorus result as Label Studio regions, ids "<control>-<i>".
// `object_names` maps data fields to the config's object names (LabelStudioConfigExport);
// "" names the object of controls without `to`. Choices, spans, rectangles, polygons, audio
// segments (transcriptions as perRegion "textarea" regions), rating, number and text are
// converted, so FromLabelStudioResult(ToLabelStudioResult(r).regions) == r; other controls
// and ambiguous choices answers are listed in `skipped`. REQUIRES: a valid result.
LabelStudioRegions ToLabelStudioResult(const LabelInterface& label_interface,
                                       const std::map<std::string, std::string>& object_names,
                                       const nlohmann::json& result);

}  // namespace chorus::domain
