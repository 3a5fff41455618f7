#include "domain/annotation_result.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace chorus::domain {
namespace {

using Json = nlohmann::json;

LabelInterface Interface() {
  Result<LabelInterface> li = ParseLabelInterface(Json::parse(R"({"controls": [
    {"type": "choices", "name": "sentiment", "to": "text", "required": true,
     "options": ["positive", "negative", "neutral"], "ambiguous": true},
    {"type": "choices", "name": "topics", "to": "text", "multiple": true,
     "options": ["sport", "politics", "science"]},
    {"type": "spans", "name": "entities", "to": "text", "labels": ["PER", "ORG"]},
    {"type": "spans", "name": "nested", "to": "text", "labels": ["X"], "overlap": true},
    {"type": "relations", "name": "rel", "between": "entities", "labels": ["works_for"]},
    {"type": "relations", "name": "links", "between": "entities", "directed": false},
    {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car"], "rotation": true},
    {"type": "rectangles", "name": "upright", "to": "image", "labels": ["car"]},
    {"type": "polygons", "name": "masks", "to": "image", "labels": ["road"]},
    {"type": "keypoints", "name": "pose", "to": "image", "labels": ["nose", "eye"],
     "skeleton": [[0, 1]]},
    {"type": "polylines", "name": "lanes", "to": "image", "labels": ["lane"]},
    {"type": "audio_segments", "name": "speakers", "to": "audio", "labels": ["alice", "bob"],
     "transcription": true},
    {"type": "video_segments", "name": "scenes", "to": "video", "labels": ["intro"]},
    {"type": "video_tracks", "name": "tracks", "to": "video", "labels": ["car"]},
    {"type": "pairwise", "name": "preference", "to": ["answer_a", "answer_b"], "allow_tie": true},
    {"type": "ranking", "name": "rank", "to": "answers"},
    {"type": "rating", "name": "quality", "min": 1, "max": 5},
    {"type": "number", "name": "count", "min": 0, "max": 100, "integer": true},
    {"type": "number", "name": "score", "min": -1, "max": 1},
    {"type": "text", "name": "rewrite", "to": "text", "max_length": 5}
  ]})"));
  EXPECT_TRUE(li.ok()) << li.status().ToString();
  return *li;
}

// "Zoë met Bob": ë is two bytes but one code point, so "Bob" is code points 8..11.
Json Data() {
  return Json::parse(R"({"text": "Zoë met Bob", "image": "https://x/1.jpg",
    "audio": "a.wav", "video": "v.mp4", "answer_a": "A", "answer_b": "B",
    "answers": ["one", "two", "three"]})");
}

// A result answering every control validly.
Json Full() {
  return Json::parse(R"({
    "sentiment": {"choices": ["positive"]},
    "topics": {"choices": ["sport", "science"]},
    "entities": {"spans": [{"start": 0, "end": 3, "label": "PER", "text": "Zoë"},
                           {"start": 8, "end": 11, "label": "PER"}]},
    "nested": {"spans": [{"start": 0, "end": 7, "label": "X"}, {"start": 4, "end": 11, "label": "X"}]},
    "rel": {"relations": [{"from": 0, "to": 1, "label": "works_for"}]},
    "links": {"relations": [{"from": 1, "to": 0}]},
    "boxes": {"boxes": [{"x": 90, "y": 10, "width": 30, "height": 20, "rotation": 45,
                         "label": "car"}]},
    "upright": {"boxes": [{"x": 0, "y": 0, "width": 100, "height": 100, "label": "car"}]},
    "masks": {"polygons": [{"points": [[0, 0], [50, 0], [50, 50]], "label": "road"}]},
    "pose": {"instances": [{"points": [{"label": "nose", "x": 10, "y": 10},
                                       {"label": "eye", "x": 12, "y": 8, "occluded": true}]}]},
    "lanes": {"lines": [{"points": [[0, 100], [50, 0]], "label": "lane"}]},
    "speakers": {"segments": [{"start": 0, "end": 1.5, "label": "alice", "text": "hello"}]},
    "scenes": {"segments": [{"start": 2, "end": 3.04, "label": "intro"}]},
    "tracks": {"tracks": [{"label": "car", "keyframes": [
        {"time": 0, "x": 1, "y": 1, "width": 10, "height": 10},
        {"time": 0.5, "x": 5, "y": 1, "width": 10, "height": 10, "outside": true}]}]},
    "preference": {"choice": "tie"},
    "rank": {"order": [2, 0, 1]},
    "quality": {"rating": 4},
    "count": {"number": 7},
    "score": {"number": -0.25},
    "rewrite": {"text": "Zoë!!"}
  })");
}

// The field of ValidateResult's error once `patch` (a JSON merge patch) is applied to Full().
std::string ResultErrorField(const Json& patch, const Json& data = Data()) {
  Json result = Full();
  result.merge_patch(patch);
  Status s = ValidateResult(Interface(), result, data);
  if (s.ok()) return "ok";
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(s.message().empty());
  return s.field();
}

Json P(const char* text) { return Json::parse(text); }

TEST(AnnotationResultTest, FullAndMinimalResultsAreValid) {
  EXPECT_EQ(ResultErrorField(Json::object()), "ok");
  // Only the required control; optional ones may be absent or empty.
  EXPECT_TRUE(
      ValidateResult(Interface(), P(R"({"sentiment": {"choices": ["neutral"]}})"), Data()).ok());
  EXPECT_TRUE(ValidateResult(Interface(), P(R"({"sentiment": {"choices": ["neutral"]},
                                   "entities": {"spans": []}, "rewrite": {"text": ""}})"),
                             Data())
                  .ok());
}

TEST(AnnotationResultTest, ShapeOfTheResult) {
  EXPECT_EQ(ValidateResult(Interface(), Json::array(), Data()).field(), "result");
  EXPECT_EQ(ValidateResult(Interface(), Full(), Json::array()).field(), "data");
  Status unknown = ValidateResult(Interface(), P(R"({"sentimnet": {"choices": []}})"), Data());
  EXPECT_EQ(unknown.field(), "result.sentimnet");
  EXPECT_NE(unknown.message().find("\"sentiment\""), std::string::npos);
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": null})")), "result.sentiment");  // Required.
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": []}})")), "result.sentiment.choices");
  EXPECT_EQ(ResultErrorField(P(R"({"topics": {"choice": "sport", "choices": null}})")),
            "result.topics.choice");
  EXPECT_EQ(ResultErrorField(P(R"({"topics": {"choices": null}})")), "result.topics.choices");
  EXPECT_EQ(ResultErrorField(P(R"({"topics": ["sport"]})")), "result.topics");
  // A control whose data field the task lacks.
  Json data = Data();
  data.erase("image");
  EXPECT_EQ(ResultErrorField(Json::object(), data), "data.image");
}

TEST(AnnotationResultTest, Choices) {
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": ["positive", "negative"]}})")),
            "result.sentiment.choices[1]");
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": ["great"]}})")),
            "result.sentiment.choices[0]");
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": "positive"}})")),
            "result.sentiment.choices");
  EXPECT_EQ(ResultErrorField(P(R"({"topics": {"choices": ["sport", "sport"]}})")),
            "result.topics.choices[1]");
  Result<LabelInterface> li = Interface();
  EXPECT_EQ(SelectedChoices(Full(), *FindControl(*li, "topics")),
            (std::vector<std::string>{"sport", "science"}));
  EXPECT_TRUE(SelectedChoices(Json::object(), *FirstChoices(*li)).empty());
}

TEST(AnnotationResultTest, AmbiguousAnswersWhereTheControlAllowsIt) {
  // Instead of choices, and it satisfies "required".
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": null, "ambiguous": true}})")), "ok");
  EXPECT_TRUE(
      ValidateResult(Interface(), P(R"({"sentiment": {"ambiguous": true}})"), Data()).ok());
  // Exactly one of the two.
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"ambiguous": true}})")),
            "result.sentiment.ambiguous");
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": null, "ambiguous": false}})")),
            "result.sentiment.ambiguous");
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": null, "ambiguous": "yes"}})")),
            "result.sentiment.ambiguous");
  EXPECT_EQ(ResultErrorField(P(R"({"sentiment": {"choices": null, "ambiguous": true, "x": 1}})")),
            "result.sentiment.x");
  // A control that does not allow it refuses it, naming the field and the way out.
  Status refused = ValidateResult(
      Interface(), P(R"({"sentiment": {"choices": ["positive"]}, "topics": {"ambiguous": true}})"),
      Data());
  EXPECT_EQ(refused.field(), "result.topics.ambiguous");
  EXPECT_NE(refused.message().find("does not allow"), std::string::npos);

  Result<LabelInterface> li = Interface();
  const Json ambiguous = P(R"({"sentiment": {"ambiguous": true}})");
  EXPECT_TRUE(IsAmbiguousAnswer(ambiguous, *FirstChoices(*li)));
  EXPECT_TRUE(SelectedChoices(ambiguous, *FirstChoices(*li)).empty());
  EXPECT_FALSE(IsAmbiguousAnswer(Full(), *FirstChoices(*li)));
  EXPECT_FALSE(IsAmbiguousAnswer(Json::object(), *FirstChoices(*li)));
  EXPECT_FALSE(IsAmbiguousAnswer(P(R"({"sentiment": {"ambiguous": false}})"), *FirstChoices(*li)));
}

TEST(AnnotationResultTest, SpansCountCodePoints) {
  // Relations index the spans, so they go when the spans change.
  auto spans = [](const char* list) {
    return Json{{"entities", {{"spans", Json::parse(list)}}}, {"rel", nullptr}, {"links", nullptr}};
  };
  // "Zoë met Bob" has 11 code points (12 bytes).
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 8, "end": 12, "label": "PER"}])")),
            "result.entities.spans[0].end");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 8, "end": 11, "label": "PER", "text": "Bob"}])")),
            "ok");
  EXPECT_EQ(
      ResultErrorField(spans(R"([{"start": 0, "end": 2, "label": "PER", "text": "Zo\u00eb"}])")),
      "result.entities.spans[0].text");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": -1, "end": 2, "label": "PER"}])")),
            "result.entities.spans[0].start");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 3, "end": 3, "label": "PER"}])")),
            "result.entities.spans[0].end");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 0, "end": 3, "label": "LOC"}])")),
            "result.entities.spans[0].label");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 0, "end": 3}])")),
            "result.entities.spans[0].label");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 0.5, "end": 3, "label": "PER"}])")),
            "result.entities.spans[0].start");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 0, "end": 3, "label": "PER", "score": 1}])")),
            "result.entities.spans[0].score");
  // Overlap refused here (the later span in the list is named), allowed in "nested".
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 4, "end": 11, "label": "ORG"},
                                 {"start": 8, "end": 11, "label": "PER"},
                                 {"start": 0, "end": 6, "label": "PER"}])")),
            "result.entities.spans[2]");
  EXPECT_EQ(ResultErrorField(spans(R"([{"start": 0, "end": 3, "label": "PER"},
                                 {"start": 3, "end": 7, "label": "ORG"}])")),
            "ok");  // Touching is not overlapping.
  EXPECT_EQ(ResultErrorField(P(R"({"nested": {"spans": [{"start": 0, "end": 3, "label": "X"},
                                                   {"start": 0, "end": 3, "label": "X"}]}})")),
            "result.nested.spans[1]");  // Duplicates are refused even where overlap is allowed.
  Json data = Data();
  data["text"] = "";
  EXPECT_EQ(ResultErrorField(Json{{"rewrite", nullptr}}, data), "result.entities.spans");
  data["text"] = 5;
  EXPECT_EQ(ResultErrorField(Json::object(), data), "data.text");
}

TEST(AnnotationResultTest, Relations) {
  EXPECT_EQ(ResultErrorField(
                P(R"({"rel": {"relations": [{"from": 0, "to": 2, "label": "works_for"}]}})")),
            "result.rel.relations[0].to");
  EXPECT_EQ(ResultErrorField(
                P(R"({"rel": {"relations": [{"from": 1, "to": 1, "label": "works_for"}]}})")),
            "result.rel.relations[0].to");
  EXPECT_EQ(ResultErrorField(P(R"({"rel": {"relations": [{"from": 0, "to": 1}]}})")),
            "result.rel.relations[0].label");
  EXPECT_EQ(
      ResultErrorField(P(R"({"links": {"relations": [{"from": 0, "to": 1, "label": "x"}]}})")),
      "result.links.relations[0].label");
  // Undirected: 0-1 and 1-0 are the same link; directed they differ.
  EXPECT_EQ(ResultErrorField(
                P(R"({"links": {"relations": [{"from": 0, "to": 1}, {"from": 1, "to": 0}]}})")),
            "result.links.relations[1]");
  EXPECT_EQ(ResultErrorField(P(R"({"rel": {"relations": [{"from": 0, "to": 1, "label": "works_for"},
                                                   {"from": 1, "to": 0, "label": "works_for"}]}})")),
            "ok");
  // Without spans there is nothing to relate.
  EXPECT_EQ(ResultErrorField(P(R"({"entities": null})")), "result.rel.relations[0].from");
}

TEST(AnnotationResultTest, RectanglesInPercent) {
  auto box = [](const char* b) { return Json{{"upright", {{"boxes", {Json::parse(b)}}}}}; };
  EXPECT_EQ(
      ResultErrorField(box(R"({"x": 50, "y": 0, "width": 60, "height": 10, "label": "car"})")),
      "result.upright.boxes[0].width");
  EXPECT_EQ(
      ResultErrorField(box(R"({"x": 0, "y": 50, "width": 10, "height": 50.5, "label": "car"})")),
      "result.upright.boxes[0].height");
  EXPECT_EQ(
      ResultErrorField(box(R"({"x": -1, "y": 0, "width": 10, "height": 10, "label": "car"})")),
      "result.upright.boxes[0].x");
  EXPECT_EQ(ResultErrorField(box(R"({"x": 0, "y": 0, "width": 0, "height": 10, "label": "car"})")),
            "result.upright.boxes[0].width");
  EXPECT_EQ(ResultErrorField(box(R"({"x": 0, "y": 0, "width": 10, "label": "car"})")),
            "result.upright.boxes[0].height");
  EXPECT_EQ(ResultErrorField(box(R"({"x": 0, "y": 0, "width": 10, "height": 10, "rotation": 5,
                               "label": "car"})")),
            "result.upright.boxes[0].rotation");
  EXPECT_EQ(ResultErrorField(box(R"({"x": 0, "y": 0, "width": 10, "height": 10, "label": "bus"})")),
            "result.upright.boxes[0].label");
  EXPECT_EQ(ResultErrorField(P(R"({"boxes": {"boxes": [{"x": 0, "y": 0, "width": 10, "height": 10,
                                                  "rotation": 360, "label": "car"}]}})")),
            "result.boxes.boxes[0].rotation");
}

TEST(AnnotationResultTest, PolygonsKeypointsAndPolylines) {
  EXPECT_EQ(ResultErrorField(
                P(R"({"masks": {"polygons": [{"points": [[0, 0], [1, 1]], "label": "road"}]}})")),
            "result.masks.polygons[0].points");
  EXPECT_EQ(ResultErrorField(P(R"({"masks": {"polygons": [{"points": [[0, 0], [1, 1], [1, 101]],
                                                     "label": "road"}]}})")),
            "result.masks.polygons[0].points[2][1]");
  EXPECT_EQ(ResultErrorField(P(R"({"masks": {"polygons": [{"points": [[0, 0], [1, 1], [1]],
                                                     "label": "road"}]}})")),
            "result.masks.polygons[0].points[2]");
  EXPECT_EQ(ResultErrorField(P(R"({"lanes": {"lines": [{"points": [[0, 0]], "label": "lane"}]}})")),
            "result.lanes.lines[0].points");
  EXPECT_EQ(
      ResultErrorField(P(R"({"pose": {"instances": [{"points": [{"label": "nose", "x": 1, "y": 1},
                                                               {"label": "nose", "x": 2, "y": 2}]}]}})")),
      "result.pose.instances[0].points[1].label");
  EXPECT_EQ(ResultErrorField(
                P(R"({"pose": {"instances": [{"points": [{"label": "ear", "x": 1, "y": 1}]}]}})")),
            "result.pose.instances[0].points[0].label");
  EXPECT_EQ(ResultErrorField(P(R"({"pose": {"instances": [{"points": []}]}})")),
            "result.pose.instances[0].points");
  EXPECT_EQ(
      ResultErrorField(P(R"({"pose": {"instances": [{"points": [{"label": "eye", "x": 1, "y": 1,
                                                                 "occluded": 1}]}]}})")),
      "result.pose.instances[0].points[0].occluded");
}

TEST(AnnotationResultTest, SegmentsAndTracksInSeconds) {
  EXPECT_EQ(ResultErrorField(
                P(R"({"scenes": {"segments": [{"start": 3, "end": 3, "label": "intro"}]}})")),
            "result.scenes.segments[0].end");
  EXPECT_EQ(ResultErrorField(
                P(R"({"scenes": {"segments": [{"start": -1, "end": 3, "label": "intro"}]}})")),
            "result.scenes.segments[0].start");
  EXPECT_EQ(ResultErrorField(P(R"({"scenes": {"segments": [{"start": 0, "end": 3, "label": "intro",
                                                      "text": "hi"}]}})")),
            "result.scenes.segments[0].text");  // No transcription on this control.
  EXPECT_EQ(ResultErrorField(
                P(R"({"speakers": {"segments": [{"start": 0, "end": 3, "label": "carol"}]}})")),
            "result.speakers.segments[0].label");
  EXPECT_EQ(ResultErrorField(P(R"({"tracks": {"tracks": [{"label": "car", "keyframes": []}]}})")),
            "result.tracks.tracks[0].keyframes");
  EXPECT_EQ(ResultErrorField(P(R"({"tracks": {"tracks": [{"label": "car", "keyframes": [
                 {"time": 1, "x": 1, "y": 1, "width": 10, "height": 10},
                 {"time": 1, "x": 1, "y": 1, "width": 10, "height": 10}]}]}})")),
            "result.tracks.tracks[0].keyframes[1].time");
  EXPECT_EQ(ResultErrorField(P(R"({"tracks": {"tracks": [{"label": "car", "keyframes": [
                 {"time": 1, "x": 1, "y": 1, "width": 10, "height": 10, "rotation": 3}]}]}})")),
            "result.tracks.tracks[0].keyframes[0].rotation");
}

TEST(AnnotationResultTest, PreferencesAndScales) {
  EXPECT_EQ(ResultErrorField(P(R"({"preference": {"choice": "both_bad"}})")),
            "result.preference.choice");
  EXPECT_EQ(ResultErrorField(P(R"({"preference": {"choice": "A"}})")), "result.preference.choice");
  EXPECT_EQ(ResultErrorField(P(R"({"rank": {"order": [0, 1]}})")), "result.rank.order");
  EXPECT_EQ(ResultErrorField(P(R"({"rank": {"order": [0, 1, 1]}})")), "result.rank.order[2]");
  EXPECT_EQ(ResultErrorField(P(R"({"rank": {"order": [0, 1, 3]}})")), "result.rank.order[2]");
  Json data = Data();
  data["answers"] = "one";
  EXPECT_EQ(ResultErrorField(Json::object(), data), "data.answers");
  EXPECT_EQ(ResultErrorField(P(R"({"quality": {"rating": 6}})")), "result.quality.rating");
  EXPECT_EQ(ResultErrorField(P(R"({"quality": {"rating": 0}})")), "result.quality.rating");
  EXPECT_EQ(ResultErrorField(P(R"({"quality": {"rating": 2.5}})")), "result.quality.rating");
  EXPECT_EQ(ResultErrorField(P(R"({"quality": {"rating": "4"}})")), "result.quality.rating");
  EXPECT_EQ(ResultErrorField(P(R"({"quality": {"rating": 5.0}})")),
            "ok");  // Integral is an integer.
  EXPECT_EQ(ResultErrorField(P(R"({"count": {"number": 7.5}})")), "result.count.number");
  EXPECT_EQ(ResultErrorField(P(R"({"count": {"number": 101}})")), "result.count.number");
  EXPECT_EQ(ResultErrorField(P(R"({"score": {"number": -1.5}})")), "result.score.number");
  EXPECT_EQ(ResultErrorField(P(R"({"score": {"number": 1}})")), "ok");
  EXPECT_EQ(ResultErrorField(P(R"({"rewrite": {"text": "Zoë!!!"}})")), "result.rewrite.text");
  EXPECT_EQ(ResultErrorField(P(R"({"rewrite": {"text": 5}})")), "result.rewrite.text");
}

TEST(AnnotationResultTest, ResultKeys) {
  EXPECT_STREQ(ResultKey(ControlType::kRectangles), "boxes");
  EXPECT_STREQ(ResultKey(ControlType::kKeypoints), "instances");
  EXPECT_STREQ(ResultKey(ControlType::kAudioSegments), "segments");
  EXPECT_STREQ(ResultKey(ControlType::kPairwise), "choice");
}

}  // namespace
}  // namespace chorus::domain
