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
    "entities": {"spans": [{"start": 0, "end": 3, "label": "PER"},
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

}  // namespace
}  // namespace chorus::domain
