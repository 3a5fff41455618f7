// A project's label interface: the controls an annotator fills in for each task, each bound to
// a field of the task's data (docs/label-interface.md has the schema and one example per type).
//
// ParseLabelInterface validates on save: known types only, unique names, non-empty unique
// labels, hotkeys unique across the interface, sane ranges and limits, unknown fields refused.
// Every error is kInvalidArgument with a field such as "controls[2].labels[5]" and a message
// saying what to fix. ToJson writes every field of a control's type (defaults included), so
// ParseLabelInterface(ToJson(x)) == x for every valid x.
//
// The shape of an annotation result per control type, and its validation against a task's
// data, live in domain/annotation_result.h.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace chorus::domain {

enum class ControlType {
  kChoices,        // One or several options for the whole task (classification).
  kSpans,          // Labelled character ranges of a text field (NER).
  kRelations,      // Labelled links between regions of another control.
  kRectangles,     // Labelled boxes on an image, optionally rotated.
  kPolygons,       // Labelled closed polygons on an image.
  kKeypoints,      // Instances made of named points on an image, with a skeleton.
  kPolylines,      // Labelled open lines on an image.
  kAudioSegments,  // Labelled time ranges of an audio file, optionally transcribed.
  kVideoSegments,  // Labelled time ranges of a video.
  kVideoTracks,    // Boxes followed across a video by keyframes.
  kPairwise,       // Which of two outputs is better (A/B, tie, both bad).
  kRanking,        // An order over a list of outputs.
  kRating,         // An integer on a scale (Likert, stars).
  kNumber,         // A number in an optional range.
  kText,           // Free text (rewrites, demonstrations, transcriptions).
};

// Stable lower-case names used in JSON ("choices", "audio_segments", ...).
const char* ControlTypeName(ControlType type);
// kInvalidArgument naming `name` and listing the known types.
Result<ControlType> ParseControlType(std::string_view name);
// Every type, in the order above.
const std::vector<ControlType>& AllControlTypes();

// Limits enforced by ParseLabelInterface.
inline constexpr size_t kMaxControls = 100;
inline constexpr size_t kMaxLabelsPerControl = 1000;
inline constexpr size_t kMaxLabelBytes = 200;
inline constexpr size_t kMaxNameBytes = 64;
inline constexpr size_t kMaxDataFieldBytes = 200;
inline constexpr size_t kMaxHotkeyBytes = 32;
inline constexpr size_t kMaxInstructionBytes = 10'000;
inline constexpr size_t kMaxInterfaceBytes = 1'000'000;  // Of the JSON text.
inline constexpr int64_t kDefaultTextMaxLength = 10'000;
inline constexpr int64_t kMaxTextMaxLength = 1'000'000;
inline constexpr double kDefaultFrameRate = 25;
inline constexpr double kMaxFrameRate = 1000;
// The category an ambiguous answer counts as in agreement statistics; a choices control that
// allows ambiguous answers may not use it as an option.
inline constexpr const char* kAmbiguousCategory = "(ambiguous)";

// One control. Which fields apply depends on `type` (see docs/label-interface.md); the others
// keep their defaults, and ParseLabelInterface refuses them in JSON.
struct Control {
  ControlType type = ControlType::kChoices;
  std::string name;                 // [a-z0-9_]{1,64}, unique in the interface; the key in results.
  std::vector<std::string> to;      // Data fields read: one, two for pairwise; none for relations
                                    // and when the optional `to` of rating/number/text is absent.
  std::string instruction;          // Question or hint shown with the control; may be empty.
  bool required = false;            // A result must contain this control, non-empty.
  std::vector<std::string> labels;  // Choices' "options", region labels, keypoint names;
                                    // relations: may be empty (unlabelled links).
  std::vector<std::string> hotkeys;  // Empty, or one per label (same order).
  bool multiple = false;             // choices: several options may be selected.
  bool ambiguous = false;            // choices: {"ambiguous": true} is an answer ("the item is
                                     // genuinely ambiguous"), instead of options.
  bool overlap = false;              // spans: spans may overlap.
  std::string between;               // relations: the spans/rectangles/polygons control.
  bool directed = true;              // relations: from -> to has a direction.
  bool rotation = false;             // rectangles, video_tracks: boxes may carry a rotation.
  std::vector<std::pair<int64_t, int64_t>> skeleton;  // keypoints: edges as label indices.
  bool transcription = false;   // audio_segments: each segment may carry text.
  bool allow_tie = false;       // pairwise: "tie" is an answer.
  bool allow_both_bad = false;  // pairwise: "both_bad" is an answer.
  std::string prompt;           // pairwise, ranking: optional data field with the prompt.
  std::optional<double> min;    // rating (integer, default 1), number (optional).
  std::optional<double> max;    // rating (integer, default 5), number (optional).
  bool integer = false;         // number: only integers.
  int64_t max_length = kDefaultTextMaxLength;  // text: in Unicode code points.
  // video_segments, video_tracks: the video's frames per second, for frame steps and one-frame
  // segments (browsers do not expose it).
  double frame_rate = kDefaultFrameRate;

  bool operator==(const Control&) const = default;
};

struct LabelInterface {
  std::vector<Control> controls;  // In display order.

  bool operator==(const LabelInterface&) const = default;
};

// Parses and validates a label interface. An interface without controls is refused with field
// "controls": a project that will be labelled needs at least one.
Result<LabelInterface> ParseLabelInterface(const nlohmann::json& json);
// Also refuses text that is not JSON (with the byte offset) or longer than kMaxInterfaceBytes.
Result<LabelInterface> ParseLabelInterface(std::string_view text);
// The text overloads again, so a std::string or literal is read as text, not as a JSON string.
inline Result<LabelInterface> ParseLabelInterface(const std::string& text) {
  return ParseLabelInterface(std::string_view(text));
}
inline Result<LabelInterface> ParseLabelInterface(const char* text) {
  return ParseLabelInterface(std::string_view(text));
}

// True for `{}` and `{"controls": []}` (a project whose interface is not written yet), false
// for anything else, valid or not. Lets a caller accept drafts while refusing bad interfaces.
bool IsEmptyLabelInterface(const nlohmann::json& json);
bool IsEmptyLabelInterface(std::string_view text);
inline bool IsEmptyLabelInterface(const std::string& text) {
  return IsEmptyLabelInterface(std::string_view(text));
}
inline bool IsEmptyLabelInterface(const char* text) {
  return IsEmptyLabelInterface(std::string_view(text));
}

// Every field of each control's type, defaults included. REQUIRES: a valid interface.
nlohmann::json ToJson(const LabelInterface& label_interface);
nlohmann::json ToJson(const Control& control);

// The data fields the interface reads (`to` and `prompt`), sorted and unique: an imported
// task must have each of them.
std::vector<std::string> DataFieldsUsed(const LabelInterface& label_interface);

// The control named `name`, or nullptr.
const Control* FindControl(const LabelInterface& label_interface, std::string_view name);
// The first control of `type` in display order, or nullptr.
const Control* FirstControlOfType(const LabelInterface& label_interface, ControlType type);
// The first choices control (what a minimal annotate page and a class-label export show), or
// nullptr. Its options are `labels`.
inline const Control* FirstChoices(const LabelInterface& label_interface) {
  return FirstControlOfType(label_interface, ControlType::kChoices);
}

}  // namespace chorus::domain
