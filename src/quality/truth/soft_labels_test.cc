#include "quality/truth/soft_labels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "quality/truth/majority_vote.h"
#include "quality/wilson_interval.h"
#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::Name;

using testdata::IdVote;
using testdata::TableOfIds;

TEST(NormalizedEntropyTest, KnownValues) {
  EXPECT_DOUBLE_EQ(NormalizedEntropy(std::vector<double>{1.0, 0.0}), 0.0);
  EXPECT_DOUBLE_EQ(NormalizedEntropy(std::vector<double>{0.5, 0.5}), 1.0);
  EXPECT_DOUBLE_EQ(NormalizedEntropy(std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3}), 1.0);
  // H(1/3, 2/3) = 0.918296 bits.
  EXPECT_NEAR(NormalizedEntropy(std::vector<double>{1.0 / 3, 2.0 / 3}), 0.918296, 1e-6);
  // The default threshold 0.8 sits at a binary top-class probability of about 0.757.
  EXPECT_NEAR(NormalizedEntropy(std::vector<double>{0.757, 0.243}), 0.8, 1e-3);
  EXPECT_DOUBLE_EQ(NormalizedEntropy(std::vector<double>{1.0}), 0.0);
  EXPECT_DOUBLE_EQ(NormalizedEntropy(std::vector<double>{}), 0.0);
}

// Items: 0: a0 x, a1 x, a2 y; 1: a0 y, a1 y; 2: no votes. MV skills: a0 = a1 = 1, a2 = 0.
TEST(SoftLabelsTest, ToyCaseByHand) {
  const VoteTable table =
      TableOfIds(3, 3, 2, {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 1}, {1, 1, 1}});
  const TruthEstimate mv = MajorityVote(table);
  ASSERT_DOUBLE_EQ(mv.annotators[2].accuracy, 0.0);
  const SoftLabels soft = ComputeSoftLabels(table, mv);
  EXPECT_EQ(soft.class_count, 2u);
  EXPECT_EQ(soft.votes, (std::vector<uint32_t>{3, 2, 0}));
  EXPECT_DOUBLE_EQ(soft.vote_shares.at(0, 0), 2.0 / 3);
  EXPECT_DOUBLE_EQ(soft.vote_shares.at(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(soft.vote_shares.at(2, 0), 0.5);
  EXPECT_EQ(soft.posterior.values, mv.posterior.values);
  // Item 0: entropy 0.918296; mean accuracy 2/3 -> track record (2/3 - 1/2) / (1/2) = 1/3;
  // weight = 2/3 x (1 - 0.918296) x 1/3 = 0.0181564.
  EXPECT_NEAR(soft.vote_entropy[0], 0.918296, 1e-6);
  EXPECT_NEAR(soft.track_record[0], 1.0 / 3, 1e-15);
  EXPECT_NEAR(soft.training_weight[0], 0.0181564, 1e-7);
  EXPECT_EQ(soft.ambiguous[0], 1);
  // Item 1: unanimous, perfect record, certain.
  EXPECT_DOUBLE_EQ(soft.vote_entropy[1], 0.0);
  EXPECT_DOUBLE_EQ(soft.track_record[1], 1.0);
  EXPECT_DOUBLE_EQ(soft.training_weight[1], 1.0);
  EXPECT_EQ(soft.ambiguous[1], 0);
  // Item 2: no votes -> uniform, weight 0, ambiguous.
  EXPECT_DOUBLE_EQ(soft.vote_entropy[2], 1.0);
  EXPECT_DOUBLE_EQ(soft.training_weight[2], 0.0);
  EXPECT_EQ(soft.ambiguous[2], 1);
  // A stricter threshold flags item 0 only if its entropy exceeds it.
  SoftLabelOptions lax;
  lax.ambiguous_entropy = 0.95;
  EXPECT_EQ(ComputeSoftLabels(table, mv, lax).ambiguous[0], 0);
}

TEST(SoftLabelsTest, AnnotatorsAtChanceGiveZeroWeight) {
  // A hand-made estimate whose annotators are at chance (accuracy 1/3, k = 3).
  const VoteTable table = TableOfIds(1, 2, 3, {{0, 0, 1}, {0, 1, 1}});
  TruthEstimate estimate = MajorityVote(table);
  for (AnnotatorSkill& s : estimate.annotators) s.accuracy = 1.0 / 3;
  const SoftLabels soft = ComputeSoftLabels(table, estimate);
  EXPECT_DOUBLE_EQ(soft.track_record[0], 0.0);
  EXPECT_DOUBLE_EQ(soft.training_weight[0], 0.0);
  // Below chance clamps to 0 too; never negative.
  for (AnnotatorSkill& s : estimate.annotators) s.accuracy = 0.0;
  EXPECT_DOUBLE_EQ(ComputeSoftLabels(table, estimate).training_weight[0], 0.0);
}

TEST(SoftLabelsTest, WeightsStayInUnitIntervalAndFollowVoteOrder) {
  std::vector<IdVote> votes;
  for (ItemId i = 0; i < 50; ++i) {
    for (AnnotatorId a = 0; a < 5; ++a) {
      if ((i + a) % 3 != 0) votes.push_back({i, a, (i * a + a) % 3});
    }
  }
  const VoteTable table = TableOfIds(50, 5, 3, votes);
  const SoftLabels soft = ComputeSoftLabels(table, MajorityVote(table));
  std::vector<IdVote> reversed(votes.rbegin(), votes.rend());
  const VoteTable table_r = TableOfIds(50, 5, 3, reversed);
  const SoftLabels soft_r = ComputeSoftLabels(table_r, MajorityVote(table_r));
  for (size_t i = 0; i < 50; ++i) {
    EXPECT_GE(soft.training_weight[i], 0.0);
    EXPECT_LE(soft.training_weight[i], 1.0);
    EXPECT_FALSE(std::isnan(soft.training_weight[i]));
    EXPECT_NEAR(soft.training_weight[i], soft_r.training_weight[i], 1e-12);
    EXPECT_EQ(soft.ambiguous[i], soft_r.ambiguous[i]);
  }
}

TEST(EvaluateAgainstGoldTest, ToyCase) {
  TruthEstimate estimate;
  estimate.class_count = 2;
  estimate.labels = {0, 1, 1, 0, 1};
  estimate.confidence = {0.9, 0.8, 0.7, 0.6, 1.0};
  std::vector<std::optional<LabelId>> gold = {0, 1, 0};  // Items 3 and 4 have no gold.
  const GoldEvaluation eval = EvaluateAgainstGold(estimate, gold);
  EXPECT_EQ(eval.gold_items, 3u);
  EXPECT_EQ(eval.correct, 2u);
  ASSERT_TRUE(eval.accuracy.defined());
  EXPECT_DOUBLE_EQ(*eval.accuracy.value, 2.0 / 3);
  ASSERT_TRUE(eval.accuracy.ci95.has_value());
  const Interval wilson = WilsonInterval(2, 3);
  EXPECT_DOUBLE_EQ(eval.accuracy.ci95->low, wilson.low);
  EXPECT_DOUBLE_EQ(eval.accuracy.ci95->high, wilson.high);
  // Wilson (1927) for 2 of 3 at 95%: (0.2077, 0.9385).
  EXPECT_NEAR(eval.accuracy.ci95->low, 0.2077, 1e-4);
  EXPECT_NEAR(eval.accuracy.ci95->high, 0.9385, 1e-4);
  EXPECT_EQ(eval.other_items, 2u);
  EXPECT_DOUBLE_EQ(*eval.estimated_accuracy.value, 0.8);
}

TEST(EvaluateAgainstGoldTest, UndefinedWithReasons) {
  TruthEstimate estimate;
  estimate.class_count = 2;
  estimate.labels = {0, 1};
  estimate.confidence = {0.9, 0.8};
  const GoldEvaluation none = EvaluateAgainstGold(estimate, {});
  EXPECT_FALSE(none.accuracy.defined());
  EXPECT_FALSE(none.accuracy.undefined_reason.empty());
  EXPECT_DOUBLE_EQ(*none.estimated_accuracy.value, 0.85);
  std::vector<std::optional<LabelId>> all = {0, 1};
  const GoldEvaluation full = EvaluateAgainstGold(estimate, all);
  EXPECT_DOUBLE_EQ(*full.accuracy.value, 1.0);
  EXPECT_DOUBLE_EQ(full.accuracy.ci95->high, 1.0);
  EXPECT_FALSE(full.estimated_accuracy.defined());
  EXPECT_FALSE(full.estimated_accuracy.undefined_reason.empty());
}

}  // namespace
}  // namespace chorus::quality
