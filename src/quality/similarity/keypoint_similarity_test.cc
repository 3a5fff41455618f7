#include "quality/similarity/keypoint_similarity.h"

#include <gtest/gtest.h>

#include <cmath>

namespace chorus::quality {
namespace {

TEST(KeypointSimilarityTest, FollowsCocosFormula) {
  // Reference box of the points: 10 × 10, s² = 100; κ = 2σ = 0.14.
  const std::vector<NamedPoint> reference = {{"nose", 0, 0}, {"hip", 10, 10}};
  EXPECT_NEAR(ObjectKeypointSimilarity(reference, reference), 1, 1e-12);
  const std::vector<NamedPoint> moved = {{"nose", 1, 0}, {"hip", 10, 10}};
  const double nose = std::exp(-1.0 / (2 * 100 * 0.14 * 0.14));
  EXPECT_NEAR(ObjectKeypointSimilarity(reference, moved), (nose + 1) / 2, 1e-12);
  // A point the answer lacks scores 0; an extra point it adds is ignored.
  const std::vector<NamedPoint> partial = {{"hip", 10, 10}, {"eye", 3, 3}};
  EXPECT_NEAR(ObjectKeypointSimilarity(reference, partial), 0.5, 1e-12);
}

TEST(KeypointSimilarityTest, TinyObjectsUseTheAreaFloor) {
  const std::vector<NamedPoint> one = {{"nose", 5, 5}};
  const std::vector<NamedPoint> off = {{"nose", 5.1, 5}};
  EXPECT_NEAR(ObjectKeypointSimilarity(one, off), std::exp(-0.01 / (2 * 1.0 * 0.14 * 0.14)), 1e-12);
  EXPECT_EQ(ObjectKeypointSimilarity({}, off), 1);
}

}  // namespace
}  // namespace chorus::quality
