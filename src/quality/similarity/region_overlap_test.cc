#include "quality/similarity/region_overlap.h"

#include <gtest/gtest.h>

#include <cmath>

namespace chorus::quality {
namespace {

Outline Square(double x, double y, double side) { return RotatedBox(x, y, side, side, 0); }

TEST(RegionOverlapTest, AreasOfBoxesTrianglesAndCrossedOutlines) {
  EXPECT_NEAR(RegionArea(Square(10, 20, 30)), 900, 1e-9);
  EXPECT_NEAR(RegionArea({{0, 0}, {4, 0}, {0, 3}}), 6, 1e-9);
  // A bow tie: two triangles of area 1 each under the even-odd rule.
  EXPECT_NEAR(RegionArea({{0, 0}, {2, 2}, {2, 0}, {0, 2}}), 2, 1e-9);
  EXPECT_EQ(RegionArea({{0, 0}, {1, 1}}), 0);
}

TEST(RegionOverlapTest, RotationTurnsClockwiseAboutTheTopLeftCorner) {
  // On a y-down image, +90° takes the width axis (→) to point down (↓).
  const Outline turned = RotatedBox(10, 10, 20, 5, 90);
  EXPECT_NEAR(turned[1].x, 10, 1e-9);
  EXPECT_NEAR(turned[1].y, 30, 1e-9);
  EXPECT_NEAR(turned[2].x, 5, 1e-9);
  EXPECT_NEAR(RegionArea(turned), 100, 1e-9);
}

TEST(RegionOverlapTest, IntersectionOverUnion) {
  EXPECT_NEAR(RegionIoU(Square(0, 0, 10), Square(0, 0, 10)), 1, 1e-12);
  // Half overlapping: 50 / 150.
  EXPECT_NEAR(RegionIoU(Square(0, 0, 10), RotatedBox(5, 0, 10, 10, 0)), 1.0 / 3, 1e-9);
  EXPECT_EQ(RegionIoU(Square(0, 0, 10), Square(20, 20, 5)), 0);
  // The diamond inscribed in a 2×2 square covers half of it.
  EXPECT_NEAR(RegionIoU(Square(0, 0, 2), {{1, 0}, {2, 1}, {1, 2}, {0, 1}}), 0.5, 1e-9);
  // A square turned 45° about its corner against itself unturned: the overlap is the half
  // of the turned square right of x = 0 (side²/2) less its corner above y = side (a right
  // triangle with legs side·(√2 − 1)), which is side²·(√2 − 1).
  const double side = 10, overlap = side * side * (std::sqrt(2.0) - 1);
  EXPECT_NEAR(RegionIoU(Square(0, 0, side), RotatedBox(0, 0, side, side, 45)),
              overlap / (2 * side * side - overlap), 1e-6);
}

TEST(RegionOverlapTest, TimeSegments) {
  EXPECT_NEAR(IntervalIoU(0, 2, 1, 3), 1.0 / 3, 1e-12);
  EXPECT_EQ(IntervalIoU(0, 1, 1, 2), 0);
  EXPECT_EQ(IntervalIoU(1, 1, 1, 1), 0);
}

}  // namespace
}  // namespace chorus::quality
