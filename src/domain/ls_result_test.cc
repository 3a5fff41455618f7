#include "domain/ls_result.h"

#include <gtest/gtest.h>

#include "domain/annotation_result.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

LabelInterface SentimentAndEntities() {
  auto li = ParseLabelInterface(R"({"controls": [
    {"type": "choices", "name": "sentiment", "to": "text", "options": ["pos", "neg"]},
    {"type": "spans", "name": "entities", "to": "text", "labels": ["PER", "ORG"]},
    {"type": "rating", "name": "quality", "min": 1, "max": 5}]})");
  EXPECT_TRUE(li.ok()) << li.status().ToString();
  return *li;
}

TEST(LabelStudioResultTest, ConvertsRegionsByControlTypeIntoAValidResult) {
  const LabelInterface li = SentimentAndEntities();
  const json regions = json::parse(R"([
    {"from_name": "sentiment", "to_name": "text", "type": "choices",
     "value": {"choices": ["pos"]}},
    {"from_name": "entities", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}},
    {"from_name": "entities", "to_name": "text", "type": "labels",
     "value": {"start": 8, "end": 11, "labels": ["ORG"]}},
    {"from_name": "quality", "to_name": "text", "type": "rating", "value": {"rating": 4}}])");
  auto result = FromLabelStudioResult(li, regions);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(*result, json::parse(R"({"sentiment": {"choices": ["pos"]},
    "entities": {"spans": [{"start": 0, "end": 3, "label": "PER", "text": "Ann"},
                           {"start": 8, "end": 11, "label": "ORG"}]},
    "quality": {"rating": 4}})"));
  EXPECT_TRUE(ValidateResult(li, *result, json{{"text", "Ann met ACME"}}).ok());
}

TEST(LabelStudioResultTest, TakesAChorusResultAsItIsAndNamesTheRegionAtFault) {
  const LabelInterface li = SentimentAndEntities();
  const json own = {{"sentiment", {{"choices", {"neg"}}}}};
  EXPECT_EQ(*FromLabelStudioResult(li, own), own);
  auto unknown = FromLabelStudioResult(
      li, json::parse(R"([{"from_name": "mood", "value": {"choices": ["pos"]}}])"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "result[0].from_name");
  auto unlabelled = FromLabelStudioResult(
      li, json::parse(R"([{"from_name": "entities", "value": {"start": 0, "end": 1}}])"));
  ASSERT_FALSE(unlabelled.ok());
  EXPECT_EQ(unlabelled.status().field(), "result[0].value.labels");
}

LabelInterface EveryConvertedType() {
  auto li = ParseLabelInterface(R"({"controls": [
    {"type": "choices", "name": "topic", "to": "text", "options": ["a", "b"], "multiple": true},
    {"type": "spans", "name": "ner", "to": "text", "labels": ["PER", "ORG"]},
    {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car"], "rotation": true},
    {"type": "polygons", "name": "masks", "to": "image", "labels": ["road"]},
    {"type": "audio_segments", "name": "speakers", "to": "audio", "labels": ["alice", "bob"],
     "transcription": true},
    {"type": "rating", "name": "quality", "min": 1, "max": 5},
    {"type": "number", "name": "count", "to": "image"},
    {"type": "text", "name": "rewrite", "to": "text"}]})");
  EXPECT_TRUE(li.ok()) << li.status().ToString();
  return *li;
}

const std::map<std::string, std::string> kObjects = {
    {"", "text"}, {"text", "text"}, {"image", "image"}, {"audio", "audio"}};

// A realistic Label Studio export's result, one region per annotation type (ids as the export
// writes them, so the comparison is exact).
const char* kRegions = R"([
  {"id": "topic-0", "from_name": "topic", "to_name": "text", "type": "choices",
   "value": {"choices": ["a", "b"]}},
  {"id": "ner-0", "from_name": "ner", "to_name": "text", "type": "labels",
   "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}},
  {"id": "ner-1", "from_name": "ner", "to_name": "text", "type": "labels",
   "value": {"start": 8, "end": 12, "labels": ["ORG"]}},
  {"id": "boxes-0", "from_name": "boxes", "to_name": "image", "type": "rectanglelabels",
   "value": {"x": 10.5, "y": 20, "width": 30, "height": 15, "rotation": 0,
             "rectanglelabels": ["car"]}},
  {"id": "boxes-1", "from_name": "boxes", "to_name": "image", "type": "rectanglelabels",
   "value": {"x": 50, "y": 50, "width": 10, "height": 10, "rotation": 45,
             "rectanglelabels": ["car"]}},
  {"id": "masks-0", "from_name": "masks", "to_name": "image", "type": "polygonlabels",
   "value": {"points": [[0, 0], [50, 0], [50, 50]], "polygonlabels": ["road"]}},
  {"id": "speakers-0", "from_name": "speakers", "to_name": "audio", "type": "labels",
   "value": {"start": 0.5, "end": 1.75, "labels": ["alice"]}},
  {"id": "speakers-0", "from_name": "speakers_transcription", "to_name": "audio",
   "type": "textarea", "value": {"start": 0.5, "end": 1.75, "text": ["hello", "there"]}},
  {"id": "speakers-1", "from_name": "speakers", "to_name": "audio", "type": "labels",
   "value": {"start": 2, "end": 3, "labels": ["bob"]}},
  {"id": "quality-0", "from_name": "quality", "to_name": "text", "type": "rating",
   "value": {"rating": 4}},
  {"id": "count-0", "from_name": "count", "to_name": "image", "type": "number",
   "value": {"number": 7}},
  {"id": "rewrite-0", "from_name": "rewrite", "to_name": "text", "type": "textarea",
   "value": {"text": ["Dear Ann,", "thanks."]}}])";

TEST(LabelStudioResultTest, RegionsOfEveryConvertedTypeRoundTripExactly) {
  const LabelInterface li = EveryConvertedType();
  const json regions = json::parse(kRegions);
  auto chorus = FromLabelStudioResult(li, regions);
  ASSERT_TRUE(chorus.ok()) << chorus.status().ToString();
  EXPECT_EQ((*chorus)["speakers"]["segments"][0]["text"], "hello\nthere");
  EXPECT_EQ((*chorus)["rewrite"]["text"], "Dear Ann,\nthanks.");
  const json data = {{"text", "Ann met ACME"}, {"image", "a.png"}, {"audio", "a.wav"}};
  EXPECT_TRUE(ValidateResult(li, *chorus, data).ok());

  const LabelStudioRegions back = ToLabelStudioResult(li, kObjects, *chorus);
  EXPECT_TRUE(back.skipped.empty());
  EXPECT_EQ(back.regions, regions);
  auto again = FromLabelStudioResult(li, back.regions);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *chorus);
}

TEST(LabelStudioResultTest, ExportListsWhatLabelStudioRegionsCannotCarry) {
  auto li = ParseLabelInterface(R"({"controls": [
    {"type": "choices", "name": "c", "to": "text", "options": ["a"], "ambiguous": true},
    {"type": "pairwise", "name": "pref", "to": ["a", "b"], "allow_both_bad": true}]})");
  ASSERT_TRUE(li.ok()) << li.status().ToString();
  const LabelStudioRegions out = ToLabelStudioResult(
      *li, kObjects, json::parse(R"({"c": {"ambiguous": true}, "pref": {"choice": "both_bad"}})"));
  EXPECT_TRUE(out.regions.empty());
  ASSERT_EQ(out.skipped.size(), 2u);
  EXPECT_EQ(out.skipped[0], "c (an ambiguous answer; Label Studio has none)");
  EXPECT_EQ(out.skipped[1],
            "pref (a both_bad answer; Label Studio's pairwise has only left and right)");
}

}  // namespace
}  // namespace chorus::domain
