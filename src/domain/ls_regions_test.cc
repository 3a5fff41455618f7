// Label Studio regions of relations, keypoints, video, pairwise and ranking controls, both ways
// (ls_result.h), on results written as Label Studio 1.x exports them.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"
#include "domain/ls_result.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

LabelInterface Parsed(const char* text) {
  auto li = ParseLabelInterface(text);
  EXPECT_TRUE(li.ok()) << li.status().ToString();
  return li.ok() ? *li : LabelInterface{};
}

const std::map<std::string, std::string> kRegionObjects = {
    {"text", "text"}, {"image", "image"}, {"video", "video"}, {"items", "results"}};

// Imports `regions`, checks the result is valid for `data`, exports it and imports it again.
json ImportValidRoundTrip(const LabelInterface& li, const json& regions, const json& data) {
  auto chorus = FromLabelStudioResult(li, regions, data);
  EXPECT_TRUE(chorus.ok()) << chorus.status().ToString();
  if (!chorus.ok()) return json();
  const Status valid = ValidateResult(li, *chorus, data);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  const LabelStudioRegions back = ToLabelStudioResult(li, kRegionObjects, *chorus, data);
  EXPECT_TRUE(back.skipped.empty()) << back.skipped.front();
  auto again = FromLabelStudioResult(li, back.regions, data);
  EXPECT_TRUE(again.ok()) << again.status().ToString();
  if (again.ok()) {
    EXPECT_EQ(*again, *chorus) << back.regions.dump(1);
  }
  return *chorus;
}

const char* kNerWithRelations = R"({"controls": [
  {"type": "spans", "name": "ner", "to": "text", "labels": ["PER", "ORG"]},
  {"type": "relations", "name": "rel", "between": "ner", "labels": ["works_for", "knows"]}]})";

TEST(LabelStudioRegionsTest, RelationsLinkSpansByRegionIdBothWays) {
  const LabelInterface li = Parsed(kNerWithRelations);
  const json data = {{"text", "Ann met ACME and Bob"}};
  const json regions = json::parse(R"([
    {"id": "Xk3f9aQ", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual",
     "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}},
    {"id": "b7Q2rTz", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual",
     "value": {"start": 8, "end": 12, "text": "ACME", "labels": ["ORG"]}},
    {"id": "Lm0pW1e", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual",
     "value": {"start": 17, "end": 20, "text": "Bob", "labels": ["PER"]}},
    {"from_id": "Xk3f9aQ", "to_id": "b7Q2rTz", "type": "relation", "direction": "right",
     "labels": ["works_for"]},
    {"from_id": "Xk3f9aQ", "to_id": "Lm0pW1e", "type": "relation", "direction": "left",
     "labels": ["knows"]}])");
  const json chorus = ImportValidRoundTrip(li, regions, data);
  EXPECT_EQ(chorus["rel"], json::parse(R"({"relations": [
    {"from": 0, "to": 1, "label": "works_for"}, {"from": 2, "to": 0, "label": "knows"}]})"));

  const LabelStudioRegions out = ToLabelStudioResult(li, kRegionObjects, chorus, data);
  ASSERT_EQ(out.regions.size(), 5u);
  EXPECT_EQ(out.regions[3], json::parse(R"({"from_id": "ner-0", "to_id": "ner-1",
    "type": "relation", "direction": "right", "labels": ["works_for"]})"));
}

TEST(LabelStudioRegionsTest, RelationsLinkBoxesAndRefuseWhatChorusCannotHold) {
  const LabelInterface li = Parsed(R"({"controls": [
    {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car", "person"]},
    {"type": "relations", "name": "links", "between": "boxes", "directed": false}]})");
  const json data = {{"image", "a.png"}};
  const json box = json::parse(R"({"from_name": "boxes", "to_name": "image",
    "type": "rectanglelabels", "original_width": 640, "original_height": 480,
    "image_rotation": 0, "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rotation": 0,
    "rectanglelabels": ["car"]}})");
  json a = box;
  a["id"] = "a1";
  json b = box;
  b["id"] = "b2";
  const json unlabelled = {{"from_id", "a1"},
                           {"to_id", "b2"},
                           {"type", "relation"},
                           {"direction", "bi"},
                           {"labels", json::array()}};
  const json chorus = ImportValidRoundTrip(li, json::array({a, b, unlabelled}), data);
  EXPECT_EQ(chorus["links"], json::parse(R"({"relations": [{"from": 0, "to": 1}]})"));

  json dangling = unlabelled;
  dangling["to_id"] = "gone";
  auto missing = FromLabelStudioResult(li, json::array({a, b, dangling}), data);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "result[2].to_id");

  const LabelInterface directed = Parsed(kNerWithRelations);
  const json span = json::parse(R"({"id": "s1", "from_name": "ner", "type": "labels",
    "value": {"start": 0, "end": 3, "labels": ["PER"]}})");
  json other = span;
  other["id"] = "s2";
  other["value"]["start"] = 4;
  other["value"]["end"] = 7;
  auto two_way =
      FromLabelStudioResult(directed, json::array({span,
                                                   other,
                                                   {{"from_id", "s1"},
                                                    {"to_id", "s2"},
                                                    {"type", "relation"},
                                                    {"direction", "bi"},
                                                    {"labels", json::array({"knows"})}}}));
  ASSERT_FALSE(two_way.ok());
  EXPECT_EQ(two_way.status().field(), "result[2].direction");
  auto two_labels = FromLabelStudioResult(
      directed, json::array({span,
                             other,
                             {{"from_id", "s1"},
                              {"to_id", "s2"},
                              {"type", "relation"},
                              {"direction", "right"},
                              {"labels", json::array({"knows", "works_for"})}}}));
  ASSERT_FALSE(two_labels.ok());
  EXPECT_EQ(two_labels.status().field(), "result[2].labels");
}

TEST(LabelStudioRegionsTest, KeypointsGroupIntoInstancesWhenALabelRepeats) {
  const LabelInterface li = Parsed(R"({"controls": [
    {"type": "keypoints", "name": "pose", "to": "image",
     "labels": ["nose", "left_eye", "right_eye"], "skeleton": [[0, 1], [0, 2]]}]})");
  const json data = {{"image", "people.jpg"}};
  const json regions = json::parse(R"([
    {"id": "k1", "from_name": "pose", "to_name": "image", "type": "keypointlabels",
     "original_width": 640, "original_height": 480, "image_rotation": 0,
     "value": {"x": 50, "y": 40, "width": 0.46875, "keypointlabels": ["nose"]}},
    {"id": "k2", "from_name": "pose", "to_name": "image", "type": "keypointlabels",
     "original_width": 640, "original_height": 480, "image_rotation": 0,
     "value": {"x": 47, "y": 36, "width": 0.46875, "keypointlabels": ["left_eye"]}},
    {"id": "k3", "from_name": "pose", "to_name": "image", "type": "keypointlabels",
     "original_width": 640, "original_height": 480, "image_rotation": 0,
     "value": {"x": 80, "y": 41, "width": 0.46875, "keypointlabels": ["nose"]}}])");
  const json chorus = ImportValidRoundTrip(li, regions, data);
  EXPECT_EQ(chorus["pose"], json::parse(R"({"instances": [
    {"points": [{"label": "nose", "x": 50, "y": 40}, {"label": "left_eye", "x": 47, "y": 36}]},
    {"points": [{"label": "nose", "x": 80, "y": 41}]}]})"));

  // Instances whose labels do not repeat, and occlusion, survive the way through Label Studio.
  const json own = json::parse(R"({"pose": {"instances": [
    {"points": [{"label": "nose", "x": 50, "y": 40}]},
    {"points": [{"label": "left_eye", "x": 20, "y": 30, "occluded": true}]}]}})");
  const LabelStudioRegions out = ToLabelStudioResult(li, kRegionObjects, own, data);
  ASSERT_EQ(out.regions.size(), 2u);
  EXPECT_EQ(out.regions[1]["value"], json::parse(R"({"x": 20, "y": 30, "width": 0.5,
    "keypointlabels": ["left_eye"], "chorus_instance": 1, "chorus_occluded": true})"));
  EXPECT_EQ(*FromLabelStudioResult(li, out.regions, data), own);

  json no_y = regions;
  no_y[1]["value"].erase("y");
  auto refused = FromLabelStudioResult(li, no_y, data);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "result[1].value.y");
}

const char* kVideo = R"({"controls": [
  {"type": "video_tracks", "name": "box", "to": "video", "labels": ["car", "person"],
   "frame_rate": 25},
  {"type": "video_segments", "name": "scenes", "to": "video", "labels": ["intro", "action"],
   "frame_rate": 25}]})";

const char* kVideoRegions = R"([
  {"id": "Ab12Cd", "from_name": "box", "to_name": "video", "type": "videorectangle",
   "origin": "manual", "value": {"framesCount": 250, "duration": 10, "labels": ["car"],
   "sequence": [
     {"frame": 1, "enabled": true, "rotation": 0, "x": 10, "y": 20, "width": 30, "height": 15,
      "time": 0},
     {"frame": 26, "enabled": true, "rotation": 0, "x": 40, "y": 20, "width": 30, "height": 15,
      "time": 1},
     {"frame": 51, "enabled": false, "rotation": 0, "x": 60, "y": 20, "width": 30,
      "height": 15, "time": 2}]}},
  {"id": "Tl9x", "from_name": "scenes", "to_name": "video", "type": "timelinelabels",
   "origin": "manual",
   "value": {"ranges": [{"start": 51, "end": 76}], "timelinelabels": ["intro"]}}])";

TEST(LabelStudioRegionsTest, VideoTracksAndTimelineLabelsCountFramesAtTheControlsFrameRate) {
  const LabelInterface li = Parsed(kVideo);
  const json data = {{"video", "street.mp4"}};
  const json chorus = ImportValidRoundTrip(li, json::parse(kVideoRegions), data);
  EXPECT_EQ(chorus, json::parse(R"({
    "box": {"tracks": [{"label": "car", "keyframes": [
      {"time": 0, "x": 10, "y": 20, "width": 30, "height": 15},
      {"time": 1, "x": 40, "y": 20, "width": 30, "height": 15},
      {"time": 2, "x": 60, "y": 20, "width": 30, "height": 15, "outside": true}]}]},
    "scenes": {"segments": [{"start": 2.0, "end": 3.04, "label": "intro"}]}})"));

  const LabelStudioRegions out = ToLabelStudioResult(li, kRegionObjects, chorus, data);
  ASSERT_EQ(out.regions.size(), 2u);
  EXPECT_EQ(out.regions[0]["value"]["sequence"],
            json::parse(kVideoRegions)[0]["value"]["sequence"]);
  EXPECT_EQ(out.regions[1]["value"], json::parse(kVideoRegions)[1]["value"]);

  // The same frames at 10 frames per second are later in seconds.
  LabelInterface slow = li;
  slow.controls[0].frame_rate = 10;
  slow.controls[1].frame_rate = 10;
  auto at_ten = FromLabelStudioResult(slow, json::parse(kVideoRegions), data);
  ASSERT_TRUE(at_ten.ok()) << at_ten.status().ToString();
  EXPECT_EQ((*at_ten)["box"]["tracks"][0]["keyframes"][1]["time"], 2.5);
  EXPECT_EQ((*at_ten)["scenes"]["segments"][0],
            json::parse(R"({"start": 5.0, "end": 7.6, "label": "intro"})"));

  json backwards = json::parse(kVideoRegions);
  backwards[1]["value"]["ranges"][0]["end"] = 50;
  auto refused = FromLabelStudioResult(li, backwards, data);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "result[1].value.ranges[0].end");
  json no_frame = json::parse(kVideoRegions);
  no_frame[0]["value"]["sequence"][1]["frame"] = 0.5;
  refused = FromLabelStudioResult(li, no_frame, data);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "result[0].value.sequence[1].frame");
}

const char* kCompare = R"({"controls": [
  {"type": "pairwise", "name": "pref", "to": ["answer_a", "answer_b"], "allow_tie": true},
  {"type": "ranking", "name": "rank", "to": "items"}]})";

TEST(LabelStudioRegionsTest, PairwiseAndRankerMapByListItemIds) {
  const LabelInterface li = Parsed(kCompare);
  const json data = json::parse(R"({"answer_a": "Paris", "answer_b": "Lyon", "items": [
    {"id": "blog", "title": "10 tips", "body": "..."},
    {"id": "mdn", "title": "Arrow functions", "body": "..."},
    {"id": "wiki", "title": "Arrow, computer science", "body": "..."}]})");
  const json regions = json::parse(R"([
    {"id": "pw1", "from_name": "pref", "to_name": "pref", "type": "pairwise",
     "origin": "manual", "value": {"selected": "right"}},
    {"id": "rk1", "from_name": "rank", "to_name": "results", "type": "ranker",
     "origin": "manual", "value": {"ranker": {"rank": ["mdn", "wiki", "blog"]}}}])");
  const json chorus = ImportValidRoundTrip(li, regions, data);
  EXPECT_EQ(chorus, json::parse(R"({"pref": {"choice": "b"}, "rank": {"order": [1, 2, 0]}})"));
  const LabelStudioRegions out = ToLabelStudioResult(li, kRegionObjects, chorus, data);
  ASSERT_EQ(out.regions.size(), 2u);
  EXPECT_EQ(out.regions[0]["value"], regions[0]["value"]);
  EXPECT_EQ(out.regions[0]["to_name"], "pref");
  EXPECT_EQ(out.regions[1]["value"], regions[1]["value"]);
  EXPECT_EQ(out.regions[1]["to_name"], "results");

  const LabelStudioRegions tie =
      ToLabelStudioResult(li, kRegionObjects, json::parse(R"({"pref": {"choice": "tie"}})"), data);
  EXPECT_TRUE(tie.regions.empty());
  ASSERT_EQ(tie.skipped.size(), 1u);
  EXPECT_NE(tie.skipped[0].find("tie"), std::string::npos);

  json buckets = regions;
  buckets[1]["value"]["ranker"] = {{"relevant", json::array({"mdn"})},
                                   {"irrelevant", json::array({"blog", "wiki"})}};
  auto refused = FromLabelStudioResult(li, buckets, data);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "result[1].value.ranker");
  json unknown = regions;
  unknown[1]["value"]["ranker"]["rank"][2] = "stack";
  refused = FromLabelStudioResult(li, unknown, data);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "result[1].value.ranker[2]");
  json sideways = regions;
  sideways[0]["value"]["selected"] = "up";
  refused = FromLabelStudioResult(li, sideways, data);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "result[0].value.selected");
}

TEST(LabelStudioRegionsTest, OddInputIsAnErrorNotACrash) {
  const LabelInterface li = Parsed(kVideo);
  for (const char* odd :
       {R"([{"from_name": "box", "type": "videorectangle", "value": {"labels": ["car"]}}])",
        R"([{"from_name": "box", "value": {"labels": ["car"], "sequence": [7]}}])",
        R"([{"from_name": "box", "value": {"labels": ["car"], "sequence": [{"frame": 1}]}}])",
        R"([{"from_name": "scenes", "value": {"timelinelabels": ["intro"], "ranges": "1-2"}}])",
        R"([{"from_name": "scenes", "value": {"timelinelabels": [], "ranges": []}}])",
        R"([{"type": "relation", "from_id": ["x"], "to_id": null}])",
        R"([{"type": "relation"}])"}) {
    auto result = FromLabelStudioResult(li, json::parse(odd), json());
    EXPECT_FALSE(result.ok()) << odd;
  }
  // A flag that is not a boolean reads as its default rather than throwing.
  auto odd_flag = FromLabelStudioResult(li, json::parse(R"([{"from_name": "box", "value": {
    "labels": ["car"], "sequence": [{"frame": 1, "x": 1, "y": 1, "width": 1, "height": 1,
    "enabled": "yes"}]}}])"));
  ASSERT_TRUE(odd_flag.ok()) << odd_flag.status().ToString();
  EXPECT_FALSE((*odd_flag)["box"]["tracks"][0]["keyframes"][0].contains("outside"));
}

}  // namespace
}  // namespace chorus::domain
