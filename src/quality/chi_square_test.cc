// Pearson's chi-square test against published values.
#include "quality/chi_square.h"

#include <gtest/gtest.h>

#include <cmath>

namespace chorus::quality {
namespace {

// Agresti (2007) "An Introduction to Categorical Data Analysis", 2nd ed., Table 2.5 (party
// identification by gender), worked in §2.4.3 and in R's ?chisq.test example:
// X-squared = 30.07, df = 2, p-value = 2.954e-07.
TEST(ChiSquareTest, ReproducesAgrestiPartyIdentification) {
  const ChiSquareTest t = ChiSquareHomogeneity({{762, 327, 468}, {484, 239, 477}});
  ASSERT_TRUE(t.chi_square.defined());
  EXPECT_NEAR(*t.chi_square.value, 30.07, 0.005);
  EXPECT_EQ(t.df, 2);
  ASSERT_TRUE(t.p_value.has_value());
  EXPECT_NEAR(*t.p_value, 2.954e-07, 0.001e-07);
  EXPECT_EQ(t.sparse_cells, 0);
  EXPECT_EQ(t.cells, 6);
}

// Wikipedia, "Chi-squared test", Example (neighbourhood by occupation): X² ≈ 24.6 on 6
// degrees of freedom, p ≈ 0.0004.
TEST(ChiSquareTest, ReproducesTheWikipediaNeighbourhoodExample) {
  const ChiSquareTest t =
      ChiSquareHomogeneity({{90, 60, 104, 95}, {30, 50, 51, 20}, {30, 40, 45, 35}});
  EXPECT_NEAR(*t.chi_square.value, 24.57, 0.01);
  EXPECT_EQ(t.df, 6);
  EXPECT_NEAR(*t.p_value, 0.0004, 0.00005);
}

TEST(ChiSquareTest, SurvivalMatchesClosedFormsAndTables) {
  // df = 2: P(χ² ≥ x) = exp(−x/2) exactly.
  EXPECT_NEAR(ChiSquareSurvival(3.0, 2), std::exp(-1.5), 1e-14);
  // A&S Table 26.8: the upper 5% point of χ²_1 is 3.841, of χ²_10 is 18.307.
  EXPECT_NEAR(ChiSquareSurvival(3.841459, 1), 0.05, 1e-6);
  EXPECT_NEAR(ChiSquareSurvival(18.307038, 10), 0.05, 1e-6);
  EXPECT_EQ(ChiSquareSurvival(0, 4), 1);
}

TEST(ChiSquareTest, EmptyRowsAndColumnsAreLeftOutAndTooLittleIsUndefined) {
  const ChiSquareTest with_empty =
      ChiSquareHomogeneity({{762, 0, 327, 468}, {0, 0, 0, 0}, {484, 0, 239, 477}});
  EXPECT_EQ(with_empty.df, 2);
  EXPECT_NEAR(*with_empty.chi_square.value, 30.07, 0.005);
  EXPECT_FALSE(ChiSquareHomogeneity({{5, 3}}).chi_square.defined());
  EXPECT_FALSE(ChiSquareHomogeneity({{5, 0}, {3, 0}}).p_value.has_value());
  EXPECT_FALSE(ChiSquareHomogeneity({}).chi_square.undefined_reason.empty());
}

}  // namespace
}  // namespace chorus::quality
