// Label Studio XML labelling configs <-> Chorus label interfaces (docs/label-interface.md,
// "Coming from Label Studio" in docs/user-guide.md).
//
// Object tags (<Text>, <HyperText>, <Image>, <Audio>, <AudioPlus>, <Video>, <List>) name a data
// field in `value="$field"`; a control's toName points at an object, and Chorus's `to` is that
// field. Supported controls:
//   <Choices>                          -> choices (choice="multiple" -> multiple)
//   <Labels> on <Text>                 -> spans;  on <Audio>/<AudioPlus> -> audio_segments
//   (<Labels> on <HyperText> is listed: its regions are XPath ranges, not offsets)
//   <TextArea perRegion="true"> on audio: the audio_segments' transcription
//   <Relations>                        -> relations (between the first spans/rectangles/polygons)
//   <RectangleLabels> (canRotate)      -> rectangles; <PolygonLabels> -> polygons
//   <KeyPointLabels>                   -> keypoints
//   <TimelineLabels>                   -> video_segments (frame rate from <Video frameRate>)
//   <VideoRectangle> + <Labels> on the same <Video> -> video_tracks
//   <Pairwise toName="a,b">            -> pairwise; <Ranker> on <List> -> ranking
//   <Rating maxRating>                 -> rating; <Number min max step="1"> -> number
//   <TextArea>                         -> text
// A <Header> right before a control becomes its instruction; <Label>/<Choice hotkey> become
// hotkeys. Chorus settings Label Studio lacks travel as `chorus-*` attributes (Label Studio
// ignores them), so ToLabelStudioConfig and FromLabelStudioConfig round-trip exactly.
// Anything else (<BrushLabels>, <Ellipse>, <Taxonomy>, <Paragraphs>, unknown attributes such as
// visibleWhen...) is listed by name and line in `unsupported`, never silently dropped.
// XML is parsed by pugixml with DTDs off (no entity expansion, nothing fetched).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"

namespace chorus::domain {

inline constexpr size_t kMaxLabelStudioConfigBytes = 1'000'000;

struct LabelStudioConfigImport {
  LabelInterface label_interface;
  // What was not mapped, by name: "<BrushLabels name=\"mask\"> (line 5)",
  // "<Choices name=\"topic\"> visibleWhen (line 7)".
  std::vector<std::string> unsupported;
};

// kInvalidArgument with field "config" and a message naming the tag and line for XML that does
// not parse, a root other than <View>, a control without name/toName or pointing at no object,
// a name Chorus cannot key results by, or a mapped interface that fails ParseLabelInterface.
Result<LabelStudioConfigImport> FromLabelStudioConfig(std::string_view xml);

struct LabelStudioConfigExport {
  std::string xml;                   // <View>...</View>, indented.
  std::vector<std::string> skipped;  // Controls Label Studio has no tag for (polylines), by name.
  // Data field -> object name (to_name in regions); "" -> the object of controls without `to`.
  std::map<std::string, std::string> object_names;
};

// REQUIRES: a valid interface.
LabelStudioConfigExport ToLabelStudioConfig(const LabelInterface& label_interface);

}  // namespace chorus::domain
