#include "quality/preference/pair_agreement.h"

#include <gtest/gtest.h>

namespace chorus::quality {
namespace {

TEST(PairAgreementTest, SharesAgreeingWithTheMajorityPerItemAndPair) {
  ComparisonTable table;
  // Item p1, pair (x, y): x wins for a and b (b saw it mirrored), c says y.
  table.Add("p1", "a", "x", "y", Outcome::kLeft);
  table.Add("p1", "b", "y", "x", Outcome::kRight);
  table.Add("p1", "c", "x", "y", Outcome::kRight);
  // Item p2, pair (x, y): one tie each way and one win: no majority.
  table.Add("p2", "a", "x", "y", Outcome::kTie);
  table.Add("p2", "b", "x", "y", Outcome::kLeft);
  // Item p2, pair (x, z): a single annotator (twice): left out.
  table.Add("p2", "a", "x", "z", Outcome::kLeft);
  table.Add("p2", "a", "z", "x", Outcome::kLeft);
  const std::vector<PairAgreement> pairs = ComputePairAgreement(table);
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].item, 0u);
  EXPECT_EQ(pairs[0].annotators, 3u);
  EXPECT_EQ(pairs[0].first_wins, 2u);
  EXPECT_EQ(pairs[0].second_wins, 1u);
  EXPECT_EQ(pairs[0].majority, Outcome::kLeft);
  EXPECT_DOUBLE_EQ(pairs[0].agreement, 2.0 / 3);
  EXPECT_EQ(pairs[1].item, 1u);
  EXPECT_FALSE(pairs[1].majority.has_value());
  EXPECT_DOUBLE_EQ(pairs[1].agreement, 0.5);
}

}  // namespace
}  // namespace chorus::quality
