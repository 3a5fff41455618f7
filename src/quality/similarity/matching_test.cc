#include "quality/similarity/matching.h"

#include <gtest/gtest.h>

#include <vector>

namespace chorus::quality {
namespace {

TEST(MatchRegionsTest, IsPanopticQualityOfTheGreedyMatches) {
  // Reference regions 0, 1, 2; answers 0, 1, 2. Matches: (0,1) at 0.8 and (1,0) at 0.6;
  // (2,2) at 0.4 stays under the threshold: one miss and one spurious answer.
  // PQ = (0.8 + 0.6) / (2 + 0.5 + 0.5) (Kirillov et al. 2019, eq. 1).
  const std::vector<std::vector<double>> iou = {{0.1, 0.8, 0}, {0.6, 0.7, 0}, {0, 0, 0.4}};
  const MatchedQuality q = MatchRegions(3, 3, [&](size_t r, size_t a) { return iou[r][a]; });
  EXPECT_NEAR(q.quality, 1.4 / 3.0, 1e-12);
  EXPECT_EQ(q.matched, 2u);
  EXPECT_EQ(q.missed, 1u);
  EXPECT_EQ(q.spurious, 1u);
  EXPECT_NEAR(q.mean_similarity, 0.7, 1e-12);
}

TEST(MatchRegionsTest, ExactMatchesGiveTheF1OfDetection) {
  // 3 reference spans, 4 answers, 2 equal: F1 = 2·2 / (3 + 4).
  const MatchedQuality q = MatchRegions(3, 4, [](size_t r, size_t a) {
    return (r == 0 && a == 2) || (r == 2 && a == 0) ? 1.0 : 0.0;
  });
  EXPECT_NEAR(q.quality, 4.0 / 7.0, 1e-12);
}

TEST(MatchRegionsTest, EmptySetsAgreeAndOneEmptySetScoresZero) {
  auto never = [](size_t, size_t) { return 0.0; };
  EXPECT_EQ(MatchRegions(0, 0, never).quality, 1.0);
  EXPECT_EQ(MatchRegions(2, 0, never).quality, 0.0);
  EXPECT_EQ(MatchRegions(0, 2, never).quality, 0.0);
}

TEST(MatchRegionsTest, EachRegionMatchesOnce) {
  // One reference box and two identical answers on it: one match, one spurious answer.
  const MatchedQuality q = MatchRegions(1, 2, [](size_t, size_t) { return 1.0; });
  EXPECT_EQ(q.matched, 1u);
  EXPECT_NEAR(q.quality, 1.0 / 1.5, 1e-12);
}

}  // namespace
}  // namespace chorus::quality
