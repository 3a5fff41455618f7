// Annotator wellbeing on a real SQLite store with a hand-driven clock: the exposure measure
// and decision as pure functions, then LabellingService::Next enforcing them (daily cap,
// session cap and the session gap that resets it, a forced break and its end, rotation, the
// opt-out, a disabled policy changing nothing, gold never revealed), and the manager's report.
#include "service/wellbeing_service.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "service/labelling_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;
using domain::WellbeingPolicy;
using store::SensitiveRule;
using store::WorkMark;

constexpr int64_t kWbMinute = kMsPerMinute;
constexpr int64_t kWbDay = 1'699'920'000'000;  // 2023-11-14 00:00 UTC.
constexpr int64_t kWbMorning = kWbDay + 8 * 60 * kWbMinute;

WellbeingPolicy EnabledPolicy() {
  WellbeingPolicy p;
  p.enabled = true;
  return p;
}

TEST(WellbeingDecisionTest, MeasuresTodaySessionRunAndBreaks) {
  WellbeingPolicy p = EnabledPolicy();
  p.break_after = 2;
  p.break_minutes = 15;
  p.session_gap_minutes = 30;
  const std::vector<WorkMark> work = {
      {kWbDay - 60 * kWbMinute, true},  // Yesterday: not today, another session.
      {kWbMorning, true},               // A run of two: a break was forced.
      {kWbMorning + 1 * kWbMinute, true},
      {kWbMorning + 20 * kWbMinute, false},  // After the break: ordinary.
      {kWbMorning + 21 * kWbMinute, true},   // A new run (the gap since the last was 20 minutes).
  };
  const Exposure e = MeasureExposure(work, p, kWbMorning + 22 * kWbMinute);
  EXPECT_EQ(e.today, 3);
  EXPECT_EQ(e.session, 3);  // The morning's gaps were all under 30 minutes.
  EXPECT_EQ(e.run, 1);
  EXPECT_EQ(e.breaks_today, 1);
  EXPECT_FALSE(e.break_until.has_value());
  EXPECT_EQ(e.ordinary_since_sensitive, 0);
  EXPECT_EQ(e.session_ends_at, kWbMorning + 51 * kWbMinute);
  // Rotation is due after the sensitive item.
  EXPECT_EQ(DecideWellbeing(e, p, false, kWbMorning + 22 * kWbMinute).rule,
            SensitiveRule::kOrdinaryFirst);
  // Half an hour later the session has ended and nothing is due.
  const Exposure later = MeasureExposure(work, p, kWbMorning + 51 * kWbMinute);
  EXPECT_EQ(later.session, 0);
  EXPECT_EQ(later.run, 0);
  EXPECT_EQ(later.today, 3);
  EXPECT_EQ(DecideWellbeing(later, p, false, kWbMorning + 51 * kWbMinute), WellbeingDecision{});
}

TEST(WellbeingDecisionTest, ReasonsComeInOrderAndADisabledPolicyAllowsAll) {
  Exposure e;
  e.today = 50;
  e.session = 20;
  e.break_until = kWbMorning + kWbMinute;
  WellbeingPolicy p = EnabledPolicy();
  WellbeingDecision d = DecideWellbeing(e, p, /*opted_out=*/true, kWbMorning);
  EXPECT_EQ(d.rule, SensitiveRule::kRefuse);
  EXPECT_EQ(d.reason, HoldReason::kOptedOut);
  EXPECT_FALSE(d.until.has_value());
  d = DecideWellbeing(e, p, false, kWbMorning);
  EXPECT_EQ(d.reason, HoldReason::kDailyCap);
  EXPECT_EQ(d.until, kWbDay + kMsPerDay);
  p.opt_out_allowed = false;  // An opt-out counts only while the policy allows it.
  EXPECT_EQ(DecideWellbeing(e, p, true, kWbMorning).reason, HoldReason::kDailyCap);
  e.today = 0;
  EXPECT_EQ(DecideWellbeing(e, p, false, kWbMorning).reason, HoldReason::kSessionCap);
  e.session = 0;
  d = DecideWellbeing(e, p, false, kWbMorning);
  EXPECT_EQ(d.reason, HoldReason::kBreak);
  EXPECT_EQ(d.until, kWbMorning + kWbMinute);
  p.enabled = false;
  EXPECT_EQ(DecideWellbeing(e, p, true, kWbMorning), WellbeingDecision{});
  EXPECT_EQ(UtcDayStart(kWbMorning), kWbDay);
  EXPECT_EQ(UtcDayStart(kWbDay), kWbDay);
}

class WellbeingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LabellingOptions options;
    options.random_seed = 7;
    labelling_ = std::make_unique<LabellingService>(
        *store_, [this] { return now_; }, options);
    wellbeing_ = std::make_unique<WellbeingService>(*store_, [this] { return now_; });
    manager_ = AddTestUser(*store_, "manager", Role::kManager, now_);
    ann_ = AddTestUser(*store_, "ann", Role::kAnnotator, now_);
    domain::Project project;
    project.name = "wellbeing";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("options":["positive","negative"]}]})";
    project.overlap = 1;
    project.gold.rate = 0;
    project.created_by = manager_.user_id;
    project.created_at = now_;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
  }

  // Adds tasks; sensitive ones get a higher priority, so they would come first.
  void AddTasks(int sensitive, int ordinary) {
    std::vector<domain::Task> batch;
    for (int i = 0; i < sensitive + ordinary; ++i) {
      domain::Task t;
      t.sensitive = i < sensitive;
      t.priority = t.sensitive ? 10 : 0;
      t.data = R"({"text":"item )" + std::to_string(next_item_++) + R"("})";
      t.created_at = now_;
      batch.push_back(t);
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    for (const int64_t id : inserted->task_ids) ids_.push_back(id);
  }

  void SetPolicy(const WellbeingPolicy& policy) {
    auto set = wellbeing_->SetPolicy(manager_, project_, policy);
    ASSERT_TRUE(set.ok()) << set.status().ToString();
  }

  // One step of the annotator's loop a minute after the last: "S" for a sensitive task they
  // labelled, "O" for an ordinary one, "-" for no task; hold_ says why when held back.
  std::string Step() {
    now_ += kWbMinute;
    auto next = labelling_->Next(ann_, project_, &hold_);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !next->has_value()) return "-";
    const domain::Task task = (*next)->task;
    Submission submission;
    submission.result = SentimentAnswer("positive");
    submission.idempotency_key = "k" + std::to_string(task.id);
    auto done = labelling_->Submit(ann_, task.id, submission);
    EXPECT_TRUE(done.ok()) << done.status().ToString();
    return task.sensitive ? "S" : "O";
  }
  std::string Steps(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += Step();
    return out;
  }

  ScratchStore store_;  // Declared first: destroyed after the services that use it.
  std::unique_ptr<LabellingService> labelling_;
  std::unique_ptr<WellbeingService> wellbeing_;
  int64_t now_ = kWbMorning;
  Principal manager_, ann_;
  int64_t project_ = 0;
  std::vector<int64_t> ids_;
  int next_item_ = 0;
  std::optional<WellbeingHold> hold_;
};

// A tiny policy with everything else out of the way: only the field under test binds.
WellbeingPolicy CapsOutOfTheWay() {
  WellbeingPolicy p = EnabledPolicy();
  p.daily_cap = 1000;
  p.session_cap = 1000;
  p.break_after = 1000;
  p.ordinary_between = 0;
  return p;
}

TEST_F(WellbeingServiceTest, ADisabledPolicyChangesNothing) {
  AddTasks(3, 1);
  WellbeingPolicy p = CapsOutOfTheWay();
  p.enabled = false;
  p.daily_cap = 1;
  p.session_cap = 1;
  p.break_after = 1;
  p.ordinary_between = 3;
  SetPolicy(p);
  EXPECT_EQ(Steps(5), "SSSO-");
  EXPECT_FALSE(hold_.has_value());
}

TEST_F(WellbeingServiceTest, TheDailyCapHoldsSensitiveWorkUntilMidnight) {
  AddTasks(5, 2);
  WellbeingPolicy p = CapsOutOfTheWay();
  p.daily_cap = 2;
  SetPolicy(p);
  EXPECT_EQ(Steps(4), "SSOO");  // Capped at two; ordinary work continues.
  EXPECT_EQ(Step(), "-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kDailyCap);
  EXPECT_EQ(hold_->until, kWbDay + kMsPerDay);
  now_ = kWbDay + kMsPerDay + 9 * 60 * kWbMinute;  // The next morning.
  EXPECT_EQ(Steps(3), "SS-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kDailyCap);
}

TEST_F(WellbeingServiceTest, TheSessionCapEndsWithTheSessionGap) {
  AddTasks(4, 1);
  WellbeingPolicy p = CapsOutOfTheWay();
  p.session_cap = 2;
  p.session_gap_minutes = 30;
  SetPolicy(p);
  EXPECT_EQ(Steps(4), "SSO-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kSessionCap);
  EXPECT_EQ(hold_->until, now_ - kWbMinute + 30 * kWbMinute);  // 30 minutes after the last label.
  now_ += 27 * kWbMinute;  // Asking 29 minutes after the last label: still the same session.
  EXPECT_EQ(Step(), "-");
  EXPECT_EQ(Steps(2), "SS");  // 30 minutes after it: a new session.
}

TEST_F(WellbeingServiceTest, ARunForcesABreakThatEndsOnTime) {
  AddTasks(5, 1);
  WellbeingPolicy p = CapsOutOfTheWay();
  p.break_after = 2;
  p.break_minutes = 15;
  SetPolicy(p);
  EXPECT_EQ(Steps(2), "SS");
  const int64_t last = now_;
  EXPECT_EQ(Step(), "O");  // Ordinary work continues during the break.
  EXPECT_EQ(Step(), "-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kBreak);
  EXPECT_EQ(hold_->until, last + 15 * kWbMinute);
  now_ = last + 13 * kWbMinute;
  EXPECT_EQ(Step(), "-");     // 14 minutes.
  EXPECT_EQ(Steps(2), "SS");  // 15 minutes: over; a new run of two.
  EXPECT_EQ(Step(), "-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kBreak);
}

TEST_F(WellbeingServiceTest, RotationServesOrdinaryItemsBetweenSensitiveOnes) {
  AddTasks(5, 3);
  WellbeingPolicy p = CapsOutOfTheWay();
  p.ordinary_between = 1;
  SetPolicy(p);
  EXPECT_EQ(Steps(8), "SOSOSOSS");  // Once ordinary work runs out, sensitive work goes on.
  p.ordinary_between = 2;
  SetPolicy(p);
  AddTasks(2, 4);
  EXPECT_EQ(Steps(7), "OOSOOS-");   // The last was sensitive: two ordinary first.
  EXPECT_FALSE(hold_.has_value());  // Nothing is held back: everything is done.
}

TEST_F(WellbeingServiceTest, AnOptOutLeavesOrdinaryWorkOnly) {
  AddTasks(2, 1);
  SetPolicy(CapsOutOfTheWay());
  auto mine = wellbeing_->SetOptOut(ann_, project_, true);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_TRUE(mine->standing.opted_out);
  EXPECT_EQ(mine->standing.decision.reason, HoldReason::kOptedOut);
  EXPECT_EQ(Steps(2), "O-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kOptedOut);
  EXPECT_FALSE(hold_->until.has_value());
  ASSERT_TRUE(wellbeing_->SetOptOut(ann_, project_, false).ok());
  EXPECT_EQ(Step(), "S");

  WellbeingPolicy strict = CapsOutOfTheWay();
  strict.opt_out_allowed = false;
  SetPolicy(strict);
  const auto refused = wellbeing_->SetOptOut(ann_, project_, true);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "opted_out");
  EXPECT_TRUE(wellbeing_->SetOptOut(ann_, project_, false).ok());  // Opting in always works.
}

TEST_F(WellbeingServiceTest, AHeldSensitiveTaskGoesBackAfterAnOptOut) {
  AddTasks(2, 0);
  SetPolicy(CapsOutOfTheWay());
  // Handed out before the opt-out, the task goes back to the queue rather than coming back.
  auto first = labelling_->Next(ann_, project_, &hold_);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_TRUE((*first)->task.sensitive);
  ASSERT_TRUE(wellbeing_->SetOptOut(ann_, project_, true).ok());
  auto again = labelling_->Next(ann_, project_, &hold_);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  auto held = store_->tasks().HoldsReservation((*first)->task.id, ann_.user_id, now_);
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(*held);
}

TEST_F(WellbeingServiceTest, GoldIsNeverRevealedByAHold) {
  AddTasks(2, 0);
  domain::GoldItem gold;
  gold.task_id = ids_[0];
  gold.reference = SentimentAnswer("positive");
  gold.created_by = manager_.user_id;
  gold.created_at = gold.updated_at = now_;
  ASSERT_TRUE(store_->gold().Put(gold).ok());
  WellbeingPolicy p = CapsOutOfTheWay();
  p.daily_cap = 1;
  SetPolicy(p);
  EXPECT_EQ(Step(), "S");  // The ordinary-queue sensitive task (ids_[1]); gold rate is 0.
  // Capped; the only sensitive work left is the gold item. The hold is reported all the same
  // (were it reported only while ordinary sensitive work remained, its absence would say that
  // the rest is gold).
  EXPECT_EQ(Step(), "-");
  ASSERT_TRUE(hold_.has_value());
  EXPECT_EQ(hold_->reason, HoldReason::kDailyCap);
}

TEST_F(WellbeingServiceTest, TheReportCountsExposurePerAnnotator) {
  AddTasks(3, 1);
  WellbeingPolicy p = CapsOutOfTheWay();
  p.break_after = 2;
  SetPolicy(p);
  const Principal bo = AddTestUser(*store_, "bo", Role::kAnnotator, now_);
  ASSERT_TRUE(wellbeing_->SetOptOut(bo, project_, true).ok());
  EXPECT_EQ(Steps(3), "SSO");
  auto report = wellbeing_->Report(project_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->policy.enabled);
  ASSERT_EQ(report->annotators.size(), 2u);
  const AnnotatorExposure& a = report->annotators[0];
  EXPECT_EQ(a.annotator_id, ann_.user_id);
  EXPECT_EQ(a.display_name, "ann");
  EXPECT_EQ(a.standing.exposure.today, 2);
  EXPECT_EQ(a.standing.exposure.session, 2);
  EXPECT_EQ(a.standing.exposure.run, 2);
  EXPECT_EQ(a.standing.exposure.breaks_today, 1);
  EXPECT_EQ(a.standing.decision.reason, HoldReason::kBreak);
  EXPECT_EQ(a.total_sensitive, 2);
  EXPECT_EQ(a.total_finished, 3);
  EXPECT_FALSE(a.standing.opted_out);
  const AnnotatorExposure& b = report->annotators[1];
  EXPECT_EQ(b.annotator_id, bo.user_id);
  EXPECT_TRUE(b.standing.opted_out);
  EXPECT_EQ(b.total_finished, 0);
  // Marking a task sensitive is audited and shows in the task.
  auto marked = wellbeing_->SetSensitive(manager_, ids_[3], true);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_TRUE(marked->sensitive);
  EXPECT_EQ(wellbeing_->SetSensitive(manager_, 999999, true).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service
