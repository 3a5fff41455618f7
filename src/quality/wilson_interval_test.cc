#include "quality/wilson_interval.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace chorus::quality {
namespace {

// Newcombe, R. G. (1998) Statistics in Medicine 17:857-872, Table I, method 3 (score method
// without continuity correction), printed to 4 decimals. The numbers were taken from a public
// test that cites that table (checked with the search tool) and recomputed here from the
// formula; the table itself was not read.
TEST(WilsonIntervalTest, ReproducesNewcombe1998TableIMethod3) {
  struct Case {
    uint64_t successes, trials;
    double low, high;
  };
  const Case cases[] = {
      {81, 263, 0.2553, 0.3662},
      {15, 148, 0.0624, 0.1605},
      {0, 20, 0.0, 0.1611},
      {1, 29, 0.0061, 0.1718},
  };
  for (const Case& c : cases) {
    const Interval interval = WilsonInterval(c.successes, c.trials);
    EXPECT_NEAR(interval.low, c.low, 5e-5) << c.successes << "/" << c.trials;
    EXPECT_NEAR(interval.high, c.high, 5e-5) << c.successes << "/" << c.trials;
  }
}

TEST(WilsonIntervalTest, EndsAreExactAtZeroAndAllSuccesses) {
  EXPECT_EQ(WilsonInterval(0, 20).low, 0.0);
  EXPECT_EQ(WilsonInterval(20, 20).high, 1.0);
  // Mirror of 0/20 from Newcombe's Table I.
  EXPECT_NEAR(WilsonInterval(20, 20).low, 1 - 0.1611, 5e-5);
}

TEST(WilsonIntervalTest, MirrorsUnderSuccessFailureSwap) {
  for (uint64_t n : {1u, 2u, 7u, 50u, 1000u}) {
    for (uint64_t k = 0; k <= n; k += (n < 10 ? 1 : n / 10)) {
      const Interval a = WilsonInterval(k, n), b = WilsonInterval(n - k, n);
      EXPECT_NEAR(a.low, 1 - b.high, 1e-12) << k << "/" << n;
      EXPECT_NEAR(a.high, 1 - b.low, 1e-12) << k << "/" << n;
    }
  }
}

TEST(WilsonIntervalTest, ContainsTheProportionAndShrinksWithMoreTrials) {
  for (uint64_t n : {1u, 3u, 10u, 100u, 100000u}) {
    for (uint64_t k = 0; k <= n; k += (n < 10 ? 1 : n / 10)) {
      const Interval interval = WilsonInterval(k, n);
      const double p = static_cast<double>(k) / static_cast<double>(n);
      EXPECT_LE(0.0, interval.low);
      EXPECT_LE(interval.low, p);
      EXPECT_LE(p, interval.high);
      EXPECT_LE(interval.high, 1.0);
    }
  }
  const Interval small = WilsonInterval(3, 10), large = WilsonInterval(300, 1000);
  EXPECT_LT(large.high - large.low, small.high - small.low);
}

TEST(WilsonIntervalTest, ZeroZGivesThePointAndWiderZGivesAWiderInterval) {
  const Interval point = WilsonInterval(3, 12, 0.0);
  EXPECT_DOUBLE_EQ(point.low, 0.25);
  EXPECT_DOUBLE_EQ(point.high, 0.25);
  const Interval ci95 = WilsonInterval(3, 12), ci99 = WilsonInterval(3, 12, 2.5758293035489);
  EXPECT_LT(ci99.low, ci95.low);
  EXPECT_GT(ci99.high, ci95.high);
}

}  // namespace
}  // namespace chorus::quality
