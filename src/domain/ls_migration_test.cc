// A whole Label Studio project of the newer region types: its config and its JSON export import
// into Chorus, and Chorus's export of the imported results reads back to the same results.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/ls_config.h"
#include "domain/ls_task.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

const char* kProjectConfig = R"(<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Relations><Relation value="works_for"/></Relations>
  <Image name="img" value="$image"/>
  <KeyPointLabels name="pose" toName="img"><Label value="nose"/><Label value="eye"/></KeyPointLabels>
  <Video name="video" value="$video" frameRate="25"/>
  <VideoRectangle name="box" toName="video"/>
  <Labels name="videoLabels" toName="video"><Label value="car"/></Labels>
  <TimelineLabels name="scenes" toName="video"><Label value="intro"/></TimelineLabels>
  <Text name="a" value="$answer_a"/>
  <Text name="b" value="$answer_b"/>
  <Pairwise name="pw" toName="a,b"/>
  <List name="results" value="$items" title="Search results"/>
  <Ranker name="rank" toName="results"/>
</View>)";

// One task as Label Studio 1.x's "Export > JSON" writes it (random region ids, an emoji before
// the spans, so their offsets are JavaScript string indices).
const char* kProjectExport = R"([{"id": 7, "data": {
    "text": "\ud83d\ude80 Ann works at ACME", "image": "/data/upload/1/person.jpg",
    "video": "/data/upload/1/street.mp4", "answer_a": "Paris", "answer_b": "Lyon",
    "items": [{"id": "blog", "title": "Tips"}, {"id": "mdn", "title": "Arrows"}]},
  "annotations": [{"id": 11, "completed_by": {"id": 1, "email": "ann@example.org"},
    "was_cancelled": false, "ground_truth": false, "lead_time": 12.5, "result": [
    {"id": "hG5kz", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual",
     "value": {"start": 3, "end": 6, "text": "Ann", "labels": ["PER"]}},
    {"id": "Qw81n", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual",
     "value": {"start": 16, "end": 20, "text": "ACME", "labels": ["ORG"]}},
    {"from_id": "hG5kz", "to_id": "Qw81n", "type": "relation", "direction": "right",
     "labels": ["works_for"]},
    {"id": "kP0", "from_name": "pose", "to_name": "img", "type": "keypointlabels",
     "original_width": 800, "original_height": 600, "image_rotation": 0,
     "value": {"x": 41.2, "y": 30.5, "width": 0.375, "keypointlabels": ["nose"]}},
    {"id": "vR1", "from_name": "box", "to_name": "video", "type": "videorectangle",
     "origin": "manual", "value": {"framesCount": 300, "duration": 12, "labels": ["car"],
     "sequence": [{"frame": 1, "enabled": true, "rotation": 0, "x": 5, "y": 5, "width": 20,
                   "height": 10, "time": 0},
                  {"frame": 11, "enabled": false, "rotation": 0, "x": 25, "y": 5, "width": 20,
                   "height": 10, "time": 0.4}]}},
    {"id": "tL1", "from_name": "scenes", "to_name": "video", "type": "timelinelabels",
     "origin": "manual", "value": {"ranges": [{"start": 1, "end": 25}],
     "timelinelabels": ["intro"]}},
    {"id": "pW1", "from_name": "pw", "to_name": "pw", "type": "pairwise",
     "value": {"selected": "left"}},
    {"id": "rK1", "from_name": "rank", "to_name": "results", "type": "ranker",
     "value": {"ranker": {"rank": ["mdn", "blog"]}}}]}],
  "predictions": []}])";

TEST(LabelStudioMigrationTest, AProjectOfEveryNewRegionTypeImportsAndExportsBack) {
  auto config = FromLabelStudioConfig(kProjectConfig);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->unsupported.empty()) << config->unsupported.front();
  const LabelInterface& li = config->label_interface;

  const LabelStudioTasks in = FromLabelStudioExport(li, json::parse(kProjectExport));
  ASSERT_TRUE(in.errors.empty()) << in.errors[0].ToString();
  ASSERT_EQ(in.records.size(), 1u);
  const json& result = in.records[0]["predictions"][0]["result"];
  EXPECT_EQ(in.records[0]["predictions"][0]["model_version"], "label_studio:ann@example.org");
  EXPECT_EQ(result, json::parse(R"({
    "ner": {"spans": [{"start": 2, "end": 5, "text": "Ann", "label": "PER"},
                      {"start": 15, "end": 19, "text": "ACME", "label": "ORG"}]},
    "relations": {"relations": [{"from": 0, "to": 1, "label": "works_for"}]},
    "pose": {"instances": [{"points": [{"label": "nose", "x": 41.2, "y": 30.5}]}]},
    "box": {"tracks": [{"label": "car", "keyframes": [
      {"time": 0, "x": 5, "y": 5, "width": 20, "height": 10},
      {"time": 0.4, "x": 25, "y": 5, "width": 20, "height": 10, "outside": true}]}]},
    "scenes": {"segments": [{"start": 0, "end": 1, "label": "intro"}]},
    "pw": {"choice": "a"},
    "rank": {"order": [1, 0]}})"));

  const LabelStudioConfigExport out_config = ToLabelStudioConfig(li);
  std::vector<std::string> skipped;
  const json task = ToLabelStudioTask(
      li, out_config.object_names, "7", in.records[0]["data"],
      {{.completed_by = "ann@example.org", .result = result, .ground_truth = false}}, {}, &skipped);
  EXPECT_TRUE(skipped.empty()) << skipped.front();
  const json& regions = task["annotations"][0]["result"];
  EXPECT_EQ(regions[0]["value"]["start"], 3);  // UTF-16 units again.
  const LabelStudioTasks back = FromLabelStudioExport(li, json::array({task}));
  ASSERT_TRUE(back.errors.empty()) << back.errors[0].ToString();
  EXPECT_EQ(back.records[0]["predictions"][0]["result"], result);
}

// Every field of every region replaced by a value of the wrong kind: an error or a result, never
// an exception.
TEST(LabelStudioMigrationTest, WrongKindsOfValuesNeverThrow) {
  auto config = FromLabelStudioConfig(kProjectConfig);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const json original = json::parse(kProjectExport);
  const json odd_values = json::array({nullptr, "x", -1, 1.5, json::array({7}), json::object()});
  const json& regions = original[0]["annotations"][0]["result"];
  for (size_t i = 0; i < regions.size(); ++i) {
    std::vector<std::string> keys;
    for (const auto& [key, _] : regions[i].items()) keys.push_back(key);
    if (regions[i].contains("value")) {
      for (const auto& [key, _] : regions[i]["value"].items()) keys.push_back("value/" + key);
    }
    for (const std::string& key : keys) {
      for (const json& odd : odd_values) {
        json tasks = original;
        json& region = tasks[0]["annotations"][0]["result"][i];
        if (key.rfind("value/", 0) == 0) {
          region["value"][key.substr(6)] = odd;
        } else {
          region[key] = odd;
        }
        EXPECT_NO_THROW(FromLabelStudioExport(config->label_interface, tasks))
            << "region " << i << " " << key << " = " << odd.dump();
      }
    }
  }
}

}  // namespace
}  // namespace chorus::domain
