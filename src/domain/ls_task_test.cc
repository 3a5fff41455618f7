#include "domain/ls_task.h"

#include <gtest/gtest.h>

#include "domain/ls_config.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

const char* kConfig = R"(<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices>
</View>)";

// A Label Studio export as it comes out of "Export > JSON": two annotators, one ground truth,
// one cancelled annotation and a model prediction.
const char* kExport = R"([
  {"id": 101, "data": {"text": "Ann met ACME"},
   "annotations": [
     {"id": 1, "completed_by": {"id": 3, "email": "kim@example.org"}, "ground_truth": false,
      "was_cancelled": false, "result": [
        {"id": "r1", "from_name": "ner", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}},
        {"id": "r2", "from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["pos"]}}]},
     {"id": 2, "completed_by": 4, "ground_truth": true, "result": [
        {"id": "r3", "from_name": "ner", "to_name": "text", "type": "labels",
         "value": {"start": 8, "end": 12, "text": "ACME", "labels": ["ORG"]}}]},
     {"id": 3, "completed_by": 5, "was_cancelled": true, "result": []},
     {"id": 4, "completed_by": 5, "was_cancelled": true, "ground_truth": null}],
   "predictions": [{"model_version": "spacy-v2", "score": 0.8, "result": [
        {"id": "p1", "from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["neg"]}}]}]},
  {"id": 102, "data": {"text": "Bob"}, "annotations": [], "predictions": []}])";

// The regions of a task's annotations and predictions, ids removed.
json RegionsWithoutIds(json task) {
  json out = json::array();
  for (const char* key : {"annotations", "predictions"}) {
    for (json& item : task[key]) {
      for (json& region : item["result"]) region.erase("id");
      out.push_back(item["result"]);
    }
  }
  return out;
}

TEST(LabelStudioTasksTest, AnnotationsBecomePredictionsByTheirAuthorAndGroundTruthGold) {
  auto config = FromLabelStudioConfig(kConfig);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const LabelStudioTasks tasks =
      FromLabelStudioExport(config->label_interface, json::parse(kExport));
  ASSERT_TRUE(tasks.errors.empty()) << tasks.errors[0].ToString();
  ASSERT_EQ(tasks.records.size(), 2u);
  const json& first = tasks.records[0];
  EXPECT_EQ(first["external_id"], "101");
  ASSERT_EQ(first["predictions"].size(), 2u);
  EXPECT_EQ(first["predictions"][0]["model_version"], "label_studio:kim@example.org");
  EXPECT_EQ(first["predictions"][0]["result"]["sentiment"], json({{"choices", {"pos"}}}));
  EXPECT_EQ(first["predictions"][1]["model_version"], "spacy-v2");
  EXPECT_EQ(first["predictions"][1]["score"], 0.8);
  ASSERT_EQ(tasks.gold.size(), 1u);
  EXPECT_EQ(tasks.gold[0].external_id, "101");
  EXPECT_EQ(tasks.gold[0].rationale, "Label Studio ground truth by 4");
  EXPECT_EQ(tasks.skipped,
            (std::vector<std::string>{"tasks[0].annotations[2]: cancelled in Label Studio",
                                      "tasks[0].annotations[3]: cancelled in Label Studio"}));
}

TEST(LabelStudioTasksTest, ImportThenExportGivesTheSameRegions) {
  auto config = FromLabelStudioConfig(kConfig);
  ASSERT_TRUE(config.ok());
  const LabelInterface& li = config->label_interface;
  const json original = json::parse(kExport)[0];
  const LabelStudioTasks tasks = FromLabelStudioExport(li, json::array({original}));
  ASSERT_TRUE(tasks.errors.empty());
  const json& record = tasks.records[0];
  const auto objects = ToLabelStudioConfig(li).object_names;
  std::vector<std::string> skipped;
  const json exported = ToLabelStudioTask(
      li, objects, record["external_id"], record["data"],
      {{.completed_by = "kim@example.org",
        .result = record["predictions"][0]["result"],
        .ground_truth = false},
       {.completed_by = "4", .result = tasks.gold[0].reference, .ground_truth = true}},
      {{.model_version = "spacy-v2", .score = 0.8, .result = record["predictions"][1]["result"]}},
      &skipped);
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(exported["id"], 101);
  EXPECT_EQ(exported["data"], original["data"]);
  json expected = original;
  expected["annotations"].erase(3);  // The cancelled ones are not imported.
  expected["annotations"].erase(2);
  EXPECT_EQ(RegionsWithoutIds(exported), RegionsWithoutIds(expected));
  EXPECT_EQ(exported["annotations"][1]["ground_truth"], true);
}

TEST(LabelStudioTasksTest, ErrorsNameTheTaskAnnotationAndRegion) {
  auto config = FromLabelStudioConfig(kConfig);
  ASSERT_TRUE(config.ok());
  const LabelStudioTasks tasks = FromLabelStudioExport(config->label_interface, json::parse(R"([
    {"id": 1, "data": {"text": "Ann"}, "annotations": [{"completed_by": 1, "result": [
      {"from_name": "ner", "value": {"start": 0, "end": 9, "labels": ["PER"]}}]}]},
    {"id": 2, "annotations": []},
    {"id": 3, "data": {"text": "x"}, "predictions": [{"result": [
      {"from_name": "mood", "value": {"choices": ["pos"]}}]}]}])"));
  ASSERT_EQ(tasks.errors.size(), 3u);
  EXPECT_EQ(tasks.errors[0].field().rfind("tasks[0].annotations[0].result.ner", 0), 0u)
      << tasks.errors[0].ToString();
  EXPECT_EQ(tasks.errors[1].field(), "tasks[1].data");
  EXPECT_EQ(tasks.errors[2].field(), "tasks[2].predictions[0].result[0].from_name");
  EXPECT_TRUE(tasks.records.empty());
}

// A field of the wrong kind is an error naming it, never an exception (a 500 over HTTP).
TEST(LabelStudioTasksTest, NonListAnnotationsAndPredictionsAreErrorsNotExceptions) {
  auto config = FromLabelStudioConfig(kConfig);
  ASSERT_TRUE(config.ok());
  for (const char* body : {R"([{"id": 1, "data": {"text": "hi"}, "annotations": 5}])",
                           R"([{"id": 1, "data": {"text": "hi"}, "annotations": {"a": 1}}])",
                           R"([{"id": 1, "data": {"text": "hi"}, "predictions": "x"}])"}) {
    LabelStudioTasks out;
    EXPECT_NO_THROW(out = FromLabelStudioExport(config->label_interface, json::parse(body)));
    ASSERT_EQ(out.errors.size(), 1u) << body;
    EXPECT_TRUE(out.errors[0].field() == "tasks[0].annotations" ||
                out.errors[0].field() == "tasks[0].predictions")
        << out.errors[0].field();
  }
}

// Two tasks with one id would be one task in Chorus, the second's labels and gold landing on
// the first's text; ids the task store refuses fail here, before anything is stored.
TEST(LabelStudioTasksTest, RepeatedEmptyOrOverlongIdsAreRefused) {
  auto config = FromLabelStudioConfig(kConfig);
  ASSERT_TRUE(config.ok());
  const LabelStudioTasks repeated = FromLabelStudioExport(config->label_interface, json::parse(R"([
    {"id": 5, "data": {"text": "I love it"}},
    {"id": 5, "data": {"text": "I hate it"}, "annotations": [{"completed_by": 2,
      "ground_truth": true, "result": [{"from_name": "sentiment",
      "value": {"choices": ["neg"]}}]}]}])"));
  ASSERT_EQ(repeated.errors.size(), 1u);
  EXPECT_EQ(repeated.errors[0].field(), "tasks[1].id");
  EXPECT_EQ(repeated.records.size(), 1u);
  EXPECT_TRUE(repeated.gold.empty());
  for (const json& id : {json(""), json(std::string(513, 'x'))}) {
    const LabelStudioTasks bad = FromLabelStudioExport(
        config->label_interface, json::array({{{"id", id}, {"data", {{"text", "hi"}}}}}));
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_EQ(bad.errors[0].field(), "tasks[0].id");
  }
  const LabelStudioTasks long_author = FromLabelStudioExport(
      config->label_interface,
      json::parse(R"([{"id": 1, "data": {"text": "hi"}, "annotations": [{"completed_by": {"email": ")" +
                  std::string(190, 'a') + R"(@x.org"}, "result": []}]}])"));
  ASSERT_EQ(long_author.errors.size(), 1u);
  EXPECT_EQ(long_author.errors[0].field(), "tasks[0].annotations[0].completed_by");
}

// "007" as a number would come back as 7: another task.
TEST(LabelStudioTasksTest, IdsWithLeadingZerosStayStrings) {
  auto config = FromLabelStudioConfig(kConfig);
  ASSERT_TRUE(config.ok());
  const auto objects = ToLabelStudioConfig(config->label_interface).object_names;
  std::vector<std::string> skipped;
  EXPECT_EQ(ToLabelStudioTask(config->label_interface, objects, "007", {{"text", "a"}}, {}, {},
                              &skipped)["id"],
            "007");
  EXPECT_EQ(ToLabelStudioTask(config->label_interface, objects, "0", {{"text", "a"}}, {}, {},
                              &skipped)["id"],
            0);
}

}  // namespace
}  // namespace chorus::domain
