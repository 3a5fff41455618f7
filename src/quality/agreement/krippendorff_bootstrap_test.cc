#include "quality/agreement/krippendorff_bootstrap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "quality/agreement/krippendorff.h"
#include "quality/testdata/krippendorff_2011_4x12.h"
#include "quality/vote_table.h"

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

constexpr MeasurementLevel kEveryLevel[] = {MeasurementLevel::kNominal, MeasurementLevel::kOrdinal,
                                            MeasurementLevel::kInterval, MeasurementLevel::kRatio};

using testdata::FromCoderMatrix;
using testdata::Group;
using testdata::Name;
using Votes = testdata::GroupedVotes;

// Votes near a per-unit truth, so that alpha is clearly positive; reals are positive.
Votes RandomVotes(int coders, int units, int values, uint64_t seed, bool reals = false) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> truth(1, values);
  std::bernoulli_distribution absent(0.2), noisy(0.3);
  std::normal_distribution<double> jitter(0, 0.5);
  VoteTable table;
  for (int u = 0; u < units; ++u) {
    const int t = truth(rng);
    for (int c = 0; c < coders; ++c) {
      if (absent(rng)) continue;
      const std::string label =
          reals ? std::to_string(t + 5 + jitter(rng)) : std::to_string(noisy(rng) ? truth(rng) : t);
      table.Add(Name("u", u), Name("c", c), label);
    }
  }
  return Group(std::move(table));
}

AlphaBootstrap Boot(const Votes& v, MeasurementLevel level, AlphaBootstrapOptions options = {}) {
  auto result =
      KrippendorffAlphaBootstrap(v.grouped, v.table.label_count(), level, v.values, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : AlphaBootstrap{};
}

TEST(KrippendorffBootstrapTest, SameSeedSameDistribution) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  for (MeasurementLevel level : kEveryLevel) {
    AlphaBootstrapOptions options;
    options.seed = 99;
    const AlphaBootstrap a = Boot(v, level, options);
    const AlphaBootstrap b = Boot(v, level, options);
    EXPECT_EQ(a.distribution, b.distribution);
    options.seed = 100;
    const AlphaBootstrap c = Boot(v, level, options);
    EXPECT_NE(a.distribution, c.distribution);
  }
}

// Krippendorff (2011) 4 coders × 12 units (see quality/testdata/krippendorff_2011_4x12.h).
TEST(KrippendorffBootstrapTest, IntervalContainsEstimateOnKrippendorff2011) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  for (MeasurementLevel level : kEveryLevel) {
    const AlphaBootstrap boot = Boot(v, level);
    ASSERT_TRUE(boot.alpha.defined());
    const double alpha = *boot.alpha.value;
    EXPECT_NEAR(alpha, *KrippendorffAlpha(v.grouped, v.table.label_count(), level, v.values).value,
                1e-15);
    EXPECT_LE(boot.ci95.low, alpha) << MeasurementLevelName(level);
    EXPECT_GE(boot.ci95.high, alpha) << MeasurementLevelName(level);
    EXPECT_LT(boot.ci95.low, boot.ci95.high);
    ASSERT_TRUE(boot.alpha.ci95.has_value());
    EXPECT_EQ(boot.alpha.ci95->low, boot.ci95.low);
    EXPECT_EQ(boot.samples, 1000);
    EXPECT_EQ(boot.distribution.size(), 1000u);
    EXPECT_TRUE(std::is_sorted(boot.distribution.begin(), boot.distribution.end()));
    // KALPHA: M = min(25·Q, (m − 1)·n / 2) = (4 − 1)·40 / 2 pairs; Q ≥ 5 here.
    EXPECT_EQ(boot.draws_per_sample, 60u);
    // Resampled D_o averages the observed one, so the α* average the estimate.
    const double mean =
        std::accumulate(boot.distribution.begin(), boot.distribution.end(), 0.0) / 1000;
    EXPECT_NEAR(mean, alpha, 0.03) << MeasurementLevelName(level);
  }
}

TEST(KrippendorffBootstrapTest, ProbabilityBelowFollowsTheThresholds) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  const AlphaBootstrap boot = Boot(v, MeasurementLevel::kNominal);
  const std::vector<double> expected = {0.9, 0.8, 0.7, 0.67, 0.6, 0.5};
  ASSERT_EQ(boot.probability_below.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(boot.probability_below[i].first, expected[i]);
    EXPECT_GE(boot.probability_below[i].second, 0.0);
    EXPECT_LE(boot.probability_below[i].second, 1.0);
    if (i > 0) {
      EXPECT_LE(boot.probability_below[i].second, boot.probability_below[i - 1].second);
    }
    const double share = std::count_if(boot.distribution.begin(), boot.distribution.end(),
                                       [&](double a) { return a < expected[i]; }) /
                         1000.0;
    EXPECT_DOUBLE_EQ(boot.probability_below[i].second, share);
  }
  // alpha = 0.743: failing 0.9 is likely, failing 0.5 is not.
  EXPECT_GT(boot.probability_below[0].second, 0.5);
  EXPECT_LT(boot.probability_below[5].second, 0.2);
}

TEST(KrippendorffBootstrapTest, FewerUnitsGiveAWiderInterval) {
  for (MeasurementLevel level : kEveryLevel) {
    const AlphaBootstrap small = Boot(RandomVotes(3, 12, 3, 5), level);
    const AlphaBootstrap large = Boot(RandomVotes(3, 150, 3, 5), level);
    ASSERT_TRUE(small.alpha.defined() && large.alpha.defined());
    EXPECT_LT(small.draws_per_sample, large.draws_per_sample);
    EXPECT_GT(small.ci95.high - small.ci95.low, 1.5 * (large.ci95.high - large.ci95.low))
        << MeasurementLevelName(level);
  }
}

TEST(KrippendorffBootstrapTest, UndefinedAlphaHasNoSamples) {
  const Votes v = FromCoderMatrix({{1, 0}, {0, 2}});
  const AlphaBootstrap boot = Boot(v, MeasurementLevel::kNominal);
  EXPECT_FALSE(boot.alpha.defined());
  EXPECT_FALSE(boot.alpha.undefined_reason.empty());
  EXPECT_EQ(boot.samples, 0);
  EXPECT_TRUE(boot.distribution.empty());
}

TEST(KrippendorffBootstrapTest, RejectsBadOptions) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  AlphaBootstrapOptions options;
  options.samples = 0;
  auto none = KrippendorffAlphaBootstrap(v.grouped, v.table.label_count(),
                                         MeasurementLevel::kNominal, {}, options);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  options = {};
  options.alpha_min = {0.8, 1.5};
  auto threshold = KrippendorffAlphaBootstrap(v.grouped, v.table.label_count(),
                                              MeasurementLevel::kNominal, {}, options);
  ASSERT_FALSE(threshold.ok());
  EXPECT_EQ(threshold.status().field(), "alpha_min");
}

// Two units, each with two agreeing values of its own category: alpha = 1, M = 2 pairs. A
// resample of two pairs from one diagonal cell has no variation (KALPHA: alpha 0), which
// happens with probability 0.5² + 0.5²; otherwise alpha* = 1.
TEST(KrippendorffBootstrapTest, ResamplesWithoutVariationCountAsZero) {
  const Votes v = FromCoderMatrix({{1, 2}, {1, 2}});
  AlphaBootstrapOptions options;
  options.samples = 4000;
  const AlphaBootstrap boot = Boot(v, MeasurementLevel::kNominal, options);
  ASSERT_EQ(boot.draws_per_sample, 2u);
  EXPECT_DOUBLE_EQ(*boot.alpha.value, 1.0);
  const auto zeros = std::count(boot.distribution.begin(), boot.distribution.end(), 0.0);
  const auto ones = std::count(boot.distribution.begin(), boot.distribution.end(), 1.0);
  EXPECT_EQ(zeros + ones, 4000);
  EXPECT_NEAR(zeros / 4000.0, 0.5, 0.04);
}

// Only value 1 has agreeing pairs, so every all-agreeing resample lies in one cell: never 1.
TEST(KrippendorffBootstrapTest, OneAgreeingValueNeverResamplesToOne) {
  const Votes v = FromCoderMatrix({{1, 1, 1, 1}, {1, 1, 1, 2}});
  const AlphaBootstrap boot = Boot(v, MeasurementLevel::kNominal);
  ASSERT_EQ(boot.draws_per_sample, 4u);
  EXPECT_EQ(std::count(boot.distribution.begin(), boot.distribution.end(), 1.0), 0);
  // alpha* = 1 − (disagreeing pairs): 0 for one disagreement and for all four agreeing
  // (0.75⁴ + 4·0.75³·0.25 ≈ 0.738).
  const auto zeros = std::count(boot.distribution.begin(), boot.distribution.end(), 0.0);
  EXPECT_NEAR(zeros / 1000.0, 0.738, 0.05);
}

// The exact draws, pair-by-pair draws and the normal limit describe the same distribution.
TEST(KrippendorffBootstrapTest, DrawingStrategiesAgree) {
  const Votes v = RandomVotes(4, 150, 5, 21, /*reals=*/true);
  ASSERT_GT(v.table.label_count(), 256u);
  for (MeasurementLevel level :
       {MeasurementLevel::kOrdinal, MeasurementLevel::kInterval, MeasurementLevel::kRatio}) {
    AlphaBootstrapOptions exact;
    exact.samples = 1000;
    exact.max_exact_values = 4096;
    AlphaBootstrapOptions pairs = exact;
    pairs.max_exact_values = 0;
    AlphaBootstrapOptions normal = pairs;
    normal.max_direct_draws = 0;
    const AlphaBootstrap a = Boot(v, level, exact);
    const AlphaBootstrap b = Boot(v, level, pairs);
    const AlphaBootstrap c = Boot(v, level, normal);
    ASSERT_TRUE(a.alpha.defined()) << a.alpha.undefined_reason;
    EXPECT_EQ(a.draws_per_sample, b.draws_per_sample);
    EXPECT_EQ(a.draws_per_sample, c.draws_per_sample);
    for (const AlphaBootstrap* other : {&b, &c}) {
      EXPECT_NEAR(a.ci95.low, other->ci95.low, 0.005) << MeasurementLevelName(level);
      EXPECT_NEAR(a.ci95.high, other->ci95.high, 0.005) << MeasurementLevelName(level);
    }
  }
}

TEST(KrippendorffBootstrapTest, ManyDistinctValuesUseTheNormalLimitAndStayConsistent) {
  const Votes v = RandomVotes(20, 2000, 5, 8, /*reals=*/true);
  const AlphaBootstrap boot = Boot(v, MeasurementLevel::kInterval);
  ASSERT_TRUE(boot.alpha.defined());
  EXPECT_GT(boot.draws_per_sample, AlphaBootstrapOptions{}.max_direct_draws);
  EXPECT_LE(boot.ci95.low, *boot.alpha.value);
  EXPECT_GE(boot.ci95.high, *boot.alpha.value);
  EXPECT_LT(boot.ci95.high - boot.ci95.low, 0.02);
}

}  // namespace
}  // namespace chorus::quality
