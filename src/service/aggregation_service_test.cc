// Stored aggregates on a real SQLite store: simulated annotators of known skill (a careful one
// at 95%, a hurried one at 75%, and a spammer who answers at random) show Dawid-Skene
// beating majority vote on the hard label and the spammer's dissent barely moving the
// posterior; gold tasks are clamped to their reference; an annotator paused by gold accuracy
// is left out; an adjudicator's decision overrides inference; a project without a
// single-choice control is refused; a run through the job runner completes.
#include "service/aggregation_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "service/job_progress_for_test.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::AggregateSource;
using domain::Role;
using quality::TruthMethod;

constexpr char kSentimentInterface[] =
    R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
    R"("options":["positive","negative"]}]})";

class AggregationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = AddTestUser(*store_, "owner", Role::kManager, kTestNow).user_id;
  }

  void MakeProject(int tasks, const std::string& label_interface = kSentimentInterface,
                   const domain::GoldPolicy& gold = {}) {
    domain::Project project;
    project.name = "aggregates";
    project.label_interface = label_interface;
    project.overlap = 3;
    project.gold = gold;
    project.created_by = owner_;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(tasks);
    for (auto& t : batch) {
      t.data = R"({"text":"x"})";
      t.created_at = kTestNow;
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    tasks_ = inserted->task_ids;
  }

  int64_t Annotator(const std::string& name) {
    return AddTestUser(*store_, name, Role::kAnnotator, kTestNow).user_id;
  }

  void Label(int64_t who, size_t task, const std::string& option) {
    domain::Annotation a;
    a.project_id = project_;
    a.task_id = tasks_.at(task);
    a.annotator_id = who;
    a.result = SentimentAnswer(option);
    a.created_at = a.updated_at = kTestNow;
    auto submitted = store_->annotations().Submit(a);
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  }

  void MarkGold(size_t task, const std::string& option) {
    domain::GoldItem item;
    item.task_id = tasks_.at(task);
    item.reference = SentimentAnswer(option);
    item.created_by = owner_;
    item.created_at = item.updated_at = kTestNow;
    auto put = store_->gold().Put(item);
    ASSERT_TRUE(put.ok()) << put.status().ToString();
  }

  AggregationSummary Run(TruthMethod method) {
    auto summary = service_.Run(project_, method);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : AggregationSummary{};
  }

  domain::TaskAggregate Stored(size_t task) {
    auto got = service_.ForTask(tasks_.at(task));
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : domain::TaskAggregate{};
  }

  Principal Manager() const {
    Principal manager;
    manager.user_id = owner_;
    manager.role = Role::kManager;
    return manager;
  }

  ScratchStore store_;
  std::shared_ptr<JobRunner> runner_ = std::make_shared<JobRunner>([] { return kTestNow; });
  AggregationService service_{*store_, runner_, [] { return kTestNow; }};
  int64_t owner_ = 0;
  int64_t project_ = 0;
  std::vector<int64_t> tasks_;
};

TEST_F(AggregationServiceTest, DawidSkeneBeatsMajorityVoteAndDiscountsTheSpammer) {
  constexpr int kTasks = 200;
  MakeProject(kTasks);
  const int64_t careful = Annotator("careful"), hurried = Annotator("hurried");
  const int64_t spammer = Annotator("spammer");
  std::mt19937 random(7);
  std::bernoulli_distribution coin(0.5), right95(0.95), right75(0.75);
  std::vector<std::string> truth(kTasks);
  std::vector<bool> spammer_alone(kTasks);  // The two good annotators agree, the spammer not.
  std::vector<std::string> good(kTasks);    // What the good two said where they agree.
  const auto flip = [](const std::string& o) { return o == "positive" ? "negative" : "positive"; };
  for (int i = 0; i < kTasks; ++i) {
    truth[i] = coin(random) ? "positive" : "negative";
    const std::string c = right95(random) ? truth[i] : flip(truth[i]);
    const std::string h = right75(random) ? truth[i] : flip(truth[i]);
    Label(careful, i, c);
    Label(hurried, i, h);
    const std::string s = coin(random) ? "positive" : "negative";
    Label(spammer, i, s);
    spammer_alone[i] = c == h && s != c;
    good[i] = c;
  }
  const auto correct = [&] {
    int n = 0;
    for (int i = 0; i < kTasks; ++i) n += Stored(i).label == truth[i];
    return n;
  };

  const AggregationSummary mv = Run(TruthMethod::kMajorityVote);
  EXPECT_EQ(mv.tasks, kTasks);
  EXPECT_EQ(mv.votes, 3 * kTasks);
  const int mv_correct = correct();
  std::vector<double> mv_confidence;
  for (int i = 0; i < kTasks; ++i) {
    if (spammer_alone[i]) mv_confidence.push_back(Stored(i).confidence);
  }

  const AggregationSummary ds = Run(TruthMethod::kDawidSkene);
  EXPECT_EQ(ds.method, "ds");
  EXPECT_EQ(ds.inferred, kTasks);
  const int ds_correct = correct();
  // When the good two disagree, majority vote follows the spammer's coin; Dawid-Skene
  // learns the spammer says nothing and trusts the careful annotator.
  EXPECT_GT(ds_correct, mv_correct + 10) << "ds " << ds_correct << ", mv " << mv_correct;

  ASSERT_FALSE(mv_confidence.empty());
  size_t k = 0;
  for (int i = 0; i < kTasks; ++i) {
    if (!spammer_alone[i]) continue;
    const domain::TaskAggregate row = Stored(i);
    EXPECT_NEAR(mv_confidence[k++], 2.0 / 3.0, 1e-9);  // Majority vote counts the spammer fully.
    EXPECT_GT(row.confidence, 0.9) << "task " << i;    // Dawid-Skene hardly hears them.
    EXPECT_EQ(row.label, good[i]);
    const nlohmann::json shares = nlohmann::json::parse(row.distribution);
    EXPECT_NEAR(shares[good[i]].get<double>(), 2.0 / 3.0, 1e-9);  // Raw votes kept as cast.
    EXPECT_EQ(row.source, AggregateSource::kInferred);
    EXPECT_EQ(row.votes, 3);
  }
}

TEST_F(AggregationServiceTest, AmbiguousAnswersAreACategoryOfTheirOwn) {
  MakeProject(1, R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                 R"("options":["positive","negative"],"ambiguous":true}]})");
  const int64_t a = Annotator("a"), b = Annotator("b"), c = Annotator("c");
  for (int64_t who : {a, b}) {
    domain::Annotation answer;
    answer.project_id = project_;
    answer.task_id = tasks_.at(0);
    answer.annotator_id = who;
    answer.result = R"({"sentiment":{"ambiguous":true}})";
    answer.created_at = answer.updated_at = kTestNow;
    ASSERT_TRUE(store_->annotations().Submit(answer).ok());
  }
  Label(c, 0, "positive");
  EXPECT_EQ(Run(TruthMethod::kMajorityVote).votes, 3);
  const domain::TaskAggregate stored = Stored(0);
  EXPECT_EQ(stored.label, domain::kAmbiguousCategory);  // Most said the item is ambiguous.
  EXPECT_NEAR(stored.confidence, 2.0 / 3, 1e-9);
}

TEST_F(AggregationServiceTest, GoldTasksAreClampedToTheirReference) {
  MakeProject(4);
  const int64_t a = Annotator("a"), b = Annotator("b"), c = Annotator("c");
  for (size_t t = 0; t < 4; ++t) {
    for (int64_t who : {a, b, c}) Label(who, t, "positive");
  }
  MarkGold(0, "negative");  // Everyone was wrong on it: gold says so.
  // Majority vote: on four tasks Dawid-Skene would rightly learn from the one gold item that
  // these annotators' "positive" means "negative".
  const AggregationSummary summary = Run(TruthMethod::kMajorityVote);
  EXPECT_EQ(summary.gold_clamped, 1);
  EXPECT_EQ(Stored(0).label, "negative");
  EXPECT_NEAR(Stored(0).confidence, 1.0, 1e-9);
  EXPECT_EQ(Stored(1).label, "positive");
}

TEST_F(AggregationServiceTest, AnnotatorsPausedByGoldAccuracyAreLeftOut) {
  domain::GoldPolicy gold;
  gold.min_answers = 2;
  gold.warn_below = 0.9;
  gold.pause_below = 0.7;
  MakeProject(4, kSentimentInterface, gold);
  const int64_t a = Annotator("a"), b = Annotator("b"), paused = Annotator("paused");
  MarkGold(0, "positive");
  MarkGold(1, "positive");
  for (size_t t = 0; t < 4; ++t) {
    Label(a, t, "positive");
    Label(b, t, "positive");
    Label(paused, t, "negative");  // Wrong on both gold items: accuracy 0, paused.
  }
  const AggregationSummary summary = Run(TruthMethod::kMajorityVote);
  EXPECT_EQ(summary.excluded_annotators, 1);
  EXPECT_EQ(summary.votes, 8);
  const domain::TaskAggregate row = Stored(3);
  EXPECT_EQ(row.votes, 2);
  EXPECT_EQ(row.label, "positive");
  EXPECT_NEAR(row.confidence, 1.0, 1e-9);
  EXPECT_NEAR(nlohmann::json::parse(row.distribution)["negative"].get<double>(), 0.0, 1e-12);
}

TEST_F(AggregationServiceTest, AdjudicatedTasksTakeTheAdjudicatorsLabel) {
  MakeProject(3);
  const int64_t a = Annotator("a"), b = Annotator("b");
  const int64_t expert =
      AddTestUser(*store_, "expert", Role::kAnnotator, kTestNow, domain::Tier::kExpert).user_id;
  Label(a, 0, "positive");
  Label(b, 0, "negative");
  Label(a, 1, "positive");  // One vote only.
  domain::Adjudication opened;
  opened.task_id = tasks_[0];
  opened.reason = "split";
  opened.opened_at = kTestNow;
  auto escalated = store_->adjudications().Escalate(opened, 2);
  ASSERT_TRUE(escalated.ok() && *escalated) << escalated.status().ToString();
  ASSERT_TRUE(store_->adjudications()
                  .Decide(tasks_[0], expert, SentimentAnswer("negative"), "sarcasm", kTestNow)
                  .ok());
  const AggregationSummary summary = Run(TruthMethod::kDawidSkene);
  EXPECT_EQ(summary.adjudicated, 1);
  EXPECT_EQ(summary.single, 1);
  EXPECT_EQ(summary.no_votes, 1);
  const domain::TaskAggregate decided = Stored(0);
  EXPECT_EQ(decided.source, AggregateSource::kAdjudicated);
  EXPECT_EQ(decided.label, "negative");
  EXPECT_EQ(decided.confidence, 1.0);
  EXPECT_EQ(decided.votes, 2);  // The votes are still counted and shown.
  EXPECT_EQ(Stored(1).source, AggregateSource::kSingle);
  EXPECT_EQ(Stored(1).label, "positive");
  const domain::TaskAggregate none = Stored(2);
  EXPECT_EQ(none.label, std::nullopt);
  EXPECT_EQ(none.votes, 0);
  EXPECT_TRUE(none.ambiguous);
}

TEST_F(AggregationServiceTest, ProjectWithoutASingleChoiceControlIsRefused) {
  MakeProject(1, R"({"controls":[{"type":"choices","name":"topics","to":"text","multiple":true,)"
                 R"("options":["a","b"]}]})");
  auto refused = service_.Run(project_, TruthMethod::kDawidSkene);
  ASSERT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "control");
  EXPECT_NE(refused.status().message().find("single-choice"), std::string::npos);
  EXPECT_EQ(service_.Start(Manager(), project_, TruthMethod::kDawidSkene).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(AggregationServiceTest, ARunAsAJobCompletesWithItsSummary) {
  MakeProject(2);
  const int64_t a = Annotator("a"), b = Annotator("b");
  for (size_t t = 0; t < 2; ++t) {
    Label(a, t, "negative");
    Label(b, t, "negative");
  }
  auto job = service_.Start(Manager(), project_, TruthMethod::kDawidSkene);
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  EXPECT_EQ(job->kind, "aggregate");
  std::optional<Job> now = runner_->Get(job->id);
  for (int i = 0; i < 500 && now && now->state == JobState::kRunning; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    now = runner_->Get(job->id);
  }
  ASSERT_TRUE(now.has_value());
  ASSERT_EQ(now->state, JobState::kSucceeded) << now->error;
  const nlohmann::json manifest = nlohmann::json::parse(now->manifest);
  EXPECT_EQ(manifest["tasks"], 2);
  EXPECT_EQ(manifest["inferred"], 2);
  EXPECT_EQ(Stored(1).label, "negative");
}

// A cancelled run stops before it writes: the project keeps no aggregate.
TEST_F(AggregationServiceTest, ACancelledRunStoresNothing) {
  MakeProject(2);
  const int64_t a = Annotator("a"), b = Annotator("b");
  for (size_t t = 0; t < 2; ++t) {
    Label(a, t, "negative");
    Label(b, t, "negative");
  }
  CancelledProgress cancelled;
  EXPECT_EQ(service_.Run(project_, TruthMethod::kMajorityVote, &cancelled).status().message(),
            "cancelled by its owner");
  EXPECT_EQ(service_.ForTask(tasks_.at(0)).status().code(), StatusCode::kNotFound);

  // Where it may stop: after each page of labels read (one here), and before the write.
  struct CountingProgress : JobProgress {
    void SetTotal(int64_t) override {}
    void SetDone(int64_t) override {}
    Status CheckCancel() const override {
      ++checks;
      return Status::Ok();
    }
    mutable int checks = 0;
  } counting;
  ASSERT_TRUE(service_.Run(project_, TruthMethod::kMajorityVote, &counting).ok());
  EXPECT_EQ(counting.checks, 2);
}

}  // namespace
}  // namespace chorus::service
