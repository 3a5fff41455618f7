#include "service/model_drafts.h"

#include <gtest/gtest.h>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

constexpr char kDraftKey[] = "0123456789abcdef0123456789abcdef";

// Over many (task, annotator) pairs the blind share is the policy's, within 5 standard errors
// (0.1 of 40,000 pairs: sd 0.0015); the same pair always draws the same.
TEST(DrawBlindTest, HonoursTheShareAndNeverFlips) {
  int blind = 0;
  for (int64_t task = 1; task <= 400; ++task) {
    for (int64_t annotator = 1; annotator <= 100; ++annotator) {
      const bool drawn = DrawBlind(kDraftKey, task, annotator, 0.1);
      blind += drawn;
      if (task <= 5) {
        EXPECT_EQ(DrawBlind(kDraftKey, task, annotator, 0.1), drawn);
      }
    }
  }
  EXPECT_NEAR(blind / 40000.0, 0.1, 0.0075) << blind;
  EXPECT_FALSE(DrawBlind(kDraftKey, 1, 1, 0.0));
  EXPECT_TRUE(DrawBlind(kDraftKey, 1, 1, 1.0));
}

// Another key draws other pairs: without the server's key the blind pairs cannot be predicted.
TEST(DrawBlindTest, TheKeyDecidesWhichPairs) {
  int differ = 0;
  for (int64_t task = 1; task <= 2000; ++task) {
    differ += DrawBlind(kDraftKey, task, 7, 0.5) !=
              DrawBlind("fedcba9876543210fedcba9876543210", task, 7, 0.5);
  }
  EXPECT_GT(differ, 800);  // About half, as for independent draws.
  EXPECT_LT(differ, 1200);
}

TEST(SameAnswerTest, ComparesJsonValuesNotText) {
  EXPECT_TRUE(
      SameAnswer(R"({"a":{"choices":["x"]},"b":1})", R"({ "b": 1, "a": {"choices": ["x"]} })"));
  EXPECT_FALSE(SameAnswer(R"({"a":{"choices":["x"]}})", R"({"a":{"choices":["y"]}})"));
  EXPECT_FALSE(SameAnswer("not json", "not json"));
}

class ModelDraftsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int64_t owner = AddTestUser(*store_, "owner", Role::kManager, kTestNow).user_id;
    annotator_ = AddTestUser(*store_, "ann", Role::kAnnotator, kTestNow).user_id;
    domain::Project project;
    project.name = "drafts";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("options":["positive","negative"]}]})";
    project.created_by = owner;
    project.created_at = kTestNow;
    project.drafts.enabled = true;
    project.drafts.blind_share = 0;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = *created;
    std::vector<domain::Task> batch(3);
    for (auto& t : batch) {
      t.data = R"({"text":"x"})";
      t.created_at = kTestNow;
    }
    batch[1].data = R"({"text":"y"})";
    batch[2].data = R"({"text":"z"})";
    auto inserted = store_->tasks().InsertBatch(project_.id, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    tasks_ = inserted->task_ids;
    std::vector<domain::Prediction> predictions;
    for (int i : {0, 1}) {
      domain::Prediction p;
      p.task_id = tasks_[i];
      p.model_version = "m1";
      p.result = SentimentAnswer("positive");
      p.created_at = kTestNow;
      predictions.push_back(p);
    }
    ASSERT_TRUE(store_->predictions().Upsert(project_.id, predictions).ok());
    domain::GoldItem gold;
    gold.task_id = tasks_[1];
    gold.project_id = project_.id;
    gold.reference = SentimentAnswer("positive");
    gold.created_by = owner;
    gold.created_at = kTestNow;
    ASSERT_TRUE(store_->gold().Put(gold).ok());
  }

  DraftDecision Decide(size_t task) {
    auto decision = drafts_.Decide(project_, tasks_.at(task), annotator_);
    EXPECT_TRUE(decision.ok()) << decision.status().ToString();
    return decision.ok() ? *decision : DraftDecision{};
  }

  ScratchStore store_;
  ModelDrafts drafts_{*store_};
  domain::Project project_;
  std::vector<int64_t> tasks_;
  int64_t annotator_ = 0;
};

TEST_F(ModelDraftsTest, ShowsTheLatestModelsDraftButNeverForGoldOrWithoutAPrediction) {
  const DraftDecision shown = Decide(0);
  ASSERT_TRUE(shown.shown.has_value());
  EXPECT_EQ(shown.shown->result, SentimentAnswer("positive"));
  EXPECT_EQ(shown.model_version, "m1");
  EXPECT_FALSE(shown.blind);
  const DraftDecision gold = Decide(1);
  EXPECT_FALSE(gold.shown.has_value());
  EXPECT_FALSE(gold.blind);
  EXPECT_EQ(gold.model_version, "");
  const DraftDecision none = Decide(2);
  EXPECT_FALSE(none.shown.has_value());
  EXPECT_EQ(none.model_version, "");
}

TEST_F(ModelDraftsTest, ABlindPairWithholdsTheDraftAndOffShowsNothing) {
  project_.drafts.blind_share = 1;
  const DraftDecision blind = Decide(0);
  EXPECT_FALSE(blind.shown.has_value());
  EXPECT_TRUE(blind.blind);
  EXPECT_EQ(blind.model_version, "m1");
  project_.drafts.model_version = "m0";  // A model without predictions here.
  EXPECT_EQ(Decide(0).model_version, "");
  project_.drafts = {};
  EXPECT_FALSE(Decide(0).shown.has_value());
  EXPECT_FALSE(Decide(0).blind);
}

}  // namespace
}  // namespace chorus::service
