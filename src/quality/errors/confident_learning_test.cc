#include "quality/errors/confident_learning.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "quality/testdata/noisy_labels.h"

namespace chorus::quality {
namespace {

ProbMatrix Rows(const std::vector<std::vector<double>>& rows) {
  ProbMatrix probs(rows.size(), rows.front().size());
  for (size_t r = 0; r < rows.size(); ++r) {
    std::copy(rows[r].begin(), rows[r].end(), probs.row(r).begin());
  }
  return probs;
}

// Worked by hand. Thresholds: t0 = (0.9 + 0.8 + 0.2) / 3 = t1 = (0.9 + 0.7 + 0.3) / 3 = 0.633.
// Confidently: items 0, 1 and 5 are class 0, items 2, 3 and 4 class 1, so the confident joint
// (rows given) is [[2, 1], [1, 2]], already calibrated (rows sum to the label counts, 3 each).
// One item given 0 is pruned toward 1: the largest margin p1 - p0 among items 0..2 is item 2's
// (0.6); one given 1 toward 0: item 5's (0.4).
TEST(ConfidentLearningTest, FindsTheHandWorkedSuspectsAndRanksThemBySelfConfidence) {
  const std::vector<size_t> labels = {0, 0, 0, 1, 1, 1};
  const ProbMatrix probs =
      Rows({{0.9, 0.1}, {0.8, 0.2}, {0.2, 0.8}, {0.1, 0.9}, {0.3, 0.7}, {0.7, 0.3}});
  auto report = FindLabelIssues(labels, probs);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_NEAR(report->thresholds[0], 1.9 / 3, 1e-12);
  EXPECT_NEAR(report->thresholds[1], 1.9 / 3, 1e-12);
  EXPECT_EQ(report->confident_joint, (std::vector<int64_t>{2, 1, 1, 2}));
  EXPECT_NEAR(report->estimated_noise, 2.0 / 6, 1e-12);
  ASSERT_EQ(report->issues.size(), 2u);
  EXPECT_EQ(report->issues[0], (LabelIssue{.item = 2, .given = 0, .suggested = 1, .score = 0.2}));
  EXPECT_EQ(report->issues[1].item, 5u);
  EXPECT_NEAR(report->issues[1].score, 0.3, 1e-12);
}

TEST(ConfidentLearningTest, NormalizedMarginScoresHalfTheGapToTheBestOtherClassPlusOneHalf) {
  const std::vector<size_t> labels = {0, 2};
  const ProbMatrix probs = Rows({{0.5, 0.3, 0.2}, {0.6, 0.1, 0.3}});
  const auto scores = LabelQualityScores(labels, probs, IssueRanking::kNormalizedMargin);
  EXPECT_NEAR(scores[0], (0.5 - 0.3 + 1) / 2, 1e-12);
  EXPECT_NEAR(scores[1], (0.3 - 0.6 + 1) / 2, 1e-12);
}

TEST(ConfidentLearningTest, NeverFlagsAnItemWhoseMostProbableClassIsItsLabel) {
  // Item 2 has the largest margin toward class 1 among items given 0, but 0 is still its most
  // probable class: it stays unflagged even though the noise budget for (0 -> 1) is one item.
  const std::vector<size_t> labels = {0, 0, 0, 1, 1, 1};
  const ProbMatrix probs =
      Rows({{0.9, 0.1}, {0.9, 0.1}, {0.55, 0.45}, {0.1, 0.9}, {0.2, 0.8}, {0.3, 0.7}});
  auto report = FindLabelIssues(labels, probs);
  ASSERT_TRUE(report.ok());
  for (const LabelIssue& issue : report->issues) EXPECT_NE(issue.suggested, issue.given);
  EXPECT_TRUE(report->issues.empty());
}

TEST(ConfidentLearningTest, RefusesMismatchedOrInvalidInputNamingTheProblem) {
  const ProbMatrix probs = Rows({{0.5, 0.5}, {0.2, 0.8}});
  EXPECT_NE(
      FindLabelIssues(std::vector<size_t>{0}, probs).status().message().find("1 labels but 2"),
      std::string::npos);
  EXPECT_NE(FindLabelIssues(std::vector<size_t>{0, 2}, probs).status().message().find("beyond"),
            std::string::npos);
  EXPECT_FALSE(FindLabelIssues(std::vector<size_t>{0, 0}, Rows({{1.0}, {1.0}})).ok());
  EXPECT_FALSE(FindLabelIssues(std::vector<size_t>{0, 1}, Rows({{-0.1, 1.1}, {0.2, 0.8}})).ok());
}

TEST(ConfidentLearningTest, RoundingKeepsTheTotalAndMovesTheNearestFirst) {
  EXPECT_EQ(RoundPreservingSum(std::vector<double>{0.4, 0.4, 0.4, 0.8}),
            (std::vector<int64_t>{1, 0, 0, 1}));
  EXPECT_EQ(RoundPreservingSum(std::vector<double>{1.6, 1.6, 1.8}),
            (std::vector<int64_t>{1, 2, 2}));
  EXPECT_EQ(RoundPreservingSum(std::vector<double>{2, 3}), (std::vector<int64_t>{2, 3}));
}

// The issue's benchmark shape (10,000 items, 10 classes, about 20% wrong labels) with a
// simulated model: confident learning finds most wrong labels and little else, and is more
// precise than flagging every item whose most probable class differs from its label.
TEST(ConfidentLearningTest, FindsKnownErrorsWithHighPrecisionAndRecallOnSimulatedData) {
  const auto data = testdata::MakeNoisyLabels(10000, 10, 0.2, 3.0, 20261125);
  auto report = FindLabelIssues(data.given, data.probs);
  ASSERT_TRUE(report.ok());
  size_t right = 0;
  for (const LabelIssue& issue : report->issues) right += data.truth[issue.item] != issue.given;
  const double precision = static_cast<double>(right) / report->issues.size();
  const double recall = static_cast<double>(right) / data.wrong;
  size_t baseline_flags = 0, baseline_right = 0;
  for (size_t i = 0; i < data.given.size(); ++i) {
    const auto row = data.probs.row(i);
    const size_t top = std::max_element(row.begin(), row.end()) - row.begin();
    if (top == data.given[i]) continue;
    ++baseline_flags;
    baseline_right += data.truth[i] != data.given[i];
  }
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
  EXPECT_GT(precision, 0.88) << report->issues.size() << " flagged, " << right << " right";
  EXPECT_GT(recall, 0.85) << data.wrong << " wrong labels";
  EXPECT_GT(precision, static_cast<double>(baseline_right) / baseline_flags);
  EXPECT_NEAR(report->estimated_noise, static_cast<double>(data.wrong) / 10000, 0.03);
  EXPECT_TRUE(
      std::is_sorted(report->issues.begin(), report->issues.end(),
                     [](const LabelIssue& a, const LabelIssue& b) { return a.score < b.score; }));
}

}  // namespace
}  // namespace chorus::quality
