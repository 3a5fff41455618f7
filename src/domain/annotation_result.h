// An annotation's result checked against its project's label interface and its task's data.
//
// A result is a JSON object keyed by control name; each value is an object whose single key
// depends on the control's type (docs/label-interface.md, "Results"):
//   choices {"choices": [...]}, spans {"spans": [...]}, relations {"relations": [...]},
//   rectangles {"boxes": [...]}, polygons {"polygons": [...]}, keypoints {"instances": [...]},
//   polylines {"lines": [...]}, audio_segments and video_segments {"segments": [...]},
//   video_tracks {"tracks": [...]}, pairwise {"choice": "a"}, ranking {"order": [...]},
//   rating {"rating": 4}, number {"number": 2.5}, text {"text": "..."}.
// A choices control declared with "ambiguous": true also takes {"ambiguous": true} instead of
// {"choices": [...]} (exactly one of the two): the annotator says the item is genuinely
// ambiguous. It satisfies "required".
// Span offsets count Unicode code points of the data field (as Python's str does; a browser
// converts from UTF-16 units), end exclusive. Image coordinates are percent of the image's
// width and height (0..100); times are seconds from the start of the media.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"

namespace chorus::domain {

// Limits enforced by ValidateResult.
inline constexpr size_t kMaxRegionsPerControl = 10'000;  // Spans, boxes, segments, tracks...
inline constexpr size_t kMaxPointsPerShape = 10'000;     // Polygon/polyline points, keyframes.

// The key of a control's value in a result ("choices", "boxes", "segments", ...).
const char* ResultKey(ControlType type);

// ok, or kInvalidArgument with the field at fault, "result.sentiment.choices[1]" (or
// "data.text" when the task lacks a field the result needs) and what to fix. Refuses unknown
// control names, missing required controls (and required controls left empty), and any value
// outside what the control declares. REQUIRES: `label_interface` came from
// ParseLabelInterface.
Status ValidateResult(const LabelInterface& label_interface, const nlohmann::json& result,
                      const nlohmann::json& task_data);

// The options selected in `control` (a choices control) of a valid result; empty when the
// control is absent. For gold comparison and class-label exports.
// An ambiguous answer selects nothing (see IsAmbiguousAnswer).
std::vector<std::string> SelectedChoices(const nlohmann::json& result, const Control& control);

// True when `result` answers `control` (a choices control) with {"ambiguous": true}. Readers of
// choices use it so that an ambiguous answer is never mistaken for an empty one.
bool IsAmbiguousAnswer(const nlohmann::json& result, const Control& control);

}  // namespace chorus::domain
