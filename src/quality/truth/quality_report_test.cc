#include "quality/truth/quality_report.h"

#include <gtest/gtest.h>

#include <cmath>

#include "quality/agreement/annotator_agreement.h"
#include "quality/agreement/item_agreement.h"
#include "quality/testdata/fleiss_1971_diagnoses.h"
#include "quality/testdata/krippendorff_2011_4x12.h"
#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::NamedVote;

// Four items, three annotators, two labels, checkable by hand:
//   i1 x x x   i2 x x y   i3 y y y   i4 x y y   (annotators A, B, C)
VoteTable HandTable() {
  return testdata::TableOfNames({{"i1", "A", "x"}, {"i1", "B", "x"}, {"i1", "C", "x"},
                                 {"i2", "A", "x"}, {"i2", "B", "x"}, {"i2", "C", "y"},
                                 {"i3", "A", "y"}, {"i3", "B", "y"}, {"i3", "C", "y"},
                                 {"i4", "A", "x"}, {"i4", "B", "y"}, {"i4", "C", "y"},
                                 {"i5", "A", "x"}},
                                {"x", "y"});
}

QualityReportOptions HandOptions() {
  QualityReportOptions options;
  options.method = TruthMethod::kMajorityVote;
  options.min_shared_items = 1;
  options.bootstrap_samples = 200;
  return options;
}

TEST(QualityReport, CountsHistogramAndLabelsOfAHandTable) {
  const VoteTable table = HandTable();
  auto report = ComputeQualityReport(table, HandOptions());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->votes, 13u);
  EXPECT_EQ(report->items, 5u);
  EXPECT_EQ(report->annotators, 3u);
  EXPECT_EQ(report->method, "mv");
  // Plurality shares of the items with 2+ votes: 1, 2/3, 1, 2/3; i5 has one vote.
  ASSERT_EQ(report->agreement_histogram.size(), 10u);
  EXPECT_EQ(report->agreement_histogram[6], 2u);
  EXPECT_EQ(report->agreement_histogram[9], 2u);
  EXPECT_EQ(report->unanimous_items, 2u);
  EXPECT_EQ(report->single_vote_items, 1u);
  ASSERT_TRUE(report->mean_plurality_share.has_value());
  EXPECT_NEAR(*report->mean_plurality_share, (1 + 2.0 / 3 + 1 + 2.0 / 3) / 4, 1e-12);
  ASSERT_EQ(report->label_distribution.size(), 2u);
  EXPECT_EQ(report->label_distribution[0].label, "x");
  EXPECT_EQ(report->label_distribution[0].votes, 7u);
  EXPECT_EQ(report->label_distribution[1].votes, 6u);
  EXPECT_EQ(report->label_distribution[0].aggregated_items, 3u);  // i1, i2, i5.
  EXPECT_EQ(report->label_distribution[1].aggregated_items, 2u);  // i3, i4.
}

TEST(QualityReport, MostDisputedItemsComeFirstWithTheirVotes) {
  const VoteTable table = HandTable();
  auto report = ComputeQualityReport(table, HandOptions());
  ASSERT_TRUE(report.ok());
  // i2 and i4 split 2-1: entropy H(2/3, 1/3) / log 2; unanimous items are not disputed.
  ASSERT_EQ(report->disagreements.size(), 2u);
  EXPECT_EQ(report->disagreements[0].item, "i2");
  EXPECT_EQ(report->disagreements[1].item, "i4");
  const double h = -(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3)) / std::log(2.0);
  EXPECT_NEAR(report->disagreements[0].normalized_entropy, h, 1e-12);
  EXPECT_EQ(report->disagreements[0].aggregate_label, "x");
  const std::vector<std::pair<std::string, std::string>> votes = {{"A", "x"}, {"B", "x"}, {"C", "y"}};
  EXPECT_EQ(report->disagreements[0].votes, votes);
}

TEST(QualityReport, AnnotatorTableAndHeatMapMatchThePairwiseFunction) {
  const VoteTable table = HandTable();
  auto report = ComputeQualityReport(table, HandOptions());
  ASSERT_TRUE(report.ok());
  // A cast 5 votes, B and C 4: A first, then B, C by name.
  ASSERT_EQ(report->annotator_rows.size(), 3u);
  EXPECT_EQ(report->annotator_rows[0].name, "A");
  EXPECT_EQ(report->annotator_rows[0].votes, 5u);
  EXPECT_EQ(report->annotator_rows[1].name, "B");
  // A's x x y x x against the majority labels x x y y x: 4 of 5.
  EXPECT_NEAR(report->annotator_rows[0].agreement_with_aggregate, 4.0 / 5, 1e-12);

  AnnotatorAgreementOptions pair_options;
  pair_options.min_shared_items = 1;
  const AnnotatorAgreement direct =
      ComputeAnnotatorAgreement(GroupByItem(table), table.label_count(), table.annotator_count(),
                                pair_options);
  ASSERT_EQ(report->heat_map_annotators, (std::vector<std::string>{"A", "B", "C"}));
  for (const AnnotatorPairAgreement& pair : direct.pairs) {
    const size_t n = 3;
    EXPECT_EQ(report->heat_map_kappa[pair.first * n + pair.second], pair.cohen_kappa.value);
    EXPECT_EQ(report->heat_map_kappa[pair.second * n + pair.first], pair.cohen_kappa.value);
  }
  EXPECT_FALSE(report->heat_map_kappa[0].has_value());  // The diagonal.
  EXPECT_EQ(report->annotator_rows[0].mean_kappa.value, direct.mean_kappa_with_others[0].value);
}

TEST(QualityReport, ConfusionAgainstTheAggregateWithoutGoldAndAgainstGoldWithIt) {
  const VoteTable table = HandTable();
  QualityReportOptions options = HandOptions();
  options.confusion_annotators = 2;
  auto report = ComputeQualityReport(table, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->confusion_reference, "aggregate");
  ASSERT_EQ(report->confusion.size(), 2u);
  EXPECT_EQ(report->confusion_left_out, 1u);
  // A against majority labels x x y y x: x→x on i1, i2, i5; y→y on i3; y→x on i4.
  EXPECT_EQ(report->confusion[0].counts, (std::vector<uint64_t>{3, 0, 1, 1}));
  EXPECT_EQ(report->confusion[0].compared, 5u);
  EXPECT_EQ(report->confusion[0].matching, 4u);

  options.gold = {LabelId{0}, LabelId{1}, std::nullopt, std::nullopt, std::nullopt};  // i1 x, i2 y.
  report = ComputeQualityReport(table, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->gold_items, 2u);
  EXPECT_EQ(report->confusion_reference, "gold");
  // A on gold: i1 x (gold x), i2 x (gold y).
  EXPECT_EQ(report->confusion[0].counts, (std::vector<uint64_t>{1, 0, 1, 0}));
  ASSERT_TRUE(report->annotator_rows[0].gold_accuracy.has_value());
  EXPECT_DOUBLE_EQ(*report->annotator_rows[0].gold_accuracy->value, 0.5);
  EXPECT_TRUE(report->annotator_rows[0].gold_accuracy->ci95.has_value());  // Wilson.

  // Gold on i5 only, which B never labelled: B's matrix against gold would be blank, so both
  // are against the aggregate.
  options.gold = {std::nullopt, std::nullopt, std::nullopt, std::nullopt, LabelId{0}};
  report = ComputeQualityReport(table, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->confusion_reference, "aggregate");
  EXPECT_EQ(report->confusion[1].compared, 4u);
}

// One annotator: no item has two votes, so the mean share is undefined, not 0.
TEST(QualityReport, MeanShareIsUndefinedWithoutAnItemOfTwoVotes) {
  const VoteTable table = testdata::TableOfNames({{"i1", "A", "x"}, {"i2", "A", "y"}}, {"x", "y"});
  auto report = ComputeQualityReport(table, HandOptions());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->mean_plurality_share.has_value());
  EXPECT_EQ(report->single_vote_items, 2u);
}

// Krippendorff (2011) 4 coders × 12 units: nominal alpha 0.743 (fast-krippendorff and
// Statistics::Krippendorff, see testdata), with the KALPHA interval around it.
TEST(QualityReport, ReproducesThePublishedAlphaWithAnInterval) {
  const auto grouped = testdata::FromCoderMatrix(testdata::Krippendorff2011Matrix());
  QualityReportOptions options;
  options.method = TruthMethod::kMajorityVote;
  auto report = ComputeQualityReport(grouped.table, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ReportEntry* alpha = report->agreement.Find("krippendorff_alpha");
  ASSERT_NE(alpha, nullptr);
  EXPECT_NEAR(*alpha->statistic.value, 0.743, 5e-4);
  ASSERT_TRUE(report->agreement.alpha_bootstrap.has_value());
  EXPECT_LE(report->agreement.alpha_bootstrap->ci95.low, 0.743);
  EXPECT_GE(report->agreement.alpha_bootstrap->ci95.high, 0.743);
}

// Fleiss (1971) diagnoses: kappa 0.4302445 (R irr::kappam.fleiss); the six raters differ by
// patient, so each column is its own rater name, as kappam.fleiss treats them.
TEST(QualityReport, ReproducesThePublishedFleissKappa) {
  VoteTable table;
  int patient = 0;
  for (const auto& row : testdata::Fleiss1971Diagnoses()) {
    ++patient;
    for (size_t r = 0; r < row.size(); ++r)
      table.Add("p" + std::to_string(patient), "r" + std::to_string(r), std::to_string(row[r]));
  }
  QualityReportOptions options;
  options.bootstrap_samples = 0;
  auto report = ComputeQualityReport(table, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ReportEntry* fleiss = report->agreement.Find("fleiss_kappa");
  ASSERT_NE(fleiss, nullptr);
  EXPECT_NEAR(*fleiss->statistic.value, 0.4302445, 1e-6);
  EXPECT_EQ(report->method, "ds");
  EXPECT_EQ(report->annotator_rows.size(), 6u);
}

TEST(QualityReport, AnEmptyTableIsRefused) {
  auto report = ComputeQualityReport(VoteTable(), QualityReportOptions());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace chorus::quality
