#include "service/label_studio_import.h"

#include <gtest/gtest.h>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using nlohmann::json;

const char* kLsConfig = R"(<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="pos"/><Choice value="neg"/></Choices>
  <Brush name="mask" toName="text"/>
</View>)";

const char* kLsExport = R"([
  {"id": 101, "data": {"text": "Ann met ACME"},
   "annotations": [
     {"id": 1, "completed_by": {"id": 3, "email": "kim@example.org"}, "result": [
        {"from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["pos"]}}]},
     {"id": 2, "completed_by": 4, "ground_truth": true, "result": [
        {"from_name": "ner", "to_name": "text", "type": "labels",
         "value": {"start": 8, "end": 12, "labels": ["ORG"]}}]}],
   "predictions": [{"model_version": "spacy-v2", "score": 0.8, "result": [
        {"from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["neg"]}}]}]},
  {"id": 102, "data": {"text": "Bob"}}])";

class LabelStudioImportTest : public ::testing::Test {
 protected:
  LabelStudioImportTest()
      : projects_(*store_, [] { return kTestNow; }), gold_(*store_, [] { return kTestNow; }) {
    manager_ = AddTestUser(*store_, "manager", domain::Role::kManager, kTestNow);
    // A project whose interface is not written yet (the store allows it; the service's
    // Create insists on one), as a migration starts from.
    domain::Project project;
    project.name = "from label studio";
    project.created_by = manager_.user_id;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    project_ = created.ok() ? created->id : 0;
  }

  Result<LabelStudioImportReport> Import(const std::string& config, const std::string& tasks) {
    return ImportLabelStudio(projects_, gold_, *store_, manager_, project_, config,
                             json::parse(tasks));
  }

  ScratchStore store_;
  ProjectService projects_;
  GoldService gold_;
  Principal manager_;
  int64_t project_ = 0;
};

TEST_F(LabelStudioImportTest, SetsTheInterfaceAndImportsTasksPredictionsAndGold) {
  auto report = Import(kLsConfig, kLsExport);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->summary.errors.empty()) << report->summary.errors[0].message;
  EXPECT_TRUE(report->interface_set);
  EXPECT_EQ(report->summary.inserted, 2);
  EXPECT_EQ(report->gold, 1);
  ASSERT_EQ(report->unsupported.size(), 1u);
  EXPECT_EQ(report->unsupported[0], "<Brush name=\"mask\"> (line 5)");

  auto task = store_->predictions().TaskByExternalId(project_, "101");
  ASSERT_TRUE(task.ok() && task->has_value());
  auto predictions = store_->predictions().ListForTask(**task);
  ASSERT_TRUE(predictions.ok());
  ASSERT_EQ(predictions->size(), 2u);
  std::vector<std::string> versions;
  for (const auto& p : *predictions) versions.push_back(p.model_version);
  std::sort(versions.begin(), versions.end());
  EXPECT_EQ(versions, (std::vector<std::string>{"label_studio:kim@example.org", "spacy-v2"}));
  auto item = gold_.Get(**task);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(json::parse(item->reference),
            json::parse(R"({"ner": {"spans": [{"start": 8, "end": 12, "label": "ORG"}]}})"));
  // No Chorus user was credited with a Label Studio label.
  auto annotations = store_->annotations().ListByTask(**task);
  ASSERT_TRUE(annotations.ok());
  EXPECT_TRUE(annotations->empty());

  auto again = Import(kLsConfig, kLsExport);  // The project's interface now; nothing new.
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->interface_set);
  EXPECT_EQ(again->summary.inserted, 0);
}

TEST_F(LabelStudioImportTest, StoresNothingWhenARecordFailsAndNamesIt) {
  auto report = Import(kLsConfig, R"([{"id": 1, "data": {"text": "ok"}},
    {"id": 2, "data": {"text": "Ann"}, "predictions": [{"result": [
      {"from_name": "sentiment", "value": {"choices": ["maybe"]}}]}]}])");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->summary.errors.size(), 1u);
  EXPECT_EQ(report->summary.errors[0].record, 1u);
  EXPECT_EQ(report->summary.errors[0].field.rfind("tasks[1].predictions[0].result.sentiment", 0),
            0u)
      << report->summary.errors[0].field;
  auto task = store_->predictions().TaskByExternalId(project_, "1");
  ASSERT_TRUE(task.ok());
  EXPECT_FALSE(task->has_value());
}

TEST_F(LabelStudioImportTest, RefusesAConfigThatDoesNotFitTheProjectsInterface) {
  ASSERT_TRUE(Import(kLsConfig, "[]").ok());
  auto other = Import(R"(<View><Text name="t" value="$text"/>
    <Choices name="sentiment" toName="t"><Choice value="angry"/></Choices></View>)",
                      "[]");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().field(), "config");
  EXPECT_NE(other.status().message().find("\"angry\""), std::string::npos);
}

}  // namespace
}  // namespace chorus::service
