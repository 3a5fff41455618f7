#include "service/label_studio_import.h"

#include <gtest/gtest.h>

#include "service/format_export.h"
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
      : projects_(std::make_shared<ProjectService>(*store_, [] { return kTestNow; })),
        gold_(std::make_shared<GoldService>(*store_, [] { return kTestNow; })),
        migration_(*store_, projects_, gold_) {
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
    return migration_.Import(manager_, project_, config, json::parse(tasks));
  }

  // The project exported as label_studio_json, parsed.
  json ExportLabelStudio() {
    std::string out;
    const Status status = ExportTrainingFormat(
        *store_, project_, ExportFormat::kLabelStudioJson,
        [&out](std::string_view piece) { out.append(piece); }, nullptr, nullptr);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return json::parse(out);
  }

  ScratchStore store_;
  std::shared_ptr<ProjectService> projects_;
  std::shared_ptr<GoldService> gold_;
  LabelStudioMigration migration_;
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
  auto item = gold_->Get(**task);
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
  // Not even the interface: the project is as it was.
  auto project = store_->projects().Get(project_);
  ASSERT_TRUE(project.ok());
  EXPECT_TRUE(domain::IsEmptyLabelInterface(project->label_interface));
}

// Only the region ids differ: Label Studio's are random, Chorus's are "<control>-<i>".
json WithoutRegionIds(json regions) {
  for (json& region : regions) region.erase("id");
  return regions;
}

json TasksWithoutRegionIds(json tasks) {
  for (json& task : tasks) {
    for (const char* list : {"annotations", "predictions"}) {
      for (json& entry : task[list]) entry["result"] = WithoutRegionIds(entry["result"]);
    }
  }
  return tasks;
}

TEST_F(LabelStudioImportTest, ExportsBackToLabelStudioWithTheSameRegions) {
  auto report = Import(kLsConfig, kLsExport);
  ASSERT_TRUE(report.ok() && report->summary.errors.empty());
  const json exported = ExportLabelStudio();
  ASSERT_EQ(exported.size(), 2u);
  const json original = json::parse(kLsExport);
  EXPECT_EQ(exported[0]["id"], 101);
  EXPECT_EQ(exported[0]["data"], original[0]["data"]);
  // Kim's annotation comes back as Kim's; the gold reference as ground truth, by the manager
  // who set it; the model's prediction as a prediction.
  const json& annotations = exported[0]["annotations"];
  ASSERT_EQ(annotations.size(), 2u);
  EXPECT_EQ(annotations[0]["ground_truth"], true);
  EXPECT_EQ(annotations[0]["completed_by"], manager_.user_id);
  EXPECT_EQ(WithoutRegionIds(annotations[0]["result"]),
            WithoutRegionIds(original[0]["annotations"][1]["result"]));
  EXPECT_EQ(annotations[1]["completed_by"], json({{"email", "kim@example.org"}}));
  EXPECT_EQ(WithoutRegionIds(annotations[1]["result"]),
            WithoutRegionIds(original[0]["annotations"][0]["result"]));
  ASSERT_EQ(exported[0]["predictions"].size(), 1u);
  EXPECT_EQ(exported[0]["predictions"][0]["model_version"], "spacy-v2");
  EXPECT_EQ(exported[0]["predictions"][0]["score"], 0.8);
  EXPECT_EQ(WithoutRegionIds(exported[0]["predictions"][0]["result"]),
            WithoutRegionIds(original[0]["predictions"][0]["result"]));
  EXPECT_EQ(exported[1]["id"], 102);
  EXPECT_TRUE(exported[1]["annotations"].empty());

  // And the export imports into a fresh project as the same tasks and labels.
  auto config = migration_.Config(project_);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  domain::Project second;
  second.name = "round trip";
  second.created_by = manager_.user_id;
  second.created_at = kTestNow;
  auto created = store_->projects().Create(second);
  ASSERT_TRUE(created.ok());
  const int64_t first_project = project_;
  project_ = created->id;
  auto again = Import(config->xml, exported.dump());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_TRUE(again->summary.errors.empty()) << again->summary.errors[0].message;
  EXPECT_EQ(again->summary.inserted, 2);
  EXPECT_EQ(again->gold, 1);
  const json round_trip = ExportLabelStudio();
  project_ = first_project;
  EXPECT_EQ(TasksWithoutRegionIds(round_trip), TasksWithoutRegionIds(ExportLabelStudio()));
}

TEST_F(LabelStudioImportTest, ConfigNeedsAnInterface) {
  auto config = migration_.Config(project_);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().field(), "project");
}

TEST_F(LabelStudioImportTest, RefusesAConfigThatDoesNotFitTheProjectsInterface) {
  // An empty project takes any config's interface; once it has tasks, a config must fit.
  auto first = Import(R"(<View><Text name="t" value="$text"/>
    <Choices name="mood" toName="t"><Choice value="calm"/></Choices></View>)", "[]");
  ASSERT_TRUE(first.ok() && first->interface_set);
  auto second = Import(kLsConfig, kLsExport);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->interface_set);
  auto other = Import(R"(<View><Text name="t" value="$text"/>
    <Choices name="sentiment" toName="t"><Choice value="angry"/></Choices></View>)",
                      "[]");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().field(), "config");
  EXPECT_NE(other.status().message().find("\"angry\""), std::string::npos);
}

// The task importer refuses an empty id; the conversion now does first, so the project keeps
// the interface it had (it was replaced before the importer said no).
TEST_F(LabelStudioImportTest, ARecordTheTaskImporterWouldRefuseLeavesTheInterfaceAlone) {
  auto report = Import(kLsConfig, R"([{"id": "", "data": {"text": "ok"}}])");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_FALSE(report->summary.errors.empty());
  EXPECT_FALSE(report->interface_set);
  auto project = store_->projects().Get(project_);
  ASSERT_TRUE(project.ok());
  EXPECT_TRUE(domain::IsEmptyLabelInterface(project->label_interface));
}

// A Label Studio id already in the project for other data would put this task's labels and
// gold on that other task: refused, and nothing is stored.
TEST_F(LabelStudioImportTest, AnIdTheProjectHasForOtherDataIsRefused) {
  auto first = Import(kLsConfig, kLsExport);
  ASSERT_TRUE(first.ok() && first->summary.errors.empty());
  auto clash = Import(kLsConfig, R"([{"id": 102, "data": {"text": "not Bob"},
    "annotations": [{"completed_by": 2, "ground_truth": true, "result": [
      {"from_name": "sentiment", "value": {"choices": ["neg"]}}]}]}])");
  ASSERT_TRUE(clash.ok()) << clash.status().ToString();
  ASSERT_EQ(clash->summary.errors.size(), 1u);
  EXPECT_EQ(clash->summary.errors[0].field, "tasks[0].id");
  auto task = store_->predictions().TaskByExternalId(project_, "102");
  ASSERT_TRUE(task.ok() && task->has_value());
  EXPECT_FALSE(gold_->Get(**task).ok());  // Task 102 ("Bob") got no gold from "not Bob".
}

}  // namespace
}  // namespace chorus::service
