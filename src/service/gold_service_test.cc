// Gold end to end through the services on a real SQLite store: a manager marks gold, four
// simulated annotators of known skill (good, sloppy, spammer, adversarial) work through the
// queue, and the report and the pause rule follow from their answers. Also: the reference is
// checked as an answer is, gold shows up at about the configured rate and never twice in a
// row, and a gold task takes labels up to its exposure cap, not the overlap.
#include "service/gold_service.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "service/labelling_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

class GoldServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LabellingOptions options;
    options.random_seed = 20261124;  // Which requests are offered gold: reproducible.
    labelling_ = std::make_unique<LabellingService>(
        *store_, [this] { return now_; }, options);
    gold_ = std::make_unique<GoldService>(*store_, [this] { return now_; });
    manager_ = AddUser("manager", Role::kManager);
  }

  Principal AddUser(const std::string& name, Role role = Role::kAnnotator) {
    return AddTestUser(*store_, name, role, now_);
  }

  // A sentiment project with `tasks` tasks whose true label is "positive" for even ids and
  // "negative" for odd ones; the first `gold` of them are marked gold with that label.
  void MakeProject(int tasks, int gold, const domain::GoldPolicy& policy, int64_t overlap = 3) {
    domain::Project project;
    project.name = "sentiment";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("options":["positive","negative"]}]})";
    project.overlap = overlap;
    project.gold = policy;
    project.created_by = manager_.user_id;
    project.created_at = now_;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(tasks);
    for (int i = 0; i < tasks; ++i) {
      batch[i].data = R"({"text":"item )" + std::to_string(i) + R"("})";
      batch[i].created_at = now_;
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    task_ids_ = inserted->task_ids;
    for (int i = 0; i < gold; ++i) {
      GoldInput input;
      input.reference = SentimentAnswer(Truth(task_ids_[i]));
      input.rationale = "the text says so";
      auto put = gold_->Put(manager_, task_ids_[i], input);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
      gold_ids_.insert(task_ids_[i]);
    }
  }

  static std::string Truth(int64_t task_id) { return task_id % 2 == 0 ? "positive" : "negative"; }

  // Takes and answers up to `count` tasks as `who`; `right(gold_answers_so_far)` says whether
  // the next gold answer is right (the simulated skill on gold is exact, not sampled), and
  // ordinary tasks are answered right. Returns the tasks handed out, in order.
  std::vector<int64_t> Work(const Principal& who, int count,
                            const std::function<bool(int)>& right) {
    std::vector<int64_t> handed;
    int gold_seen = 0;
    for (int i = 0; i < count; ++i) {
      auto next = labelling_->Next(who, project_);
      if (!next.ok() || !next->has_value()) break;
      const int64_t task = (*next)->task.id;
      handed.push_back(task);
      const bool correct = gold_ids_.contains(task) ? right(gold_seen++) : true;
      const std::string truth = Truth(task);
      Submission s;
      s.result = SentimentAnswer(correct ? truth : (truth == "positive" ? "negative" : "positive"));
      s.idempotency_key = "k" + std::to_string(task);
      auto submitted = labelling_->Submit(who, task, s);
      EXPECT_TRUE(submitted.ok()) << submitted.status().ToString();
    }
    return handed;
  }

  ScratchStore store_;
  std::unique_ptr<LabellingService> labelling_;
  std::unique_ptr<GoldService> gold_;
  int64_t now_ = 1'700'000'000'000;
  Principal manager_;
  int64_t project_ = 0;
  std::vector<int64_t> task_ids_;
  std::set<int64_t> gold_ids_;
};

TEST_F(GoldServiceTest, TheReferenceIsCheckedLikeAnAnswer) {
  MakeProject(2, 0, {});
  GoldInput bad;
  bad.reference = R"({"sentiment":{"choices":["maybe"]}})";
  auto refused = gold_->Put(manager_, task_ids_[0], bad);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field().rfind("reference.sentiment", 0), 0u)
      << refused.status().field();
  EXPECT_EQ(gold_->Get(task_ids_[0]).status().code(), StatusCode::kNotFound);
}

TEST_F(GoldServiceTest, GoldComesAtTheRateAndNeverTwiceInARow) {
  domain::GoldPolicy policy;
  policy.rate = 0.2;
  policy.pause_below = 0;
  MakeProject(600, 150, policy, /*overlap=*/1);
  const Principal ann = AddUser("ann");
  const std::vector<int64_t> handed = Work(ann, 400, [](int) { return true; });
  ASSERT_EQ(handed.size(), 400u);
  int gold = 0;
  for (size_t i = 0; i < handed.size(); ++i) {
    const bool is_gold = gold_ids_.contains(handed[i]);
    gold += is_gold;
    if (i > 0) {
      EXPECT_FALSE(is_gold && gold_ids_.contains(handed[i - 1])) << "at " << i;
    }
  }
  // 400 draws at p = 0.2: the binomial standard deviation is 8, so 80 ± 32 is ±4σ.
  EXPECT_NEAR(gold, 80, 32);
}

TEST_F(GoldServiceTest, GoldTasksTakeLabelsUpToTheExposureCap) {
  domain::GoldPolicy policy;
  policy.rate = 0.5;
  policy.max_exposures = 5;
  policy.pause_below = 0;
  MakeProject(1, 1, policy, /*overlap=*/1);
  // Five people answer the gold task although the overlap is one (reviewers, who label any
  // task without its being handed to them).
  for (int i = 0; i < 5; ++i) {
    Submission s;
    s.result = SentimentAnswer(Truth(task_ids_[0]));
    s.idempotency_key = "k";
    auto submitted =
        labelling_->Submit(AddUser("a" + std::to_string(i), Role::kReviewer), task_ids_[0], s);
    EXPECT_TRUE(submitted.ok()) << submitted.status().ToString();
  }
  Submission late;
  late.result = SentimentAnswer("positive");
  late.idempotency_key = "k";
  EXPECT_EQ(
      labelling_->Submit(AddUser("late", Role::kReviewer), task_ids_[0], late).status().code(),
      StatusCode::kConflict);
}

TEST_F(GoldServiceTest, SimulatedAnnotatorsAreJudgedByTheirSkill) {
  domain::GoldPolicy policy;
  policy.rate = 0.3;
  policy.min_answers = 10;
  policy.warn_below = 0.9;
  policy.pause_below = 0.7;
  MakeProject(400, 60, policy, /*overlap=*/4);
  const Principal good = AddUser("good"), sloppy = AddUser("sloppy"), spammer = AddUser("spammer"),
                  adversary = AddUser("adversary");
  Work(good, 120, [](int) { return true; });
  Work(sloppy, 120, [](int n) { return n % 5 != 4; });  // 80%: between the two bars.
  std::mt19937_64 coin(7);
  Work(spammer, 120, [&](int) { return coin() % 2 == 0; });  // Guesses.
  Work(adversary, 120, [](int) { return false; });

  auto report = gold_->Report(project_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->gold_items, 60);
  std::map<int64_t, AnnotatorGoldReport> by_id;
  for (const AnnotatorGoldReport& a : report->annotators) by_id[a.annotator_id] = a;
  ASSERT_EQ(by_id.size(), 4u);
  EXPECT_EQ(by_id[good.user_id].standing.verdict, GoldVerdict::kGood);
  EXPECT_EQ(by_id[sloppy.user_id].standing.verdict, GoldVerdict::kWarned);
  EXPECT_EQ(by_id[adversary.user_id].standing.verdict, GoldVerdict::kPaused);
  EXPECT_EQ(by_id[adversary.user_id].standing.correct, 0);
  // The spammer's coin lands under the 70% bar (about 50% of some 30 answers).
  EXPECT_EQ(by_id[spammer.user_id].standing.verdict, GoldVerdict::kPaused);
  for (const auto& [id, a] : by_id) {
    EXPECT_GE(a.standing.answers, policy.min_answers) << id;
    EXPECT_LE(a.standing.ci95.low, a.standing.accuracy) << id;
    EXPECT_GE(a.standing.ci95.high, a.standing.accuracy) << id;
    // Per label: the two options split the answers.
    int64_t answers = 0;
    for (const GoldLabelAccuracy& l : a.labels) answers += l.answers;
    EXPECT_EQ(answers, a.standing.answers) << id;
  }

  // Paused annotators are refused more work, with their figures; the others are not.
  auto refused = labelling_->Next(adversary, project_);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("0 of"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(refused.status().field(), "gold");
  EXPECT_TRUE(labelling_->Next(good, project_).ok());
  // The manager lowers the bar: the spammer may go on.
  auto project = store_->projects().Get(project_);
  ASSERT_TRUE(project.ok());
  project->gold.pause_below = 0.3;
  ASSERT_TRUE(store_->projects().Update(*project).ok());
  EXPECT_TRUE(labelling_->Next(spammer, project_).ok());
}

TEST_F(GoldServiceTest, QualificationGatesNewAnnotatorsWithFeedbackAndRetries) {
  domain::GoldPolicy policy;
  policy.rate = 0.1;
  policy.pause_below = 0;
  policy.qualification_items = 4;
  policy.qualification_pass = 0.75;
  policy.qualification_attempts = 2;
  MakeProject(40, 12, policy, /*overlap=*/1);
  const Principal newbie = AddUser("newbie"), hopeless = AddUser("hopeless");

  // Answers one calibration item handed out, right or wrong; returns its feedback.
  auto calibrate = [&](const Principal& who, bool right) {
    auto next = labelling_->Next(who, project_);
    EXPECT_TRUE(next.ok() && next->has_value()) << next.status().ToString();
    const NextTask& handed = **next;
    EXPECT_TRUE(gold_ids_.contains(handed.task.id));
    EXPECT_TRUE(handed.calibration.has_value());
    const std::string truth = Truth(handed.task.id);
    Submission s;
    s.result = SentimentAnswer(right ? truth : (truth == "positive" ? "negative" : "positive"));
    s.idempotency_key = "c" + std::to_string(handed.task.id);
    auto submitted = labelling_->Submit(who, handed.task.id, s);
    EXPECT_TRUE(submitted.ok()) << submitted.status().ToString();
    EXPECT_TRUE(submitted->calibration.has_value());
    EXPECT_EQ(submitted->calibration->reference, SentimentAnswer(truth));
    EXPECT_EQ(submitted->calibration->rationale, "the text says so");
    EXPECT_EQ(submitted->calibration->correct, right);
    // A retry replays the answer and its feedback.
    auto again = labelling_->Submit(who, handed.task.id, s);
    EXPECT_TRUE(again.ok() && again->replayed && again->calibration) << again.status().ToString();
    return *submitted->calibration;
  };

  // Before passing, nothing but the calibration item handed out takes an answer, and every
  // other task is refused alike.
  Submission early;
  early.result = SentimentAnswer("positive");
  early.idempotency_key = "early";
  int64_t ordinary = 0;
  for (const int64_t id : task_ids_) {
    if (!gold_ids_.contains(id)) ordinary = id;
  }
  auto refused = labelling_->Submit(newbie, ordinary, early);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  auto refused_gold = labelling_->Submit(newbie, *gold_ids_.rbegin(), early);
  EXPECT_EQ(refused_gold.status().message(), refused.status().message());

  // Attempt 1: 2 of 4 (under 75%); attempt 2: 4 of 4.
  for (const bool right : {true, false, true, false}) {
    const CalibrationFeedback f = calibrate(newbie, right);
    EXPECT_EQ(f.qualification.status, QualificationStatus::kInProgress);
  }
  EXPECT_EQ((*labelling_->Next(newbie, project_))->calibration->attempt, 2);
  QualificationStatus last = QualificationStatus::kInProgress;
  for (int i = 0; i < 4; ++i) last = calibrate(newbie, true).qualification.status;
  EXPECT_EQ(last, QualificationStatus::kPassed);
  // Qualified: ordinary work, no calibration, and the calibration answers do not count as
  // gold accuracy.
  const std::vector<int64_t> handed = Work(newbie, 5, [](int) { return true; });
  EXPECT_EQ(handed.size(), 5u);
  EXPECT_FALSE((*labelling_->Next(newbie, project_))->calibration.has_value());
  auto report = gold_->Report(project_);
  ASSERT_TRUE(report.ok());
  for (const AnnotatorGoldReport& a : report->annotators) {
    EXPECT_LT(a.standing.answers, 5) << "calibration answers counted as gold accuracy";
  }

  // Two failed attempts: refused from then on, with the figures.
  for (int i = 0; i < 8; ++i) calibrate(hopeless, false);
  auto closed = labelling_->Next(hopeless, project_);
  EXPECT_EQ(closed.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(closed.status().message().find("0 of 4"), std::string::npos)
      << closed.status().message();
  EXPECT_EQ(labelling_->Submit(hopeless, ordinary, early).status().code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace chorus::service
