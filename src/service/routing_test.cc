// Dynamic overlap and tiers: the decision rule by hand (service/routing.h), then simulated
// annotators through the labelling service on a real SQLite store: agreeing labels finish a
// task at the overlap, a split asks for one more, a split at the maximum goes to adjudication,
// annotators with a gold record stop a task early, and tiers keep work from lower tiers.
#include "service/routing.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "service/gold_service.h"
#include "service/labelling_service.h"
#include "service/project_service.h"
#include "service/routing_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;
using domain::Tier;
using quality::SkilledVote;

TEST(DecideRoutingTest, FollowsTheRuleInOrder) {
  const domain::RoutingPolicy policy;  // agree_at .7, max 5, stop .95 from 2 labels, prior .7.
  auto decide = [&](int64_t labels, std::vector<SkilledVote> votes,
                    std::optional<int64_t> wanted = std::nullopt) {
    return DecideRouting(policy, 3, wanted, labels, votes, 2);
  };
  // Two agreeing voters at 0.7: posterior .49/(.49+.09) = .845, below .95: wait for the third.
  RoutingDecision d = decide(2, {{0, 0.7}, {0, 0.7}});
  EXPECT_EQ(d.action, RoutingAction::kWait);
  EXPECT_NEAR(d.confidence, 0.49 / 0.58, 1e-12);
  // Two agreeing voters at 0.95: .9025/(.9025+.0025) = .997: enough at two.
  d = decide(2, {{1, 0.95}, {1, 0.95}});
  EXPECT_EQ(d.action, RoutingAction::kEnough);
  EXPECT_EQ(d.wanted, 2);
  // Three unanimous at 0.7 (.927 < .95) agree by share.
  d = decide(3, {{0, 0.7}, {0, 0.7}, {0, 0.7}});
  EXPECT_EQ(d.action, RoutingAction::kEnough);
  EXPECT_EQ(d.wanted, 3);
  // 2 of 3 is 67% < 70%: one more.
  d = decide(3, {{0, 0.7}, {1, 0.7}, {0, 0.7}});
  EXPECT_EQ(d.action, RoutingAction::kWantMore);
  EXPECT_EQ(d.wanted, 4);
  EXPECT_NEAR(d.agreement, 2.0 / 3, 1e-12);
  // 3 of 4 is 75%: enough.
  d = decide(4, {{0, 0.7}, {1, 0.7}, {0, 0.7}, {0, 0.7}}, 4);
  EXPECT_EQ(d.action, RoutingAction::kEnough);
  // 3 of 5 at the maximum: escalate, with the figures in the reason.
  d = decide(5, {{0, 0.7}, {1, 0.7}, {0, 0.7}, {1, 0.7}, {0, 0.7}}, 5);
  EXPECT_EQ(d.action, RoutingAction::kEscalate);
  EXPECT_EQ(d.wanted, 5);
  EXPECT_NE(d.reason.find("5 labels, 60% agree"), std::string::npos) << d.reason;
  // Labels that do not answer the control count as labels, not as votes.
  d = decide(3, {});
  EXPECT_EQ(d.action, RoutingAction::kWantMore);
}

TEST(DecideRoutingTest, EarlyStopsRespectTheirSettings) {
  domain::RoutingPolicy policy;
  const std::vector<SkilledVote> sure = {{1, 0.95}, {1, 0.95}};
  policy.stop_confidence = 1;  // Never stop early.
  EXPECT_EQ(DecideRouting(policy, 3, std::nullopt, 2, sure, 2).action, RoutingAction::kWait);
  policy.stop_confidence = 0.95;
  policy.min_labels = 3;
  EXPECT_EQ(DecideRouting(policy, 3, std::nullopt, 2, sure, 2).action, RoutingAction::kWait);
}

TEST(DecideRoutingTest, AmbiguousVotesCountAsDisagreement) {
  const domain::RoutingPolicy policy;
  // One "positive" and two "ambiguous": 1 of 3 agree, not 1 of 1.
  RoutingDecision d = DecideRouting(policy, 3, std::nullopt, 3, {{0, 0.7}}, 2, 2);
  EXPECT_EQ(d.action, RoutingAction::kWantMore);
  EXPECT_NEAR(d.agreement, 1.0 / 3, 1e-12);
  EXPECT_NE(d.reason.find("2 ambiguous"), std::string::npos) << d.reason;
  // Everyone says ambiguous: no agreement on an option; at the maximum it escalates.
  d = DecideRouting(policy, 3, 5, 5, {}, 2, 5);
  EXPECT_EQ(d.action, RoutingAction::kEscalate);
  EXPECT_EQ(d.agreement, 0);
  // Skilled voters would stop early, but an ambiguous vote keeps the task open.
  const std::vector<SkilledVote> sure = {{1, 0.95}, {1, 0.95}};
  EXPECT_EQ(DecideRouting(policy, 3, std::nullopt, 2, sure, 2).action, RoutingAction::kEnough);
  EXPECT_EQ(DecideRouting(policy, 4, std::nullopt, 3, sure, 2, 1).action, RoutingAction::kWait);
}

class RoutingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    labelling_ = std::make_unique<LabellingService>(*store_, [this] { return now_; });
    routing_ = std::make_unique<RoutingService>(*store_, [this] { return now_; });
    manager_ = AddUser("manager", Role::kManager);
  }

  Principal AddUser(const std::string& name, Role role = Role::kAnnotator,
                    Tier tier = Tier::kCrowd) {
    return AddTestUser(*store_, name, role, now_, tier);
  }

  // A sentiment project with dynamic overlap (overlap 3) and `tasks` tasks.
  void MakeProject(int tasks, domain::RoutingPolicy routing, int gold = 0) {
    domain::Project project;
    project.name = "sentiment";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("ambiguous":true,"options":["positive","negative"]}]})";
    project.overlap = 3;
    project.routing = routing;
    project.gold.rate = 0;  // Gold is answered on purpose below, never offered.
    project.gold.pause_below = 0;
    project.created_by = manager_.user_id;
    project.created_at = now_;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(tasks + gold);
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].data = R"({"text":"item )" + std::to_string(i) + R"("})";
      batch[i].priority = static_cast<int64_t>(i) < gold ? 0 : 1;  // Gold last in the queue.
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    task_ids_ = inserted->task_ids;
    GoldService gold_service(*store_, [this] { return now_; });
    for (int i = 0; i < gold; ++i) {
      GoldInput input;
      input.reference = SentimentAnswer("positive");
      input.rationale = "it says so";
      ASSERT_TRUE(gold_service.Put(manager_, task_ids_[i], input).ok());
    }
  }

  // `who` takes the next task, which must be `task`, and answers `option`.
  void Label(const Principal& who, int64_t task, const std::string& option) {
    auto next = labelling_->Next(who, project_);
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    ASSERT_TRUE(next->has_value());
    ASSERT_EQ((*next)->task.id, task);
    Submit(who, task, option);
  }
  void Submit(const Principal& who, int64_t task, const std::string& option) {
    Submission s;
    s.result =
        option == kAmbiguous ? R"({"sentiment":{"ambiguous":true}})" : SentimentAnswer(option);
    s.idempotency_key = "k" + std::to_string(task);
    auto submitted = labelling_->Submit(who, task, s);
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  }
  bool NothingLeftFor(const Principal& who) {
    auto next = labelling_->Next(who, project_);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    return next.ok() && !next->has_value();
  }

  static domain::RoutingPolicy Dynamic(int64_t max_overlap) {
    domain::RoutingPolicy policy;
    policy.dynamic = true;
    policy.max_overlap = max_overlap;
    return policy;
  }

  static constexpr const char* kAmbiguous = "(ambiguous)";  // Label() answers "ambiguous".

  ScratchStore store_;
  std::unique_ptr<LabellingService> labelling_;
  std::unique_ptr<RoutingService> routing_;
  int64_t now_ = 1'700'000'000'000;
  Principal manager_;
  int64_t project_ = 0;
  std::vector<int64_t> task_ids_;
};

TEST_F(RoutingServiceTest, AgreeingLabelsFinishATaskAtTheOverlap) {
  MakeProject(1, Dynamic(5));
  const int64_t task = task_ids_[0];
  for (const char* name : {"a", "b", "c"}) Label(AddUser(name), task, "positive");
  EXPECT_TRUE(NothingLeftFor(AddUser("d")));
  const RoutingReport report = *routing_->Report(project_);
  EXPECT_EQ(report.tally.finished, 1);
  EXPECT_EQ(report.labels_saved, 0);
}

TEST_F(RoutingServiceTest, ASplitAsksForOneMoreLabelThenSettles) {
  MakeProject(1, Dynamic(5));
  const int64_t task = task_ids_[0];
  Label(AddUser("a"), task, "positive");
  Label(AddUser("b"), task, "negative");
  Label(AddUser("c"), task, "positive");
  EXPECT_EQ(routing_->Task(task)->wanted, 4);
  Label(AddUser("d"), task, "positive");  // 3 of 4 agree.
  EXPECT_TRUE(NothingLeftFor(AddUser("e")));
  const RoutingReport report = *routing_->Report(project_);
  EXPECT_EQ(report.tally.asked_more, 1);
  EXPECT_EQ(report.labels_saved, -1);  // One label more than fixed overlap.
  EXPECT_EQ(report.tally.escalated, 0);
}

TEST_F(RoutingServiceTest, ASplitAtTheMaximumGoesToAdjudication) {
  MakeProject(1, Dynamic(4));
  const int64_t task = task_ids_[0];
  Label(AddUser("a"), task, "positive");
  Label(AddUser("b"), task, "negative");
  Label(AddUser("c"), task, "positive");
  Label(AddUser("d"), task, "negative");
  EXPECT_TRUE(NothingLeftFor(AddUser("e")));
  const TaskRoutingView view = *routing_->Task(task);
  ASSERT_TRUE(view.adjudication.has_value());
  EXPECT_EQ(view.adjudication->labels, 4);
  EXPECT_NE(view.adjudication->reason.find("50% agree"), std::string::npos);
  EXPECT_EQ(routing_->Report(project_)->tally.escalated, 1);
}

TEST_F(RoutingServiceTest, ManyAmbiguousVotesEscalateInsteadOfSettling) {
  MakeProject(1, Dynamic(4));
  const int64_t task = task_ids_[0];
  Label(AddUser("a"), task, "positive");
  Label(AddUser("b"), task, kAmbiguous);
  Label(AddUser("c"), task, kAmbiguous);
  // Left out, the ambiguous votes would make "positive" unanimous; counted, 1 of 3 agree.
  EXPECT_EQ(routing_->Task(task)->wanted, 4);
  Label(AddUser("d"), task, "positive");
  EXPECT_TRUE(NothingLeftFor(AddUser("e")));
  const TaskRoutingView view = *routing_->Task(task);
  ASSERT_TRUE(view.adjudication.has_value());
  EXPECT_NE(view.adjudication->reason.find("50% agree"), std::string::npos)
      << view.adjudication->reason;
  EXPECT_NE(view.adjudication->reason.find("2 ambiguous"), std::string::npos);
}

TEST_F(RoutingServiceTest, AnnotatorsWithAGoldRecordStopATaskEarly) {
  MakeProject(1, Dynamic(5), /*gold=*/10);
  const int64_t task = task_ids_[10];
  // Reviewers label any task without its being handed to them: the quick way to a gold record.
  const Principal x = AddUser("x", Role::kReviewer), y = AddUser("y", Role::kReviewer);
  // Ten right gold answers each: skill (10 + 2·0.7) / 12 = .95; two agreeing give .997.
  for (int i = 0; i < 10; ++i) {
    Submit(x, task_ids_[i], "positive");
    Submit(y, task_ids_[i], "positive");
  }
  Label(x, task, "negative");
  Label(y, task, "negative");
  EXPECT_TRUE(NothingLeftFor(AddUser("z")));
  const RoutingReport report = *routing_->Report(project_);
  EXPECT_EQ(report.tally.stopped_early, 1);
  EXPECT_EQ(report.labels_saved, 1);
  // Newcomers at the prior (0.7) would not have stopped it: the same two answers from them
  // leave the task open.
  MakeProject(1, Dynamic(5));
  Label(AddUser("n1"), task_ids_[0], "negative");
  Label(AddUser("n2"), task_ids_[0], "negative");
  EXPECT_EQ(routing_->Task(task_ids_[0])->wanted, 3);
}

TEST_F(RoutingServiceTest, AnEarlyStopKeepsRoomForWorkInProgress) {
  MakeProject(1, Dynamic(5), /*gold=*/10);
  const int64_t task = task_ids_[10];
  const Principal x = AddUser("x", Role::kReviewer), y = AddUser("y", Role::kReviewer),
                  z = AddUser("z");
  for (int i = 0; i < 10; ++i) {
    Submit(x, task_ids_[i], "positive");
    Submit(y, task_ids_[i], "positive");
  }
  Label(x, task, "negative");
  auto held = labelling_->Next(z, project_);  // z is labelling it when y's label settles it.
  ASSERT_TRUE(held.ok() && held->has_value());
  Label(y, task, "negative");
  Submit(z, task, "negative");  // Not refused: the early stop left z's slot.
  EXPECT_TRUE(NothingLeftFor(AddUser("w")));
  EXPECT_EQ(routing_->Task(task)->routing.submitted, 3);
}

TEST_F(RoutingServiceTest, TiersKeepWorkFromLowerTiers) {
  domain::RoutingPolicy routing;
  routing.required_tier = Tier::kExpert;
  MakeProject(2, routing);
  const Principal crowd = AddUser("crowd");
  auto refused = labelling_->Next(crowd, project_);
  ASSERT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.status().field(), "tier");
  EXPECT_NE(refused.status().message().find("needs expert"), std::string::npos);

  ASSERT_TRUE(routing_->SetTaskTier(manager_, task_ids_[0], Tier::kGoldMaker).ok());
  const Principal expert = AddUser("expert", Role::kAnnotator, Tier::kExpert);
  Label(expert, task_ids_[1], "positive");  // The gold-maker task is skipped.
  Submission s;
  s.result = SentimentAnswer("positive");
  s.idempotency_key = "direct";
  auto direct = labelling_->Submit(expert, task_ids_[0], s);
  EXPECT_EQ(direct.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(direct.status().field(), "tier");
  Label(AddUser("maker", Role::kAnnotator, Tier::kGoldMaker), task_ids_[0], "positive");
}

TEST_F(RoutingServiceTest, DynamicOverlapNeedsASingleChoiceControl) {
  ProjectService projects(*store_, [this] { return now_; });
  domain::Project project;
  project.name = "free text";
  project.label_interface = R"({"controls":[{"type":"text","name":"summary","to":"text"}]})";
  project.routing = Dynamic(5);
  auto created = projects.Create(manager_, project);
  EXPECT_EQ(created.status().field(), "routing.control");
  project.routing.dynamic = false;
  EXPECT_TRUE(projects.Create(manager_, project).ok());
}

}  // namespace
}  // namespace chorus::service
