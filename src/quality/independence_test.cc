#include "quality/independence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace chorus::quality {
namespace {

// SciPy's documented example of scipy.stats.chi2_contingency: obs = [[10, 10, 20],
// [20, 20, 20]] gives chi2 = 2.7777777777777777, p = 0.24935220877729619, dof = 2, and with
// lambda_="log-likelihood" (the G-test) g = 2.7688587616781319, p = 0.25046668010954165.
const std::vector<double> kScipyObs = {10, 10, 20, 20, 20, 20};

TEST(IndependenceTest, MatchesScipysChiSquareExample) {
  auto test = ChiSquareTest(kScipyObs, 2, 3);
  ASSERT_TRUE(test.ok());
  EXPECT_NEAR(test->statistic, 2.7777777777777777, 1e-12);
  EXPECT_EQ(test->degrees_of_freedom, 2);
  EXPECT_NEAR(test->p_value, 0.24935220877729619, 1e-12);
}

TEST(IndependenceTest, MatchesScipysGTestExample) {
  auto test = GTest(kScipyObs, 2, 3);
  ASSERT_TRUE(test.ok());
  EXPECT_NEAR(test->statistic, 2.7688587616781319, 1e-12);
  EXPECT_NEAR(test->p_value, 0.25046668010954165, 1e-12);
}

// Wikipedia, "Pearson's chi-squared test", the example of 650 residents of four neighbourhoods
// by occupation (white, blue, no collar): the statistic is about 24.6 on 6 degrees of freedom,
// p about 0.0004.
TEST(IndependenceTest, MatchesWikipediasNeighbourhoodExample) {
  const std::vector<double> counts = {90, 60, 104, 95, 30, 50, 51, 20, 30, 40, 45, 35};
  auto test = ChiSquareTest(counts, 3, 4);
  ASSERT_TRUE(test.ok());
  EXPECT_NEAR(test->statistic, 24.6, 0.05);
  EXPECT_EQ(test->degrees_of_freedom, 6);
  EXPECT_NEAR(test->p_value, 0.0004, 0.00005);
}

TEST(IndependenceTest, EmptyRowsAndColumnsCarryNoDegreesOfFreedom) {
  // The unused third label and the empty second group do not count.
  auto test = ChiSquareTest(std::vector<double>{5, 3, 0, 0, 0, 0, 2, 6, 0}, 3, 3);
  ASSERT_TRUE(test.ok());
  EXPECT_EQ(test->degrees_of_freedom, 1);
  auto single = ChiSquareTest(std::vector<double>{5, 3}, 1, 2);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->degrees_of_freedom, 0);
  EXPECT_EQ(single->p_value, 1);
  EXPECT_FALSE(ChiSquareTest(std::vector<double>{1, 2, 3}, 2, 2).ok());
  EXPECT_FALSE(GTest(std::vector<double>{1, -2}, 1, 2).ok());
}

// SciPy's documented examples of scipy.spatial.distance.jensenshannon: [1, 0, 0] against
// [0, 1, 0] in base 2 is 1.0; [1, 0] against [0.5, 0.5] is 0.46450140402245893 in natural
// logarithms, so 0.46450140402245893 / sqrt(ln 2) in bits.
TEST(IndependenceTest, JensenShannonDistanceMatchesScipy) {
  EXPECT_NEAR(JensenShannonDistance(std::vector<double>{1, 0, 0}, std::vector<double>{0, 1, 0}),
              1.0, 1e-12);
  EXPECT_NEAR(JensenShannonDistance(std::vector<double>{1, 0}, std::vector<double>{0.5, 0.5}),
              0.46450140402245893 / std::sqrt(std::log(2.0)), 1e-12);
  EXPECT_NEAR(JensenShannonDistance(std::vector<double>{3, 1}, std::vector<double>{6, 2}), 0,
              1e-12);
}

}  // namespace
}  // namespace chorus::quality
