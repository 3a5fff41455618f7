// The pay report on a real SQLite store, with hand-checked cents: two annotators paid by the
// hour (one at their tier's rate, one at their own rate because the tier's is 0), one under
// the floor; a per-task project over budget, with and without paying skips; an annotator with
// no active time (no hourly pay, never NaN); and the rounding of the two helpers.
#include "service/pay_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::AnnotationState;
using domain::PayMode;
using domain::ReviewVerdict;
using domain::Role;
using domain::Tier;

constexpr int64_t kMinute = 60'000;

class PayServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = AddTestUser(*store_, "owner", Role::kManager, kTestNow).user_id;
  }

  int64_t AddUser(const std::string& name, Tier tier, std::optional<int64_t> own_rate = {}) {
    domain::User user;
    user.email = name + "@example.org";
    user.display_name = name;
    user.role = Role::kAnnotator;
    user.tier = tier;
    user.pay_rate_cents_per_hour = own_rate;
    user.created_at = kTestNow;
    auto created = store_->users().Create(user);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  void MakeProject(const domain::PayPolicy& pay, int tasks = 6) {
    domain::Project project;
    project.name = "pay";
    project.pay = pay;
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

  // `who` labels task number `task` with `active_ms` of active time; returns the annotation id.
  int64_t Label(int64_t who, size_t task, int64_t active_ms,
                AnnotationState state = AnnotationState::kSubmitted) {
    domain::Annotation a;
    a.project_id = project_;
    a.task_id = tasks_.at(task);
    a.annotator_id = who;
    a.state = state;
    a.result = state == AnnotationState::kSubmitted ? R"({"label":"x"})" : "{}";
    a.active_time_ms = active_ms;
    a.lead_time_ms = active_ms * 2;
    a.created_at = a.updated_at = kTestNow;
    auto submitted = store_->annotations().Submit(a);
    EXPECT_TRUE(submitted.ok()) << submitted.status().ToString();
    return submitted.ok() ? submitted->annotation.id : 0;
  }

  void Review(int64_t annotation, ReviewVerdict verdict) {
    domain::Review r;
    r.annotation_id = annotation;
    r.reviewer_id = owner_;
    r.verdict = verdict;
    if (verdict == ReviewVerdict::kRejected) r.comment = "no";
    r.created_at = kTestNow;
    auto added = store_->annotations().AddReview(r);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
  }

  PayReport Report() {
    auto report = PayService(*store_).Report(project_);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : PayReport{};
  }

  ScratchStore store_;
  int64_t owner_ = 0;
  int64_t project_ = 0;
  std::vector<int64_t> tasks_;
};

TEST_F(PayServiceTest, PerHourPaysActiveTimeAtTheTierRateOrTheAnnotatorsOwn) {
  domain::PayPolicy pay;
  pay.mode = PayMode::kPerHour;
  pay.rates = {1800, 0, 0};  // Crowd 18.00 an hour; experts at their own rate.
  pay.floor_cents_per_hour = 2000;
  MakeProject(pay);
  const int64_t ann = AddUser("Ann", Tier::kCrowd, 9999);  // Own rate unused: the tier has one.
  const int64_t bob = AddUser("Bob", Tier::kExpert, 3000);
  // Ann: 30 + 15 active minutes = 0.75 h x 18.00 = 13.50. Bob: 20 minutes x 30.00 = 10.00.
  const int64_t a1 = Label(ann, 0, 30 * kMinute);
  Label(ann, 1, 15 * kMinute);
  const int64_t b1 = Label(bob, 0, 20 * kMinute);
  Review(a1, ReviewVerdict::kAccepted);
  Review(b1, ReviewVerdict::kRejected);

  const PayReport report = Report();
  ASSERT_EQ(report.annotators.size(), 2u);
  const AnnotatorPay& a = report.annotators[0];
  EXPECT_EQ(a.display_name, "Ann");
  EXPECT_EQ(a.rate_cents, 1800);
  EXPECT_EQ(a.earned_cents, 1350);
  EXPECT_EQ(a.effective_cents_per_hour, 1800);
  EXPECT_TRUE(a.below_floor);
  EXPECT_EQ(a.work.accepted, 1);
  const AnnotatorPay& b = report.annotators[1];
  EXPECT_EQ(b.tier, Tier::kExpert);
  EXPECT_EQ(b.rate_cents, 3000);
  EXPECT_EQ(b.earned_cents, 1000);
  EXPECT_EQ(b.effective_cents_per_hour, 3000);
  EXPECT_FALSE(b.below_floor);
  EXPECT_EQ(b.work.rejected, 1);

  EXPECT_EQ(report.spent_cents, 2350);
  EXPECT_EQ(report.submitted, 3);
  EXPECT_EQ(report.accepted, 1);
  EXPECT_EQ(report.remaining_cents, std::nullopt);  // No budget.
  EXPECT_DOUBLE_EQ(*report.cost_per_submitted_cents, 2350.0 / 3);
  EXPECT_DOUBLE_EQ(*report.cost_per_accepted_cents, 2350.0);
  ASSERT_EQ(report.alerts.size(), 1u);
  EXPECT_EQ(report.alerts[0], "Ann (user " + std::to_string(ann) +
                                  ") earns 18.00 per active hour, under the floor of 20.00");
}

TEST_F(PayServiceTest, PerTaskOverBudgetAlertsAndPaysSkipsOnlyWhenAsked) {
  domain::PayPolicy pay;
  pay.mode = PayMode::kPerTask;
  pay.rates = {50, 0, 0};  // 0.50 a label.
  pay.budget_cents = 100;
  pay.floor_cents_per_hour = 1200;
  MakeProject(pay);
  const int64_t ann = AddUser("Ann", Tier::kCrowd);
  for (size_t t = 0; t < 3; ++t) Label(ann, t, kMinute);
  Label(ann, 3, kMinute, AnnotationState::kSkipped);
  // 3 labels x 0.50 = 1.50 over 4 active minutes: 22.50 an hour.
  PayReport report = Report();
  ASSERT_EQ(report.annotators.size(), 1u);
  EXPECT_EQ(report.annotators[0].paid_units, 3);
  EXPECT_EQ(report.annotators[0].earned_cents, 150);
  EXPECT_EQ(report.annotators[0].effective_cents_per_hour, 2250);
  EXPECT_FALSE(report.annotators[0].below_floor);
  EXPECT_EQ(report.remaining_cents, -50);
  EXPECT_EQ(report.cost_per_accepted_cents, std::nullopt);
  EXPECT_EQ(report.cost_per_accepted_reason, "no label has been accepted in review yet");
  ASSERT_EQ(report.alerts.size(), 1u);
  EXPECT_EQ(report.alerts[0], "spent 1.50 of a budget of 1.00: 0.50 over");

  // Paying skips: 4 x 0.50 = 2.00, 1.00 over.
  auto project = store_->projects().Get(project_);
  ASSERT_TRUE(project.ok());
  project->pay.pay_skipped = true;
  ASSERT_TRUE(store_->projects().Update(*project).ok());
  report = Report();
  EXPECT_EQ(report.annotators[0].earned_cents, 200);
  EXPECT_EQ(report.remaining_cents, -100);
}

TEST_F(PayServiceTest, NoActiveTimeHasNoHourlyPayAndNoFloorAlert) {
  domain::PayPolicy pay;
  pay.mode = PayMode::kPerTask;
  pay.rates = {25, 0, 0};
  MakeProject(pay);
  const int64_t ann = AddUser("Ann", Tier::kCrowd);
  Label(ann, 0, 0);
  const PayReport report = Report();
  ASSERT_EQ(report.annotators.size(), 1u);
  EXPECT_EQ(report.annotators[0].earned_cents, 25);
  EXPECT_EQ(report.annotators[0].effective_cents_per_hour, std::nullopt);
  EXPECT_NE(report.annotators[0].effective_reason, "");
  EXPECT_FALSE(report.annotators[0].below_floor);
  EXPECT_TRUE(report.alerts.empty());
}

TEST_F(PayServiceTest, AnEmptyProjectHasNoCostPerLabel) {
  MakeProject(domain::PayPolicy{});
  const PayReport report = Report();
  EXPECT_TRUE(report.annotators.empty());
  EXPECT_EQ(report.spent_cents, 0);
  EXPECT_EQ(report.cost_per_submitted_cents, std::nullopt);
  EXPECT_EQ(report.cost_per_submitted_reason, "no label has been submitted yet");
  EXPECT_EQ(PayService(*store_).Report(project_ + 100).status().code(), StatusCode::kNotFound);
}

TEST(PayArithmeticTest, RoundsEarningsUpAndEffectivePayDown) {
  EXPECT_EQ(HourlyEarnings(3'600'000, 1234), 1234);
  EXPECT_EQ(HourlyEarnings(1000, 1800), 1);  // 0.5 cent, rounded up for the worker.
  EXPECT_EQ(HourlyEarnings(0, 1800), 0);
  // 100 hours and a bit at 100,000.00 an hour: no overflow.
  EXPECT_EQ(HourlyEarnings(360'000'001, 10'000'000), 1'000'000'003);  // + 2.78 cents, up.
  EXPECT_EQ(EffectiveCentsPerHour(1, 1000), 3600);
  EXPECT_EQ(EffectiveCentsPerHour(100, 7 * kMinute), 857);  // 857.14..., rounded down.
  EXPECT_EQ(FormatCents(0), "0.00");
  EXPECT_EQ(FormatCents(5), "0.05");
  EXPECT_EQ(FormatCents(123456), "1234.56");
  EXPECT_EQ(FormatCents(-305), "-3.05");
}

}  // namespace
}  // namespace chorus::service
