// Agreement monitoring: hand-checked figures on a toy project, alerts only where there are
// enough items, per-guideline and per-week buckets, ISO weeks at year ends, and the monitor
// reading a real SQLite store page by page.
#include "service/agreement_monitor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kTuesday2026W48 = 20781 * kDayMs;  // 2026-11-24.

domain::Control Sentiment() {
  domain::Control c;
  c.type = domain::ControlType::kChoices;
  c.name = "sentiment";
  c.to = {"text"};
  c.labels = {"pos", "neg", "<img src=x>"};
  return c;
}

domain::Annotation Label(int64_t task, int64_t annotator, const std::string& option,
                         int64_t guideline = 1, int64_t at = kTuesday2026W48) {
  domain::Annotation a;
  a.task_id = task;
  a.annotator_id = annotator;
  a.result = R"({"sentiment":{"choices":[")" + option + R"("]}})";
  a.guideline_version = guideline;
  a.updated_at = at;
  return a;
}

const AgreementAlert* FindAlert(const AgreementMonitorReport& r, const std::string& scope,
                                const std::string& statistic) {
  for (const AgreementAlert& a : r.alerts) {
    if (a.scope == scope && a.statistic == statistic) return &a;
  }
  return nullptr;
}

TEST(IsoWeekTest, MatchesIso8601AtYearEnds) {
  EXPECT_EQ(IsoWeek(kTuesday2026W48), "2026-W48");
  EXPECT_EQ(IsoWeek(18628 * kDayMs), "2020-W53");      // Friday 2021-01-01.
  EXPECT_EQ(IsoWeek(20087 * kDayMs), "2025-W01");      // Monday 2024-12-30.
  EXPECT_EQ(IsoWeek(20087 * kDayMs - 1), "2024-W52");  // Sunday 2024-12-29, 23:59:59.999.
}

// Two annotators, three tasks: agree, disagree, agree. P-bar = (1 + 0 + 1) / 3 = 2/3.
// Alpha: n = 6 pairable values, n_pos = n_neg = 3, D_o = 2/6, D_e = 2·3·3/(6·5) = 0.6,
// alpha = 1 - (1/3)/0.6 = 4/9.
TEST(AgreementMonitorTest, HandCheckedToyFigures) {
  const std::vector<domain::Annotation> labels = {Label(1, 10, "pos"), Label(1, 11, "pos"),
                                                  Label(2, 10, "pos"), Label(2, 11, "neg"),
                                                  Label(3, 10, "neg"), Label(3, 11, "neg")};
  const AgreementMonitorReport r = ComputeAgreementMonitor(Sentiment(), labels, 1);
  EXPECT_EQ(r.annotators, 2);
  EXPECT_EQ(r.overall.labels, 6);
  EXPECT_EQ(r.overall.items, 3);
  EXPECT_EQ(r.overall.paired_items, 3);
  ASSERT_TRUE(r.overall.raw_agreement.defined());
  EXPECT_NEAR(*r.overall.raw_agreement.value, 2.0 / 3.0, 1e-12);
  ASSERT_TRUE(r.overall.krippendorff_alpha.defined());
  EXPECT_NEAR(*r.overall.krippendorff_alpha.value, 4.0 / 9.0, 1e-12);
  // Raw 0.667 < 0.70 alerts; alpha 0.444 does not.
  const AgreementAlert* raw = FindAlert(r, "project", "raw_agreement");
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(raw->threshold, 0.70);
  EXPECT_EQ(raw->advice, kAgreementAdvice);
  EXPECT_EQ(FindAlert(r, "project", "krippendorff_alpha"), nullptr);
  // Per option: the third option was never chosen, so its kappa is undefined with a reason.
  ASSERT_EQ(r.by_option.size(), 3u);
  EXPECT_EQ(r.by_option[0].labels, 3);
  EXPECT_FALSE(r.by_option[2].kappa.defined());
  EXPECT_FALSE(r.by_option[2].kappa.undefined_reason.empty());
  ASSERT_EQ(r.weeks.size(), 1u);
  EXPECT_EQ(r.weeks[0].week, "2026-W48");
}

// The toy above with "neg" answered "ambiguous": the ambiguous answers are a category of their
// own, so the figures are the same (P-bar 2/3, alpha 4/9).
TEST(AgreementMonitorTest, AmbiguousAnswersAreACategory) {
  domain::Annotation amb = Label(0, 0, "");
  amb.result = R"({"sentiment":{"ambiguous":true}})";
  auto ambiguous = [&](int64_t task, int64_t annotator) {
    domain::Annotation a = amb;
    a.task_id = task;
    a.annotator_id = annotator;
    return a;
  };
  const std::vector<domain::Annotation> labels = {Label(1, 10, "pos"), Label(1, 11, "pos"),
                                                  Label(2, 10, "pos"), ambiguous(2, 11),
                                                  ambiguous(3, 10),    ambiguous(3, 11)};
  domain::Control control = Sentiment();
  control.ambiguous = true;
  const AgreementMonitorReport r = ComputeAgreementMonitor(control, labels, 1);
  EXPECT_EQ(r.overall.labels, 6);
  ASSERT_TRUE(r.overall.raw_agreement.defined());
  EXPECT_NEAR(*r.overall.raw_agreement.value, 2.0 / 3.0, 1e-12);
  ASSERT_TRUE(r.overall.krippendorff_alpha.defined());
  EXPECT_NEAR(*r.overall.krippendorff_alpha.value, 4.0 / 9.0, 1e-12);
  ASSERT_EQ(r.options.size(), 4u);
  EXPECT_EQ(r.options.back(), "(ambiguous)");
  ASSERT_EQ(r.by_option.size(), 4u);
  EXPECT_EQ(r.by_option[3].option, "(ambiguous)");
  EXPECT_EQ(r.by_option[3].labels, 3);
  EXPECT_EQ(r.by_option[1].labels, 0);  // "neg": nobody.

  // A control that no longer allows the answer leaves those labels out (3 votes, 2 items).
  const AgreementMonitorReport off = ComputeAgreementMonitor(Sentiment(), labels, 1);
  EXPECT_EQ(off.overall.labels, 3);
  EXPECT_EQ(off.overall.items, 2);
  EXPECT_EQ(off.options.size(), 3u);
}

TEST(AgreementMonitorTest, TooFewItemsGiveNoAlertAndSaySo) {
  const std::vector<domain::Annotation> labels = {Label(1, 10, "pos"), Label(1, 11, "neg")};
  const AgreementMonitorReport r = ComputeAgreementMonitor(Sentiment(), labels, 10);
  EXPECT_TRUE(r.alerts.empty());
  EXPECT_NE(r.overall.note.find("fewer than 10"), std::string::npos);
  EXPECT_NE(r.by_option[0].note.find("fewer than 10"), std::string::npos);
}

TEST(AgreementMonitorTest, NothingLabelledIsUndefinedNotNaN) {
  const AgreementMonitorReport r = ComputeAgreementMonitor(Sentiment(), {}, 10);
  EXPECT_FALSE(r.overall.raw_agreement.defined());
  EXPECT_FALSE(r.overall.raw_agreement.undefined_reason.empty());
  EXPECT_FALSE(r.overall.krippendorff_alpha.defined());
  EXPECT_TRUE(r.guidelines.empty());
  EXPECT_TRUE(r.weeks.empty());
}

// Guideline 1: 12 items where the two annotators always disagree; guideline 2 (a week later):
// 12 items where they always agree. The buckets split the figures and only version 1 and its
// week alert.
TEST(AgreementMonitorTest, GuidelineVersionsAndWeeksSplitTheFigures) {
  std::vector<domain::Annotation> labels;
  for (int t = 0; t < 12; ++t) {
    labels.push_back(Label(t, 10, "pos", 1));
    labels.push_back(Label(t, 11, "neg", 1));
  }
  for (int t = 100; t < 112; ++t) {
    const std::string option = t % 2 ? "pos" : "neg";
    labels.push_back(Label(t, 10, option, 2, kTuesday2026W48 + 7 * kDayMs));
    labels.push_back(Label(t, 11, option, 2, kTuesday2026W48 + 7 * kDayMs));
  }
  const AgreementMonitorReport r = ComputeAgreementMonitor(Sentiment(), labels, 10);
  ASSERT_EQ(r.guidelines.size(), 2u);
  EXPECT_EQ(r.guidelines[0].version, 1);
  EXPECT_EQ(*r.guidelines[0].figures.raw_agreement.value, 0.0);
  EXPECT_EQ(*r.guidelines[1].figures.raw_agreement.value, 1.0);
  EXPECT_EQ(*r.guidelines[1].figures.krippendorff_alpha.value, 1.0);
  EXPECT_NEAR(*r.overall.raw_agreement.value, 0.5, 1e-12);
  ASSERT_EQ(r.weeks.size(), 2u);
  EXPECT_EQ(r.weeks[1].week, "2026-W49");
  EXPECT_NE(FindAlert(r, "guideline:1", "raw_agreement"), nullptr);
  EXPECT_NE(FindAlert(r, "guideline:1", "krippendorff_alpha"), nullptr);
  EXPECT_NE(FindAlert(r, "week:2026-W48", "raw_agreement"), nullptr);
  EXPECT_EQ(FindAlert(r, "guideline:2", "raw_agreement"), nullptr);
  EXPECT_EQ(FindAlert(r, "week:2026-W49", "raw_agreement"), nullptr);
  EXPECT_NE(FindAlert(r, "project", "raw_agreement"), nullptr);
}

// Relabelling the options (their names) changes no figure.
TEST(AgreementMonitorTest, OptionNamesDoNotChangeTheFigures) {
  std::vector<domain::Annotation> a = {Label(1, 10, "pos"), Label(1, 11, "neg"),
                                       Label(2, 10, "neg"), Label(2, 11, "neg"),
                                       Label(2, 12, "pos")};
  std::vector<domain::Annotation> b = a;
  for (domain::Annotation& x : b) {
    x.result = x.result.find("pos") != std::string::npos ? R"({"sentiment":{"choices":["neg"]}})"
                                                         : R"({"sentiment":{"choices":["pos"]}})";
  }
  const AgreementMonitorReport ra = ComputeAgreementMonitor(Sentiment(), a, 1);
  const AgreementMonitorReport rb = ComputeAgreementMonitor(Sentiment(), b, 1);
  EXPECT_NEAR(*ra.overall.raw_agreement.value, *rb.overall.raw_agreement.value, 1e-12);
  EXPECT_NEAR(*ra.overall.krippendorff_alpha.value, *rb.overall.krippendorff_alpha.value, 1e-12);
}

class AgreementMonitorStoreTest : public ::testing::Test {
 protected:
  int64_t AddProject(const std::string& label_interface) {
    domain::Project p;
    p.name = "p";
    p.label_interface = label_interface;
    p.overlap = 3;
    p.created_by = owner_.user_id;
    p.created_at = 1;
    auto created = store_->projects().Create(p);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  ScratchStore store_;
  Principal owner_ = AddTestUser(*store_, "owner", domain::Role::kManager, 1);
};

TEST_F(AgreementMonitorStoreTest, ReadsEverySubmittedLabelAcrossPages) {
  const int64_t project =
      AddProject(R"({"controls":[{"type":"choices","name":"tags","to":"text","options":["a","b"],)"
                 R"("multiple":true},{"type":"choices","name":"sentiment","to":"text",)"
                 R"("options":["pos","neg"]}]})");
  std::vector<domain::Task> tasks(3);
  for (domain::Task& t : tasks) t.data = R"({"text":"x"})";
  auto inserted = store_->tasks().InsertBatch(project, tasks);
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  std::vector<Principal> people;
  for (int i = 0; i < 2; ++i) {
    people.push_back(AddTestUser(*store_, "a" + std::to_string(i), domain::Role::kAnnotator, 1));
  }
  const char* answers[2][3] = {{"pos", "pos", "neg"}, {"pos", "neg", "neg"}};
  for (int who = 0; who < 2; ++who) {
    for (int t = 0; t < 3; ++t) {
      domain::Annotation a = Label(inserted->task_ids[t], people[who].user_id, answers[who][t]);
      a.project_id = project;
      a.created_at = a.updated_at;
      a.idempotency_key = std::to_string(who) + "-" + std::to_string(t);
      ASSERT_TRUE(store_->annotations().Submit(a).ok());
    }
  }
  AgreementMonitor monitor(*store_);
  AgreementMonitorOptions options;
  options.min_paired_items = 1;
  // The default is the first single-choice control, not the multiple-choice "tags".
  auto report = monitor.Report(project, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->control, "sentiment");
  EXPECT_EQ(report->overall.labels, 6);
  EXPECT_NEAR(*report->overall.raw_agreement.value, 2.0 / 3.0, 1e-12);

  options.control = "tags";
  EXPECT_EQ(monitor.Report(project, options).status().code(), StatusCode::kInvalidArgument);
  options.control = "nope";
  EXPECT_EQ(monitor.Report(project, options).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(monitor.Report(project + 99).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service
