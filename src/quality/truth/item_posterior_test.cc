#include "quality/truth/item_posterior.h"

#include <gtest/gtest.h>

#include <vector>

namespace chorus::quality {
namespace {

TEST(ItemPosteriorTest, TwoAgreeingVotesOfKnownSkillByHand) {
  // k = 2, skills 0.9 and 0.8 both say class 1: 0.72 against 0.1·0.2 = 0.02.
  const std::vector<SkilledVote> votes = {{1, 0.9}, {1, 0.8}};
  const std::vector<double> p = ItemPosterior(votes, 2);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_NEAR(p[1], 0.72 / 0.74, 1e-12);
  EXPECT_NEAR(p[0], 0.02 / 0.74, 1e-12);
}

TEST(ItemPosteriorTest, WrongVotesSpreadOverTheOtherClasses) {
  // k = 3, one vote for class 0 with skill 0.7: 0.7 against 0.15 and 0.15.
  const std::vector<SkilledVote> votes = {{0, 0.7}};
  const std::vector<double> p = ItemPosterior(votes, 3);
  EXPECT_NEAR(p[0], 0.7, 1e-12);
  EXPECT_NEAR(p[1], 0.15, 1e-12);
  EXPECT_NEAR(p[2], 0.15, 1e-12);
}

TEST(ItemPosteriorTest, ASkilledVoterOutweighsTwoNearChanceOnes) {
  // 0.95 says 0; two voters at 0.55 say 1 (k = 2):
  // class 0: 0.95·0.45² = 0.192375; class 1: 0.05·0.55² = 0.015125.
  const std::vector<SkilledVote> votes = {{0, 0.95}, {1, 0.55}, {1, 0.55}};
  const std::vector<double> p = ItemPosterior(votes, 2);
  EXPECT_NEAR(p[0], 0.192375 / 0.2075, 1e-12);
}

TEST(ItemPosteriorTest, AnAdversarialVoterCountsAgainstTheirAnswer) {
  // Skill 0.2 (below chance for k = 2) voting 1 is evidence for 0.
  const std::vector<SkilledVote> votes = {{1, 0.2}};
  EXPECT_NEAR(ItemPosterior(votes, 2)[0], 0.8, 1e-12);
}

TEST(ItemPosteriorTest, DegenerateInputsStayFinite) {
  EXPECT_TRUE(ItemPosterior({}, 0).empty());
  const std::vector<double> uniform = ItemPosterior({}, 4);
  for (const double v : uniform) EXPECT_DOUBLE_EQ(v, 0.25);
  const std::vector<SkilledVote> one_class = {{0, 0.3}};
  EXPECT_DOUBLE_EQ(ItemPosterior(one_class, 1)[0], 1.0);
  // Perfect skills are clamped: a 1.0 and a 0.0 voter disagreeing leave no NaN.
  const std::vector<SkilledVote> extreme = {{0, 1.0}, {1, 1.0}, {1, 0.0}};
  const std::vector<double> p = ItemPosterior(extreme, 2);
  EXPECT_NEAR(p[0] + p[1], 1.0, 1e-12);
  EXPECT_GT(p[0], 0.5);  // The 0.0 voter's "1" is a 0.99 vote for 0.
  // Hundreds of agreeing votes do not underflow.
  const std::vector<SkilledVote> many(500, SkilledVote{1, 0.9});
  EXPECT_NEAR(ItemPosterior(many, 2)[1], 1.0, 1e-12);
}

}  // namespace
}  // namespace chorus::quality
