// The dashboard's gold accuracy per annotator and ISO week: hand-counted buckets scored as the
// gold report scores them, unjudged answers left out, weeks split at Monday 00:00 UTC. The
// pairwise heatmap: a hand-checked Cohen's kappa, pairs ordered by annotator id, empty answers
// giving no vote, and too few shared items leaving the figures undefined with a reason.
#include "service/dashboard_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quality/wilson_interval.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

constexpr int64_t kDashDayMs = 86'400'000;
constexpr int64_t kDashTuesdayW48 = 20781 * kDashDayMs;  // 2026-11-24.
constexpr int64_t kDashMondayW49 = kDashTuesdayW48 + 6 * kDashDayMs;

domain::LabelInterface DashboardInterface() {
  auto parsed = domain::ParseLabelInterface(
      R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
      R"("options":["positive","negative"]}]})");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : domain::LabelInterface{};
}

store::GoldAnswer GoldAnswerAt(int64_t annotator, const std::string& given, const std::string& truth,
                         int64_t at) {
  store::GoldAnswer a;
  a.annotator_id = annotator;
  a.result = SentimentAnswer(given);
  a.reference = SentimentAnswer(truth);
  a.updated_at = at;
  return a;
}

TEST(GoldAccuracyByWeekTest, CountsEachAnnotatorsWeeksWithWilsonIntervals) {
  std::vector<store::GoldAnswer> answers = {
      GoldAnswerAt(7, "positive", "positive", kDashTuesdayW48),
      GoldAnswerAt(5, "negative", "positive", kDashTuesdayW48),
      GoldAnswerAt(7, "negative", "positive", kDashTuesdayW48 + kDashDayMs),
      GoldAnswerAt(7, "negative", "negative", kDashMondayW49 - 1),  // Sunday 23:59:59.999: still W48.
      GoldAnswerAt(7, "positive", "positive", kDashMondayW49),
  };
  // A reference that answers no control judges nothing: no row for annotator 9.
  store::GoldAnswer unjudged = GoldAnswerAt(9, "positive", "positive", kDashTuesdayW48);
  unjudged.reference = "{}";
  answers.push_back(unjudged);

  const std::vector<GoldAccuracyWeek> rows =
      GoldAccuracyByWeek(DashboardInterface(), answers, domain::GoldPolicy{});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].annotator_id, 5);
  EXPECT_EQ(rows[0].week, "2026-W48");
  EXPECT_EQ(rows[0].answers, 1);
  EXPECT_EQ(rows[0].correct, 0);
  EXPECT_EQ(rows[0].ci95.low, 0.0);

  EXPECT_EQ(rows[1].annotator_id, 7);
  EXPECT_EQ(rows[1].week, "2026-W48");
  EXPECT_EQ(rows[1].answers, 3);
  EXPECT_EQ(rows[1].correct, 2);
  EXPECT_NEAR(rows[1].accuracy, 2.0 / 3.0, 1e-12);
  const quality::Interval expected = quality::WilsonInterval(2, 3);
  EXPECT_DOUBLE_EQ(rows[1].ci95.low, expected.low);
  EXPECT_DOUBLE_EQ(rows[1].ci95.high, expected.high);
  EXPECT_LT(rows[1].ci95.low, rows[1].accuracy);
  EXPECT_GT(rows[1].ci95.high, rows[1].accuracy);

  EXPECT_EQ(rows[2].annotator_id, 7);
  EXPECT_EQ(rows[2].week, "2026-W49");
  EXPECT_EQ(rows[2].answers, 1);
  EXPECT_EQ(rows[2].correct, 1);
  EXPECT_EQ(rows[2].ci95.high, 1.0);
}

domain::Annotation VoteAnnotation(int64_t task, int64_t annotator, const std::string& option) {
  domain::Annotation a;
  a.task_id = task;
  a.annotator_id = annotator;
  a.result = option.empty() ? "{}" : SentimentAnswer(option);
  return a;
}

// Annotators 20 and 8 on six tasks agree on 1, 2, 4, 5: p_o = 4/6; each says "positive" three
// times, so p_e = 1/2 and kappa = (2/3 - 1/2) / (1/2) = 1/3. Annotator 3 shares two tasks.
TEST(PairwiseAgreementTest, HandCheckedKappaPerPair) {
  const domain::LabelInterface li = DashboardInterface();
  ASSERT_EQ(li.controls.size(), 1u);
  const char* first[] = {"positive", "positive", "positive", "negative", "negative", "negative"};
  const char* second[] = {"positive", "positive", "negative", "negative", "negative", "positive"};
  std::vector<domain::Annotation> labels;
  for (int t = 0; t < 6; ++t) {
    labels.push_back(VoteAnnotation(t + 1, 20, first[t]));
    labels.push_back(VoteAnnotation(t + 1, 8, second[t]));
  }
  labels.push_back(VoteAnnotation(1, 3, "positive"));
  labels.push_back(VoteAnnotation(2, 3, "negative"));
  labels.push_back(VoteAnnotation(3, 3, ""));  // No vote.

  const PairwiseAgreementReport r = ComputePairwiseAgreement(li.controls[0], labels, 5);
  EXPECT_EQ(r.control, "sentiment");
  ASSERT_EQ(r.annotators.size(), 3u);
  EXPECT_EQ(r.annotators[0].id, 3);
  EXPECT_EQ(r.annotators[2].id, 20);
  ASSERT_EQ(r.pairs.size(), 3u);
  // (3, 8) and (3, 20) share two items: below 5, undefined with a reason.
  EXPECT_EQ(r.pairs[0].first_id, 3);
  EXPECT_EQ(r.pairs[0].second_id, 8);
  EXPECT_EQ(r.pairs[0].shared_items, 2);
  EXPECT_FALSE(r.pairs[0].cohen_kappa.defined());
  EXPECT_FALSE(r.pairs[0].cohen_kappa.undefined_reason.empty());
  const PairAgreement& main = r.pairs[2];
  EXPECT_EQ(main.first_id, 8);
  EXPECT_EQ(main.second_id, 20);
  EXPECT_EQ(main.shared_items, 6);
  ASSERT_TRUE(main.raw_agreement.defined());
  EXPECT_NEAR(*main.raw_agreement.value, 4.0 / 6.0, 1e-12);
  ASSERT_TRUE(main.cohen_kappa.defined());
  EXPECT_NEAR(*main.cohen_kappa.value, 1.0 / 3.0, 1e-12);
}

TEST(DashboardServiceTest, UnknownProjectIsNotFound) {
  ScratchStore store;
  DashboardService dashboard(*store);
  EXPECT_EQ(dashboard.GoldAccuracy(12345).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(dashboard.PairwiseAgreement(12345).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service
