#include "service/machine_label_validation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/export.h"
#include "service/machine_labels_for_test.h"

namespace chorus::service {
namespace {

using domain::AnnotationSource;
using domain::Role;

// Six tasks counted by hand (options positive, negative):
//   t0 two people say positive; t1 one says negative; t2 a blind label says positive;
//   t3 a tie (no answer); t4 only a drafted label, accepted (left out: no answer); t5 gold
//   negative. Model m1 predicts positive on t0-t4 and negative on t5: 6 labels, 4 compared,
//   3 right, confusion [[2, 0], [1, 1]]. Rule set "lfs" labels t0 negative then, later,
//   positive (the latest counts) and t1 negative: 2 compared, 2 right. An auto label on t3
//   has nobody to compare with.
class MachineLabelValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = AddTestUser(*store_, "owner", Role::kManager, kTestNow).user_id;
    const int64_t a = AddTestUser(*store_, "a", Role::kAnnotator, kTestNow).user_id;
    const int64_t b = AddTestUser(*store_, "b", Role::kAnnotator, kTestNow).user_id;
    domain::Project project;
    project.name = "hand counted";
    project.label_interface = kKnownTruthInterface;
    project.overlap = 2;
    project.created_by = owner_;
    project.created_at = kTestNow;
    project_ = store_->projects().Create(project)->id;
    std::vector<domain::Task> batch(6);
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].data = R"({"text":"t)" + std::to_string(i) + R"("})";
      batch[i].created_at = kTestNow;
    }
    tasks_ = store_->tasks().InsertBatch(project_, batch)->task_ids;
    Label(0, a, "positive");
    Label(0, b, "positive");
    Label(1, a, "negative");
    Label(2, a, "positive", /*blind=*/true);
    Label(3, a, "positive");
    Label(3, b, "negative");
    Label(4, a, "positive", false, /*drafted=*/true);
    domain::GoldItem gold;
    gold.task_id = tasks_[5];
    gold.reference = SentimentAnswer("negative");
    gold.created_by = owner_;
    gold.created_at = gold.updated_at = kTestNow;
    ASSERT_TRUE(store_->gold().Put(gold).ok());
    std::vector<domain::Prediction> predictions;
    for (size_t i = 0; i < 6; ++i) {
      domain::Prediction p;
      p.task_id = tasks_[i];
      p.model_version = "m1";
      p.result = SentimentAnswer(i == 5 ? "negative" : "positive");
      p.score = 0.5;
      p.created_at = kTestNow;
      predictions.push_back(p);
    }
    ASSERT_TRUE(store_->predictions().Upsert(project_, predictions).ok());
    Machine(0, AnnotationSource::kRule, "lfs", "negative", false);
    Machine(1, AnnotationSource::kRule, "lfs", "negative", false);
    Machine(0, AnnotationSource::kRule, "lfs", "positive", false);
    Machine(3, AnnotationSource::kModel, "m1", "positive", true);
  }

  void Label(size_t task, int64_t annotator, const std::string& answer, bool blind = false,
             bool drafted = false) {
    domain::Annotation x;
    x.task_id = tasks_[task];
    x.project_id = project_;
    x.annotator_id = annotator;
    x.result = SentimentAnswer(answer);
    x.blind = blind;
    x.draft_shown = drafted;
    x.draft_accepted = drafted;
    if (blind || drafted) x.draft_model_version = "m1";
    x.created_at = x.updated_at = kTestNow;
    ASSERT_TRUE(store_->annotations().Submit(x).ok());
  }

  void Machine(size_t task, AnnotationSource source, const std::string& origin,
               const std::string& answer, bool close) {
    domain::MachineLabel m;
    m.task_id = tasks_[task];
    m.source = source;
    m.origin = origin;
    m.result = SentimentAnswer(answer);
    m.score = 0.9;
    if (close) m.threshold = 0.8;
    m.created_at = kTestNow;
    ASSERT_TRUE(store_->machine_labels().Append(project_, {m}, close).ok());
  }

  ScratchStore store_;
  int64_t owner_ = 0;
  int64_t project_ = 0;
  std::vector<int64_t> tasks_;
};

TEST_F(MachineLabelValidationTest, CountsEachSourceAgainstUnanchoredHumanAnswers) {
  auto report = ValidateMachineLabels(*store_, project_, 0.5);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->control, "sentiment");
  EXPECT_EQ(report->human_tasks, 4);
  ASSERT_EQ(report->sources.size(), 3u);
  const SourceValidation& model = report->sources[0];
  EXPECT_EQ(model.source, "prediction");
  EXPECT_EQ(model.origin, "m1");
  EXPECT_EQ(model.labels, 6);
  EXPECT_EQ(model.compared, 4);
  EXPECT_EQ(model.correct, 3);
  EXPECT_DOUBLE_EQ(*model.accuracy, 0.75);
  // Wilson 95% for 3 of 4 (Wilson 1927; z = 1.96): 0.3006 to 0.9544.
  EXPECT_NEAR(model.wilson95->low, 0.3006, 5e-4);
  EXPECT_NEAR(model.wilson95->high, 0.9544, 5e-4);
  EXPECT_EQ(model.confusion, (std::vector<std::vector<int64_t>>{{2, 0}, {1, 1}}));
  EXPECT_FALSE(model.fit_to_train);
  EXPECT_EQ(model.verdict.rfind("do not train on this yet", 0), 0u) << model.verdict;
  const SourceValidation& auto_label = report->sources[1];
  EXPECT_EQ(auto_label.source, "auto_label");
  EXPECT_EQ(auto_label.labels, 1);
  EXPECT_EQ(auto_label.compared, 0);
  EXPECT_FALSE(auto_label.accuracy.has_value());
  EXPECT_NE(auto_label.verdict.find("no human labels"), std::string::npos);
  const SourceValidation& rule = report->sources[2];
  EXPECT_EQ(rule.source, "rule");
  EXPECT_EQ(rule.origin, "lfs");
  EXPECT_EQ(rule.labels, 2);
  EXPECT_EQ(rule.compared, 2);
  EXPECT_EQ(rule.correct, 2);
  EXPECT_EQ(rule.confusion, (std::vector<std::vector<int64_t>>{{1, 0}, {0, 1}}));
  EXPECT_EQ(ValidateMachineLabels(*store_, project_, 1.0).status().field(), "min_accuracy");
}

// On the generated project (700 unanchored answers) the model's 3 in 4 clear a 0.5 bar.
TEST(MachineLabelValidationVerdictTest, ASourceClearingTheBarIsFitToTrainOn) {
  ScratchStore store;
  const KnownTruthProject data = MakeKnownTruthProject(*store, 800, 600, 700);
  auto report = ValidateMachineLabels(*store, data.project_id, 0.5);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->sources.size(), 1u);
  EXPECT_EQ(report->sources[0].compared, 700);
  EXPECT_TRUE(report->sources[0].fit_to_train);
  EXPECT_EQ(report->sources[0].verdict.rfind("fit to train on", 0), 0u);
}

// Exports carry machine labels apart from annotations, with their provenance.
TEST_F(MachineLabelValidationTest, ExportsKeepMachineLabelsApart) {
  std::string jsonl;
  ASSERT_TRUE(ExportProject(*store_, project_, ExportFormat::kJsonl,
                            [&](std::string_view piece) { jsonl += piece; })
                  .ok());
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  while (start < jsonl.size()) {
    const size_t end = jsonl.find('\n', start);
    lines.push_back(nlohmann::json::parse(jsonl.substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 6u);
  ASSERT_EQ(lines[0]["machine_labels"].size(), 2u);
  EXPECT_EQ(lines[0]["machine_labels"][0]["source"], "rule");
  EXPECT_EQ(lines[0]["machine_labels"][0]["rule_set"], "lfs");
  EXPECT_EQ(lines[0]["annotations"].size(), 2u);
  for (const auto& a : lines[0]["annotations"]) EXPECT_EQ(a["source"], "human");
  EXPECT_EQ(lines[3]["machine_labels"][0]["source"], "model");
  EXPECT_EQ(lines[3]["machine_labels"][0]["model_version"], "m1");
  EXPECT_EQ(lines[3]["machine_labels"][0]["threshold"], 0.8);
  EXPECT_FALSE(lines[5].contains("machine_labels"));
  std::string csv;
  ASSERT_TRUE(ExportProject(*store_, project_, ExportFormat::kCsv,
                            [&](std::string_view piece) { csv += piece; })
                  .ok());
  // Machine labels have rows of their own: no annotator, source model or rule, and the model
  // version or rule set in model_version.
  EXPECT_NE(csv.find(",model,,m1,,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",rule,,lfs,,"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service
