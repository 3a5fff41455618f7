#include "quality/similarity/rank_correlation.h"

#include <gtest/gtest.h>

namespace chorus::quality {
namespace {

TEST(RankCorrelationTest, KendallTau) {
  EXPECT_EQ(KendallTau({0, 1, 2, 3}, {0, 1, 2, 3}), 1);
  EXPECT_EQ(KendallTau({0, 1, 2, 3}, {3, 2, 1, 0}), -1);
  // One adjacent swap among 4 items: 5 concordant, 1 discordant pair of 6.
  EXPECT_NEAR(KendallTau({0, 1, 2, 3}, {1, 0, 2, 3}), 4.0 / 6, 1e-12);
  // Only shared items are compared.
  EXPECT_NEAR(KendallTau({0, 1, 2}, {2, 0, 1}), -1.0 / 3, 1e-12);
  EXPECT_EQ(KendallTau({0, 1, 2}, {}), -1);
}

}  // namespace
}  // namespace chorus::quality
