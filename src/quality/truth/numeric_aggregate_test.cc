#include "quality/truth/numeric_aggregate.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::Name;

struct NumericVote {
  std::string item;
  std::string annotator;
  std::string label;
};

// Items i0..i<items-1> and annotators a0.. interned in id order first, then the votes.
VoteTable NumericTable(size_t items, size_t annotators, const std::vector<NumericVote>& votes) {
  VoteTable table;
  for (size_t i = 0; i < items; ++i) table.item_names().Intern(Name("i", i));
  for (size_t a = 0; a < annotators; ++a) table.annotator_names().Intern(Name("a", a));
  for (const NumericVote& v : votes) table.Add(v.item, v.annotator, v.label);
  return table;
}

// i0: 1, 2, 3, 10   i1: one vote, 5   i2: no votes   i3: 2, 2, 2
std::vector<NumericVote> ToyNumericVotes() {
  return {{"i0", "a0", "1"}, {"i0", "a1", "2"}, {"i0", "a2", "3"}, {"i0", "a3", "10"},
          {"i1", "a0", "5"}, {"i3", "a0", "2"}, {"i3", "a1", "2"}, {"i3", "a2", "2"}};
}

NumericAggregation Aggregate(const VoteTable& table, NumericMethod method, double trim = 0.1) {
  NumericAggregateOptions options;
  options.method = method;
  options.trim = trim;
  auto result = AggregateNumeric(table, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return *result;
}

std::string_view LabelOf(const VoteTable& table, const NumericItem& item) {
  return item.nearest_label ? table.label_names().Name(*item.nearest_label) : "<none>";
}

// Degenerate items that every method treats alike.
void ExpectToyDegenerateItems(const NumericAggregation& result) {
  // i1: one vote: a value, spread 0, no interval, a reason.
  EXPECT_DOUBLE_EQ(*result.items[1].value, 5);
  EXPECT_EQ(result.items[1].votes, 1u);
  EXPECT_EQ(result.items[1].spread, 0);
  EXPECT_EQ(result.items[1].mad, 0);
  EXPECT_FALSE(result.items[1].ci95);
  EXPECT_NE(result.items[1].undefined_reason.find("one vote"), std::string::npos);
  // i2: no votes: flagged, no value.
  EXPECT_FALSE(result.items[2].value);
  EXPECT_FALSE(result.items[2].nearest_label);
  EXPECT_EQ(result.items[2].votes, 0u);
  EXPECT_EQ(result.items[2].undefined_reason, "no votes");
  EXPECT_EQ(result.items_without_votes, 1u);
  // i3: identical votes: spread and MAD 0.
  EXPECT_DOUBLE_EQ(*result.items[3].value, 2);
  EXPECT_EQ(result.items[3].spread, 0);
  EXPECT_EQ(result.items[3].mad, 0);
}

TEST(NumericAggregateTest, MeanToyCaseByHand) {
  const VoteTable table = NumericTable(4, 4, ToyNumericVotes());
  const NumericAggregation result = Aggregate(table, NumericMethod::kMean);
  EXPECT_EQ(result.method, NumericMethod::kMean);
  ASSERT_EQ(result.items.size(), 4u);
  const NumericItem& i0 = result.items[0];
  // Mean 16/4 = 4; deviations -3 -2 -1 6, squares 50, s² = 50/3, s = 4.08248.
  EXPECT_EQ(i0.votes, 4u);
  EXPECT_DOUBLE_EQ(*i0.value, 4);
  EXPECT_NEAR(i0.spread, std::sqrt(50.0 / 3), 1e-12);
  // Median 2.5; |x - 2.5| = 1.5 .5 .5 7.5, sorted .5 .5 1.5 7.5, median 1.
  EXPECT_DOUBLE_EQ(i0.mad, 1);
  // SE = s/2 = 2.04124; t(0.975, 3) = 3.182446 (t table); half-width 6.496141.
  EXPECT_NEAR(*i0.standard_error, 2.041241452319315, 1e-12);
  EXPECT_NEAR(i0.ci95->low, -2.4961413181266874, 1e-8);
  EXPECT_NEAR(i0.ci95->high, 10.496141318126687, 1e-8);
  EXPECT_TRUE(i0.undefined_reason.empty());
  // Nearest used scale point to 4 among {1, 2, 3, 5, 10}: 3 and 5 tie at 1, the lower wins.
  EXPECT_EQ(LabelOf(table, i0), "3");
  ExpectToyDegenerateItems(result);
  // Identical votes: the interval has zero width, not NaN.
  EXPECT_EQ(*result.items[3].standard_error, 0);
  EXPECT_DOUBLE_EQ(result.items[3].ci95->low, 2);
  EXPECT_DOUBLE_EQ(result.items[3].ci95->high, 2);
  EXPECT_EQ(result.iterations, 0);
  EXPECT_FALSE(result.log_likelihood);
  // a0 voted 1 (vs 4), 5 (vs 5) and 2 (vs 2): residuals -3, 0, 0; bias -1; RMS about it
  // sqrt((4 + 1 + 1)/3) = sqrt(2).
  EXPECT_EQ(result.annotators[0].votes, 3u);
  EXPECT_DOUBLE_EQ(result.annotators[0].bias, -1);
  EXPECT_NEAR(result.annotators[0].noise_sd, std::sqrt(2.0), 1e-12);
}

TEST(NumericAggregateTest, MedianToyCaseByHandAndOrderStatisticInterval) {
  const VoteTable table = NumericTable(4, 4, ToyNumericVotes());
  const NumericAggregation result = Aggregate(table, NumericMethod::kMedian);
  const NumericItem& i0 = result.items[0];
  EXPECT_DOUBLE_EQ(*i0.value, 2.5);
  EXPECT_FALSE(i0.standard_error);
  // 4 votes: even [min, max] covers only 1 - 2/16.
  EXPECT_FALSE(i0.ci95);
  EXPECT_NE(i0.undefined_reason.find("at least 6 votes"), std::string::npos);
  // 2.5 is halfway between 2 and 3: ties go to the lower scale point.
  EXPECT_EQ(LabelOf(table, i0), "2");
  ExpectToyDegenerateItems(result);

  // Ten votes 1..10: P(Bin(10, 1/2) <= 1) = 11/1024 <= 0.025 < P(<= 2) = 56/1024, so k = 2 and
  // the interval is [x_(2), x_(9)] = [2, 9] (coverage 1 - 2·11/1024 = 97.9%).
  std::vector<NumericVote> votes;
  for (int v = 1; v <= 10; ++v) votes.push_back({"i0", Name("a", v - 1), std::to_string(v)});
  const NumericAggregation ten = Aggregate(NumericTable(1, 10, votes), NumericMethod::kMedian);
  EXPECT_DOUBLE_EQ(*ten.items[0].value, 5.5);
  ASSERT_TRUE(ten.items[0].ci95);
  EXPECT_DOUBLE_EQ(ten.items[0].ci95->low, 2);
  EXPECT_DOUBLE_EQ(ten.items[0].ci95->high, 9);
  // Six votes: P(X <= 0) = 1/64 <= 0.025 < 7/64: k = 1, [min, max].
  votes.resize(6);
  const NumericAggregation six = Aggregate(NumericTable(1, 6, votes), NumericMethod::kMedian);
  ASSERT_TRUE(six.items[0].ci95);
  EXPECT_DOUBLE_EQ(six.items[0].ci95->low, 1);
  EXPECT_DOUBLE_EQ(six.items[0].ci95->high, 6);
}

TEST(NumericAggregateTest, TrimmedMeanToyCaseByHand) {
  const VoteTable table = NumericTable(4, 4, ToyNumericVotes());
  // trim 0.25 of 4 votes: g = 1, keep 2 and 3: 2.5. Winsorised 2 2 3 3: (n - 1)·s_w² = 1;
  // h = 2: SE = sqrt(1 / (2·1)) = 0.707107; t(0.975, 1) = 12.706205: 2.5 ± 8.984644.
  const NumericAggregation result = Aggregate(table, NumericMethod::kTrimmedMean, 0.25);
  const NumericItem& i0 = result.items[0];
  EXPECT_DOUBLE_EQ(*i0.value, 2.5);
  EXPECT_NEAR(*i0.standard_error, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(i0.ci95->low, -6.484643532275763, 1e-8);
  EXPECT_NEAR(i0.ci95->high, 11.484643532275763, 1e-8);
  EXPECT_NEAR(i0.spread, std::sqrt(50.0 / 3), 1e-12);  // Of all votes, not the kept ones.
  ExpectToyDegenerateItems(result);
  // The default 0.1 cuts floor(0.4) = 0 votes: exactly the mean and its interval.
  const NumericAggregation untrimmed = Aggregate(table, NumericMethod::kTrimmedMean);
  const NumericAggregation mean = Aggregate(table, NumericMethod::kMean);
  EXPECT_DOUBLE_EQ(*untrimmed.items[0].value, 4);
  EXPECT_DOUBLE_EQ(untrimmed.items[0].ci95->low, mean.items[0].ci95->low);
  EXPECT_DOUBLE_EQ(untrimmed.items[0].ci95->high, mean.items[0].ci95->high);
  // trim 0.4 of 3 identical votes: g = 1, h = 1: a value but no interval.
  const NumericAggregation narrow = Aggregate(table, NumericMethod::kTrimmedMean, 0.4);
  EXPECT_DOUBLE_EQ(*narrow.items[3].value, 2);
  EXPECT_FALSE(narrow.items[3].ci95);
  EXPECT_NE(narrow.items[3].undefined_reason.find("trimming left one vote"), std::string::npos);
}

// a1 answers exactly a0 + 2 on both items.
VoteTable ShiftedPair() {
  return NumericTable(2, 2,
                      {{"i0", "a0", "1"}, {"i0", "a1", "3"}, {"i1", "a0", "3"}, {"i1", "a1", "5"}});
}

TEST(NumericAggregateTest, NoiseAwareToyCaseByHand) {
  // σ0² = pooled within-item variance = (2 + 2)/(1 + 1) = 2. Iteration 1 from t = (2, 4):
  // b = (-1, +1) (mean 0, nothing to centre); residuals all 0; each vote has leverage 1/2
  // (equal weights, two votes per item), so each annotator has 2·(1 - 1/2) = 1 degree of
  // freedom and s² = (0 + 2·2)/(1 + 2) = 4/3; t = mean of (x - b) = (2, 4). Iteration 2
  // moves nothing: converged.
  // L = 4·(-½ log(2π·4/3)) + 2·(-½·2·(log 4/3 + 2/(4/3))) = -2 log 2π - 4 log 4/3 - 3.
  const VoteTable table = ShiftedPair();
  const NumericAggregation result = Aggregate(table, NumericMethod::kNoiseAware);
  EXPECT_DOUBLE_EQ(result.prior_variance, 2);
  EXPECT_NEAR(*result.items[0].value, 2, 1e-12);
  EXPECT_NEAR(*result.items[1].value, 4, 1e-12);
  EXPECT_NEAR(result.annotators[0].bias, -1, 1e-12);
  EXPECT_NEAR(result.annotators[1].bias, 1, 1e-12);
  EXPECT_NEAR(result.annotators[0].noise_sd, std::sqrt(4.0 / 3), 1e-12);
  EXPECT_NEAR(result.annotators[1].noise_sd, std::sqrt(4.0 / 3), 1e-12);
  // SE = 1/sqrt(3/4 + 3/4) = sqrt(2/3); interval ± 1.959964·0.816497 = ± 1.600310.
  EXPECT_NEAR(*result.items[0].standard_error, std::sqrt(2.0 / 3), 1e-12);
  EXPECT_NEAR(result.items[0].ci95->low, 2 - 1.959963984540054 * std::sqrt(2.0 / 3), 1e-12);
  EXPECT_NEAR(result.items[0].ci95->high, 2 + 1.959963984540054 * std::sqrt(2.0 / 3), 1e-12);
  EXPECT_EQ(result.iterations, 2);
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(*result.log_likelihood,
              -2 * std::log(2 * std::numbers::pi) - 4 * std::log(4.0 / 3) - 3, 1e-9);
  // The spread is of the raw votes, whatever the method.
  EXPECT_NEAR(result.items[0].spread, std::sqrt(2.0), 1e-12);
  EXPECT_FALSE(result.gold);
}

TEST(NumericAggregateTest, NoiseAwareGoldClampsAndAnchorsTheBiases) {
  // Gold i0 = 1 says a0 is right. Fixed point: b0 = mean(1 - 1, 3 - t1), b1 = mean(3 - 1,
  // 5 - t1), t1 = mean(3 - b0, 5 - b1) (equal weights by symmetry) gives t1 = (3 + t1)/2, so
  // t1 = 3, b = (0, 2): the biases are not centred because gold fixes the level.
  const VoteTable table = ShiftedPair();
  const std::vector<std::optional<double>> gold = {1.0, std::nullopt};
  NumericAggregateOptions options;
  options.method = NumericMethod::kNoiseAware;
  options.gold = gold;
  auto result = AggregateNumeric(table, options);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->converged);
  EXPECT_TRUE(result->items[0].gold);
  EXPECT_DOUBLE_EQ(*result->items[0].value, 1);
  EXPECT_FALSE(result->items[0].ci95);
  EXPECT_NE(result->items[0].undefined_reason.find("gold"), std::string::npos);
  EXPECT_NEAR(*result->items[1].value, 3, 1e-4);
  EXPECT_NEAR(result->annotators[0].bias, 0, 1e-4);
  EXPECT_NEAR(result->annotators[1].bias, 2, 1e-4);
  // The fit that did not see gold estimates i0 at 2: error 1 on the one gold item.
  ASSERT_TRUE(result->gold);
  EXPECT_EQ(result->gold->gold_items, 1u);
  EXPECT_NEAR(result->gold->mean_absolute_error, 1, 1e-9);
  EXPECT_NEAR(result->gold->root_mean_squared_error, 1, 1e-9);
  // For the closed forms gold only measures: the mean of i0 is 2, error 1.
  options.method = NumericMethod::kMean;
  auto mean = AggregateNumeric(table, options);
  ASSERT_TRUE(mean.ok());
  EXPECT_DOUBLE_EQ(*mean->items[0].value, 2);
  EXPECT_FALSE(mean->items[0].gold);
  EXPECT_NEAR(mean->gold->mean_absolute_error, 1, 1e-12);
}

// NumericSample data: 300 items with truths ~ N(5, 2); annotators a0 (bias 0, sd 0.5), a1 (bias +2,
// sd 0.5), a2 (bias 0, sd 3: very noisy), a3 (bias 0, sd 0.5); each item gets 3 of the 4.
struct NumericSample {
  VoteTable table;
  std::vector<double> truth;
  std::vector<double> bias = {0, 2, 0, 0};
  std::vector<double> sd = {0.5, 0.5, 3, 0.5};
};

NumericSample GenerateNumeric(uint32_t seed) {
  NumericSample g;
  std::mt19937 rng(seed);
  std::normal_distribution<double> truth(5, 2), noise(0, 1);
  const size_t items = 300;
  g.table = NumericTable(items, 4, {});
  for (size_t i = 0; i < items; ++i) {
    g.truth.push_back(truth(rng));
    const size_t skipped = rng() % 4;
    for (size_t a = 0; a < 4; ++a) {
      if (a == skipped) continue;
      const double x = g.truth[i] + g.bias[a] + g.sd[a] * noise(rng);
      g.table.Add(Name("i", i), Name("a", a), fmt::format("{:.4f}", x));
    }
  }
  return g;
}

double RootMeanSquaredError(const NumericAggregation& result, const std::vector<double>& truth,
                            double offset) {
  double squares = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    const double d = *result.items[i].value - (truth[i] + offset);
    squares += d * d;
  }
  return std::sqrt(squares / static_cast<double>(truth.size()));
}

TEST(NumericAggregateTest, NoiseAwareRecoversBiasesAndBeatsTheMean) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    const NumericSample g = GenerateNumeric(seed);
    const NumericAggregation noise_aware = Aggregate(g.table, NumericMethod::kNoiseAware);
    const NumericAggregation mean = Aggregate(g.table, NumericMethod::kMean);
    EXPECT_TRUE(noise_aware.converged) << seed;
    // Without gold the biases are identified up to their mean (0.5): the fit recovers
    // b - 0.5 and the truths plus 0.5.
    const double mean_bias = 0.5;
    for (size_t a = 0; a < 4; ++a) {
      // About 3 standard errors of a mean of ~225 residuals.
      const double tolerance = 3 * g.sd[a] / 15 + 0.05;
      EXPECT_NEAR(noise_aware.annotators[a].bias, g.bias[a] - mean_bias, tolerance)
          << "seed " << seed << " annotator " << a;
      EXPECT_NEAR(noise_aware.annotators[a].noise_sd, g.sd[a], 0.15 * g.sd[a] + 0.05)
          << "seed " << seed << " annotator " << a;
    }
    const double aware_error = RootMeanSquaredError(noise_aware, g.truth, mean_bias);
    const double mean_error = RootMeanSquaredError(mean, g.truth, mean_bias);
    // Two careful annotators weighted together: about 0.5/√2 ≈ 0.35; the plain mean carries
    // the noisy annotator (3/3 = 1 on 3 items in 4) and the bias of whoever voted.
    EXPECT_LT(aware_error, 0.5) << seed;
    EXPECT_GT(mean_error, 0.8) << seed;
    EXPECT_LT(aware_error, 0.6 * mean_error) << seed;
    // The intervals are not absurd: about 95% cover the truth (285-291 of 300 for these seeds).
    size_t covered = 0;
    for (size_t i = 0; i < g.truth.size(); ++i) {
      const auto& ci = *noise_aware.items[i].ci95;
      covered += ci.low <= g.truth[i] + mean_bias && g.truth[i] + mean_bias <= ci.high;
    }
    EXPECT_GT(covered, 0.9 * g.truth.size()) << seed;
  }
}

TEST(NumericAggregateTest, NoiseAwareWithGoldRecoversAbsoluteBiases) {
  const NumericSample g = GenerateNumeric(7);
  std::vector<std::optional<double>> gold(g.truth.size());
  for (size_t i = 0; i < 30; ++i) gold[i] = g.truth[i];
  NumericAggregateOptions options;
  options.method = NumericMethod::kNoiseAware;
  options.gold = gold;
  auto result = AggregateNumeric(g.table, options);
  ASSERT_TRUE(result.ok());
  for (size_t a = 0; a < 4; ++a) {
    EXPECT_NEAR(result->annotators[a].bias, g.bias[a], 3 * g.sd[a] / 15 + 0.05) << a;
  }
  ASSERT_TRUE(result->gold);
  EXPECT_EQ(result->gold->gold_items, 30u);
  // Held out, the gold items are still off by the unidentified mean bias (0.5) plus noise.
  EXPECT_LT(result->gold->root_mean_squared_error, 1.0);
}

// Label values are the ids' numbers: a value table of the toy file, transformed.
NumericAggregation RunGrouped(const VoteTable& table, NumericMethod method,
                              double (*transform)(double)) {
  std::vector<double> values = *table.NumericLabelValues();
  for (double& v : values) v = transform(v);
  NumericAggregateOptions options;
  options.method = method;
  options.trim = 0.25;
  return AggregateNumeric(GroupByItem(table), values, table.annotator_count(), options);
}

TEST(NumericAggregateTest, ShiftAndScaleMoveTheEstimatesAlong) {
  const NumericSample g = GenerateNumeric(11);
  for (NumericMethod method : {NumericMethod::kMean, NumericMethod::kMedian,
                               NumericMethod::kTrimmedMean, NumericMethod::kNoiseAware}) {
    const NumericAggregation base = RunGrouped(g.table, method, [](double v) { return v; });
    const NumericAggregation shifted =
        RunGrouped(g.table, method, [](double v) { return v + 100; });
    const NumericAggregation scaled = RunGrouped(g.table, method, [](double v) { return 2.5 * v; });
    for (size_t i = 0; i < base.items.size(); ++i) {
      const NumericItem& b = base.items[i];
      EXPECT_NEAR(*shifted.items[i].value, *b.value + 100, 1e-6) << NumericMethodName(method);
      EXPECT_NEAR(shifted.items[i].spread, b.spread, 1e-6);
      EXPECT_NEAR(*scaled.items[i].value, 2.5 * *b.value, 1e-6) << NumericMethodName(method);
      EXPECT_NEAR(scaled.items[i].spread, 2.5 * b.spread, 1e-6);
      EXPECT_NEAR(scaled.items[i].mad, 2.5 * b.mad, 1e-6);
      ASSERT_EQ(shifted.items[i].ci95.has_value(), b.ci95.has_value());
      if (b.ci95) {
        EXPECT_NEAR(shifted.items[i].ci95->low, b.ci95->low + 100, 1e-6);
        EXPECT_NEAR(scaled.items[i].ci95->high, 2.5 * b.ci95->high, 1e-6);
      }
    }
    for (size_t a = 0; a < base.annotators.size(); ++a) {
      EXPECT_NEAR(shifted.annotators[a].bias, base.annotators[a].bias, 1e-6);
      EXPECT_NEAR(scaled.annotators[a].noise_sd, 2.5 * base.annotators[a].noise_sd, 1e-6);
    }
  }
}

TEST(NumericAggregateTest, ReorderingAndRenamingVotesChangesNothing) {
  const NumericSample g = GenerateNumeric(5);
  std::vector<NumericVote> votes;
  for (size_t v = 0; v < g.table.size(); ++v) {
    votes.push_back({std::string(g.table.item_names().Name(g.table.items()[v])),
                     std::string(g.table.annotator_names().Name(g.table.annotators()[v])),
                     std::string(g.table.label_names().Name(g.table.labels()[v]))});
  }
  std::mt19937 rng(3);
  std::shuffle(votes.begin(), votes.end(), rng);
  // Items interned in the original order (ids match), annotators and labels in shuffled order.
  VoteTable shuffled;
  for (size_t i = 0; i < g.table.item_count(); ++i) shuffled.item_names().Intern(Name("i", i));
  for (const NumericVote& v : votes) shuffled.Add(v.item, v.annotator, v.label);
  for (NumericMethod method : {NumericMethod::kMean, NumericMethod::kMedian,
                               NumericMethod::kTrimmedMean, NumericMethod::kNoiseAware}) {
    const NumericAggregation a = Aggregate(g.table, method);
    const NumericAggregation b = Aggregate(shuffled, method);
    for (size_t i = 0; i < a.items.size(); ++i) {
      EXPECT_NEAR(*a.items[i].value, *b.items[i].value, 1e-9) << NumericMethodName(method);
      EXPECT_NEAR(a.items[i].spread, b.items[i].spread, 1e-9);
      EXPECT_EQ(g.table.label_names().Name(*a.items[i].nearest_label),
                shuffled.label_names().Name(*b.items[i].nearest_label));
    }
    for (size_t x = 0; x < 4; ++x) {
      const auto y = *shuffled.annotator_names().Find(Name("a", x));
      EXPECT_NEAR(a.annotators[x].bias, b.annotators[y].bias, 1e-9);
      EXPECT_NEAR(a.annotators[x].noise_sd, b.annotators[y].noise_sd, 1e-9);
    }
  }
}

TEST(NumericAggregateTest, OneAnnotatorGetsFinitePrecision) {
  // Every item has one vote: σ0² falls back to Δ²/12 with Δ = 1 (the scale step); every vote
  // alone decides its item (leverage 1, no degree of freedom) and the bias is centred to 0, so
  // s² = (0 + 2·(1/12))/(0 + 2) = σ0²: the prior, finite.
  const VoteTable table = NumericTable(5, 1,
                                       {{"i0", "a0", "1"},
                                        {"i1", "a0", "2"},
                                        {"i2", "a0", "3"},
                                        {"i3", "a0", "4"},
                                        {"i4", "a0", "5"}});
  const NumericAggregation result = Aggregate(table, NumericMethod::kNoiseAware);
  EXPECT_DOUBLE_EQ(result.prior_variance, 1.0 / 12);
  EXPECT_NEAR(result.annotators[0].noise_sd, std::sqrt(1.0 / 12), 1e-12);
  EXPECT_DOUBLE_EQ(result.annotators[0].bias, 0);
  EXPECT_TRUE(result.converged);
  EXPECT_TRUE(std::isfinite(*result.log_likelihood));
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(*result.items[i].value, i + 1.0, 1e-12);
    EXPECT_FALSE(result.items[i].ci95);  // One vote each.
    EXPECT_EQ(table.label_names().Name(*result.items[i].nearest_label), std::to_string(i + 1));
  }
}

TEST(NumericAggregateTest, IdenticalVotesGiveSpreadZeroAndFinitePrecision) {
  std::vector<NumericVote> votes;
  for (size_t i = 0; i < 3; ++i) {
    for (size_t a = 0; a < 3; ++a) votes.push_back({Name("i", i), Name("a", a), "4"});
  }
  const VoteTable table = NumericTable(3, 3, votes);
  const NumericAggregation result = Aggregate(table, NumericMethod::kNoiseAware);
  // One label value: σ0² = 1. Equal weights, leverage 1/3: 3·(2/3) = 2 degrees of freedom
  // each, s² = (0 + 2·1)/(2 + 2) = 0.5 for everyone; SE = sqrt(0.5/3).
  EXPECT_DOUBLE_EQ(result.prior_variance, 1);
  for (const NumericAnnotator& a : result.annotators) {
    EXPECT_NEAR(a.noise_sd, std::sqrt(0.5), 1e-12);
    EXPECT_DOUBLE_EQ(a.bias, 0);
  }
  for (const NumericItem& item : result.items) {
    EXPECT_DOUBLE_EQ(*item.value, 4);
    EXPECT_EQ(item.spread, 0);
    EXPECT_NEAR(*item.standard_error, std::sqrt(0.5 / 3), 1e-12);
  }
}

TEST(NumericAggregateTest, NearestLabelTiesGoToTheLowerValueThenTheLowerId) {
  // "2" and "2.0" both mean 2; the first interned ("2.0") is the one reported.
  const VoteTable table = NumericTable(
      2, 2, {{"i0", "a0", "2.0"}, {"i0", "a1", "3"}, {"i1", "a0", "2"}, {"i1", "a1", "2.0"}});
  const NumericAggregation result = Aggregate(table, NumericMethod::kMean);
  EXPECT_EQ(LabelOf(table, result.items[0]), "2.0");  // 2.5: halfway, the lower.
  EXPECT_EQ(LabelOf(table, result.items[1]), "2.0");
}

TEST(NumericAggregateTest, InputErrors) {
  VoteTable words = NumericTable(1, 2, {{"i0", "a0", "3"}, {"i0", "a1", "cat"}});
  auto result = AggregateNumeric(words, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("\"cat\" is not a number"), std::string::npos)
      << result.status().message();
  EXPECT_EQ(result.status().field(), "label");

  EXPECT_FALSE(AggregateNumeric(VoteTable{}, {}).ok());

  const VoteTable table = ShiftedPair();
  NumericAggregateOptions options;
  options.method = NumericMethod::kTrimmedMean;
  options.trim = 0.5;
  result = AggregateNumeric(table, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().field(), "--trim");
}

TEST(NumericAggregateTest, MethodNamesRoundTrip) {
  for (NumericMethod method : {NumericMethod::kMean, NumericMethod::kMedian,
                               NumericMethod::kTrimmedMean, NumericMethod::kNoiseAware}) {
    auto parsed = ParseNumericMethod(NumericMethodName(method));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, method);
    EXPECT_TRUE(IsNumericMethod(NumericMethodName(method)));
  }
  EXPECT_FALSE(IsNumericMethod("ds"));
  auto unknown = ParseNumericMethod("average");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("trimmed-mean"), std::string::npos);
}

}  // namespace
}  // namespace chorus::quality
