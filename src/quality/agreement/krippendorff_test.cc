#include "quality/agreement/krippendorff.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "quality/testdata/krippendorff_2011_4x12.h"
#include "quality/testdata/krippendorff_wikipedia_3x15.h"
#include "quality/vote_table.h"

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

constexpr MeasurementLevel kAllLevels[] = {MeasurementLevel::kNominal, MeasurementLevel::kOrdinal,
                                           MeasurementLevel::kInterval, MeasurementLevel::kRatio};

using testdata::FromCoderMatrix;
using testdata::Group;
using testdata::Name;
using Votes = testdata::GroupedVotes;

Statistic Alpha(const Votes& v, MeasurementLevel level) {
  return KrippendorffAlpha(v.grouped, v.table.label_count(), level, v.values);
}

double AlphaValue(const Votes& v, MeasurementLevel level) {
  Statistic s = Alpha(v, level);
  EXPECT_TRUE(s.defined()) << s.undefined_reason;
  return s.value.value_or(-99);
}

// Textbook alpha (Krippendorff 2011): a dense coincidence matrix and the δ² of each level,
// ordinal by its cumulative-frequency definition rather than by mid-ranks.
double NaiveAlpha(const Votes& v, MeasurementLevel level) {
  std::map<double, size_t> index;  // value -> row of the matrix
  auto key = [&](LabelId l) {
    return level == MeasurementLevel::kNominal ? static_cast<double>(l) : v.values[l];
  };
  for (size_t u = 0; u < v.grouped.item_count(); ++u) {
    if (v.grouped.VotesOn(u) < 2) continue;
    for (uint32_t k = v.grouped.offsets[u]; k < v.grouped.offsets[u + 1]; ++k) {
      index.emplace(key(v.grouped.labels[k]), 0);
    }
  }
  std::vector<double> value;
  for (auto& [val, row] : index) {
    row = value.size();
    value.push_back(val);
  }
  const size_t n_values = value.size();
  std::vector<std::vector<double>> o(n_values, std::vector<double>(n_values, 0));
  for (size_t u = 0; u < v.grouped.item_count(); ++u) {
    const uint32_t b = v.grouped.offsets[u], e = v.grouped.offsets[u + 1];
    if (e - b < 2) continue;
    for (uint32_t i = b; i < e; ++i) {
      for (uint32_t j = b; j < e; ++j) {
        if (i == j) continue;
        o[index[key(v.grouped.labels[i])]][index[key(v.grouped.labels[j])]] += 1.0 / (e - b - 1);
      }
    }
  }
  std::vector<double> nc(n_values, 0);
  double n = 0;
  for (size_t c = 0; c < n_values; ++c) {
    for (size_t k = 0; k < n_values; ++k) nc[c] += o[c][k];
    n += nc[c];
  }
  auto delta = [&](size_t c, size_t k) -> double {
    switch (level) {
      case MeasurementLevel::kNominal: return c == k ? 0 : 1;
      case MeasurementLevel::kOrdinal: {
        const size_t lo = std::min(c, k), hi = std::max(c, k);
        double s = 0;
        for (size_t g = lo; g <= hi; ++g) s += nc[g];
        s -= (nc[c] + nc[k]) / 2;
        return s * s;
      }
      case MeasurementLevel::kInterval: return std::pow(value[c] - value[k], 2);
      case MeasurementLevel::kRatio:
        return value[c] + value[k] == 0
                   ? 0
                   : std::pow((value[c] - value[k]) / (value[c] + value[k]), 2);
    }
    return 0;
  };
  double num = 0, den = 0;
  for (size_t c = 0; c < n_values; ++c) {
    for (size_t k = 0; k < n_values; ++k) {
      num += o[c][k] * delta(c, k);
      den += nc[c] * nc[k] * delta(c, k);
    }
  }
  return 1 - (n - 1) * num / den;
}

// Random votes: `coders` × `units`, each value missing with `missing` probability, values
// drawn near a per-unit truth so that alpha is far from 0.
Votes RandomVotes(int coders, int units, int values, double missing, uint64_t seed,
                  bool reals = false) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> truth(1, values);
  std::bernoulli_distribution absent(missing), noisy(0.3);
  std::normal_distribution<double> jitter(0, 0.4);
  VoteTable table;
  for (int u = 0; u < units; ++u) {
    const int t = truth(rng);
    for (int c = 0; c < coders; ++c) {
      if (absent(rng)) continue;
      std::string label;
      if (reals) {
        label = std::to_string(t + jitter(rng));
      } else {
        label = std::to_string(noisy(rng) ? truth(rng) : t);
      }
      table.Add(Name("u", u), Name("c", c), label);
    }
  }
  return Group(std::move(table));
}

// Published values: Krippendorff (2011) 4 coders × 12 units, as tested by
// pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py
// @ 13c1938f1297dc013b12e2655d2b8e01f1efc0d0 and choroba/statistics-krippendorff
// t/02-example.t @ 0fb9b389ad1670224cfab769ddb117512d48ed4e (3 decimals), recomputed to 4.
TEST(KrippendorffAlphaTest, Krippendorff2011FourCodersTwelveUnits) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kNominal), testdata::kKrippendorff2011Nominal, 5e-4);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kOrdinal), testdata::kKrippendorff2011Ordinal, 5e-4);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kInterval), testdata::kKrippendorff2011Interval,
              5e-4);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kRatio), testdata::kKrippendorff2011Ratio, 5e-4);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kNominal),
              testdata::kKrippendorff2011NominalRecomputed, 5e-5);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kOrdinal),
              testdata::kKrippendorff2011OrdinalRecomputed, 5e-5);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kInterval),
              testdata::kKrippendorff2011IntervalRecomputed, 5e-5);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kRatio), testdata::kKrippendorff2011RatioRecomputed,
              5e-5);
}

TEST(KrippendorffAlphaTest, Krippendorff2011DetailCountsPairableValues) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  const KrippendorffAlphaDetail d = KrippendorffAlphaDetailed(v.grouped, v.table.label_count(),
                                                              MeasurementLevel::kNominal, v.values);
  // Unit 12 has a single value: 11 pairable units holding 40 values, 5 distinct values.
  EXPECT_EQ(d.pairable_units, 11u);
  EXPECT_EQ(d.pairable_values, 40u);
  EXPECT_EQ(d.distinct_values, 5u);
  EXPECT_NEAR(1 - d.observed_disagreement / d.expected_disagreement, *d.alpha.value, 1e-12);
}

// Published values: Wikipedia worked example, 3 coders × 15 units, as tested by
// fast-krippendorff (6 decimals) and choroba (3 decimals), commits as above.
TEST(KrippendorffAlphaTest, WikipediaThreeCodersFifteenUnits) {
  const Votes v = FromCoderMatrix(testdata::KrippendorffWikipediaMatrix());
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kNominal), testdata::kKrippendorffWikipediaNominal,
              5e-7);
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kInterval), testdata::kKrippendorffWikipediaInterval,
              5e-7);
}

TEST(KrippendorffAlphaTest, MatchesTextbookCoincidenceMatrixOnRandomData) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const Votes v = RandomVotes(2 + seed % 4, 30 + 7 * seed, 3 + seed % 5, 0.25, seed);
    for (MeasurementLevel level : kAllLevels) {
      EXPECT_NEAR(AlphaValue(v, level), NaiveAlpha(v, level), 1e-9)
          << MeasurementLevelName(level) << " seed " << seed;
    }
  }
}

TEST(KrippendorffAlphaTest, MatchesTextbookOnArbitraryReals) {
  const Votes v = RandomVotes(4, 60, 5, 0.2, 42, /*reals=*/true);
  ASSERT_GT(v.table.label_count(), 150u);
  for (MeasurementLevel level : kAllLevels) {
    EXPECT_NEAR(AlphaValue(v, level), NaiveAlpha(v, level), 1e-9) << MeasurementLevelName(level);
  }
}

// Ordinal alpha is interval alpha on mid-ranks; the ranks here come from std::sort, so this
// checks the ordering of tens of thousands of distinct values that differ only in their last
// bits (negative, zero, −0 and ties included).
TEST(KrippendorffAlphaTest, OrdinalOnManyRealsIsIntervalOnMidRanks) {
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> slot(0, 39999), offset(-50, 50);
  VoteTable table;
  for (int u = 0; u < 15000; ++u) {
    const int truth = slot(rng);
    for (int c = 0; c < 3; ++c) {
      table.Add(Name("u", u), Name("c", c),
                std::to_string(std::clamp(truth + offset(rng), 0, 39999)));
    }
  }
  Votes v = Group(std::move(table));
  ASSERT_GT(v.table.label_count(), 1u << 14);  // Enough to take the radix sort.
  for (double& x : v.values) {
    const int k = static_cast<int>(x);
    const double magnitude = 1 + std::ldexp(k - k % 7, -44);  // Runs of 7 ties.
    x = k % 1000 == 0 ? (k % 2000 == 0 ? -0.0 : 0.0) : (k % 3 == 0 ? -magnitude : magnitude);
  }
  std::vector<uint64_t> count(v.values.size(), 0);
  for (LabelId l : v.table.labels()) ++count[l];
  std::vector<LabelId> order(v.values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](LabelId a, LabelId b) { return v.values[a] < v.values[b]; });
  Votes ranks = v;
  double below = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    uint64_t tied = 0;
    while (j < order.size() && v.values[order[j]] == v.values[order[i]]) tied += count[order[j++]];
    for (size_t k = i; k < j; ++k) ranks.values[order[k]] = below + tied / 2.0;
    below += tied;
    i = j;
  }
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kOrdinal),
              AlphaValue(ranks, MeasurementLevel::kInterval), 1e-9);
}

TEST(KrippendorffAlphaTest, NominalIgnoresLabelNames) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  VoteTable renamed;
  const char* names[] = {"", "cat", "dog", "emu", "fox", "gnu"};
  for (size_t i = 0; i < v.table.size(); ++i) {
    const int value = std::stoi(std::string(v.table.label_names().Name(v.table.labels()[i])));
    renamed.Add(v.table.item_names().Name(v.table.items()[i]),
                v.table.annotator_names().Name(v.table.annotators()[i]), names[6 - value]);
  }
  const Votes r = Group(std::move(renamed));
  EXPECT_NEAR(AlphaValue(r, MeasurementLevel::kNominal), AlphaValue(v, MeasurementLevel::kNominal),
              1e-12);
}

// Ordinal alpha sees only the order; interval only differences; ratio only ratios.
TEST(KrippendorffAlphaTest, InvariantToTheTransformsEachLevelAllows) {
  const Votes v = RandomVotes(5, 80, 6, 0.2, 7);
  auto transformed = [&](double (*f)(double)) {
    Votes t = v;
    for (double& x : t.values) x = f(x);
    return t;
  };
  const Votes monotone = transformed([](double x) { return std::exp(2 * x) - 100; });
  const Votes affine = transformed([](double x) { return -3 * x + 17; });
  const Votes scaled = transformed([](double x) { return 2.5 * x; });
  EXPECT_NEAR(AlphaValue(monotone, MeasurementLevel::kOrdinal),
              AlphaValue(v, MeasurementLevel::kOrdinal), 1e-12);
  EXPECT_NEAR(AlphaValue(affine, MeasurementLevel::kInterval),
              AlphaValue(v, MeasurementLevel::kInterval), 1e-9);
  EXPECT_NEAR(AlphaValue(scaled, MeasurementLevel::kRatio), AlphaValue(v, MeasurementLevel::kRatio),
              1e-12);
  EXPECT_GT(std::abs(AlphaValue(monotone, MeasurementLevel::kInterval) -
                     AlphaValue(v, MeasurementLevel::kInterval)),
            1e-3);
}

TEST(KrippendorffAlphaTest, InvariantToOrderOfAnnotatorsUnitsAndVotes) {
  const Votes v = RandomVotes(6, 50, 4, 0.3, 11);
  std::vector<size_t> order(v.table.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(3));
  VoteTable shuffled;
  // Renamed annotators and units, first seen in a different order; same label names.
  for (size_t i : order) {
    shuffled.Add(Name("unit-", v.table.item_names().Name(v.table.items()[i])),
                 Name("rater-", v.table.annotator_names().Name(v.table.annotators()[i])),
                 v.table.label_names().Name(v.table.labels()[i]));
  }
  const Votes s = Group(std::move(shuffled));
  for (MeasurementLevel level : kAllLevels) {
    EXPECT_NEAR(AlphaValue(s, level), AlphaValue(v, level), 1e-12) << MeasurementLevelName(level);
  }
}

TEST(KrippendorffAlphaTest, PerfectAgreementIsOne) {
  const Votes v = FromCoderMatrix({{1, 2, 3, 0, 5}, {1, 2, 3, 4, 5}, {0, 2, 3, 4, 0}});
  for (MeasurementLevel level : kAllLevels) {
    EXPECT_DOUBLE_EQ(AlphaValue(v, level), 1.0) << MeasurementLevelName(level);
  }
}

TEST(KrippendorffAlphaTest, UnitsWithOneValueAreIgnored) {
  const Votes base = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  std::vector<std::vector<int>> rows = testdata::Krippendorff2011Matrix();
  rows[0].push_back(5);  // A lone value in a new unit.
  for (size_t c = 1; c < rows.size(); ++c) rows[c].push_back(0);
  const Votes more = FromCoderMatrix(rows);
  for (MeasurementLevel level : kAllLevels) {
    EXPECT_DOUBLE_EQ(AlphaValue(more, level), AlphaValue(base, level));
  }
}

TEST(KrippendorffAlphaTest, UndefinedWithoutPairableValues) {
  const Votes v = FromCoderMatrix({{1, 0, 3}, {0, 2, 0}});
  for (MeasurementLevel level : kAllLevels) {
    const Statistic s = Alpha(v, level);
    EXPECT_FALSE(s.defined());
    EXPECT_NE(s.undefined_reason.find("two or more annotators"), std::string::npos)
        << s.undefined_reason;
  }
  const Statistic empty = KrippendorffAlpha(ItemVotes{}, 0, MeasurementLevel::kNominal, {});
  EXPECT_FALSE(empty.defined());
}

TEST(KrippendorffAlphaTest, UndefinedWhenOnlyOneValueIsPairable) {
  // The 7 is alone in its unit, so the pairable values are all 4.
  const Votes v = FromCoderMatrix({{4, 4, 7}, {4, 4, 0}, {0, 4, 0}});
  for (MeasurementLevel level : kAllLevels) {
    const Statistic s = Alpha(v, level);
    EXPECT_FALSE(s.defined());
    EXPECT_NE(s.undefined_reason.find("same"), std::string::npos) << s.undefined_reason;
    EXPECT_FALSE(s.value.has_value());
  }
}

TEST(KrippendorffAlphaTest, UndefinedForBadNumericLabels) {
  const Votes v = FromCoderMatrix(testdata::Krippendorff2011Matrix());
  // Too few values.
  EXPECT_FALSE(KrippendorffAlpha(v.grouped, v.table.label_count(), MeasurementLevel::kInterval, {})
                   .defined());
  // Nominal needs none.
  EXPECT_TRUE(KrippendorffAlpha(v.grouped, v.table.label_count(), MeasurementLevel::kNominal, {})
                  .defined());
  std::vector<double> values = v.values;
  values[0] = std::nan("");
  const Statistic nan =
      KrippendorffAlpha(v.grouped, v.table.label_count(), MeasurementLevel::kOrdinal, values);
  EXPECT_FALSE(nan.defined());
  EXPECT_NE(nan.undefined_reason.find("finite"), std::string::npos);
  values = v.values;
  values[1] = -2;
  const Statistic negative =
      KrippendorffAlpha(v.grouped, v.table.label_count(), MeasurementLevel::kRatio, values);
  EXPECT_FALSE(negative.defined());
  EXPECT_NE(negative.undefined_reason.find("non-negative"), std::string::npos);
  EXPECT_TRUE(
      KrippendorffAlpha(v.grouped, v.table.label_count(), MeasurementLevel::kInterval, values)
          .defined());
  // A label id beyond label_count.
  EXPECT_FALSE(KrippendorffAlpha(v.grouped, 2, MeasurementLevel::kNominal, {}).defined());
}

TEST(KrippendorffAlphaTest, LabelsWithEqualValuesAreOneValue) {
  VoteTable table;
  table.Add("a", "x", "1");
  table.Add("a", "y", "1.0");
  table.Add("b", "x", "2");
  table.Add("b", "y", "2");
  table.Add("c", "x", "1");
  table.Add("c", "y", "2.0");
  const Votes v = Group(std::move(table));
  for (MeasurementLevel level :
       {MeasurementLevel::kOrdinal, MeasurementLevel::kInterval, MeasurementLevel::kRatio}) {
    EXPECT_NEAR(AlphaValue(v, level), NaiveAlpha(v, level), 1e-12);
  }
  // Items a and b agree; c disagrees: 1 − (n−1)·o_12·2 / (2·n_1·n_2) = 1 − 5·2/(2·9).
  EXPECT_NEAR(AlphaValue(v, MeasurementLevel::kInterval), 1 - 5.0 * 2 / 18, 1e-12);
}

TEST(KrippendorffAlphaTest, ZeroIsAValidRatioValue) {
  const Votes v = FromCoderMatrix({{1, 3, 5, 2}, {1, 3, 4, 2}});
  Votes zero = v;
  for (double& x : zero.values) x -= 1;  // 0, 2, 3, 4 (was 1, 3, 4, 5)
  EXPECT_NEAR(AlphaValue(zero, MeasurementLevel::kRatio),
              NaiveAlpha(zero, MeasurementLevel::kRatio), 1e-12);
}

TEST(MeasurementLevelTest, NamesRoundTripAndBadNamesFail) {
  for (MeasurementLevel level : kAllLevels) {
    auto parsed = ParseMeasurementLevel(MeasurementLevelName(level));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, level);
  }
  auto upper = ParseMeasurementLevel("Interval");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, MeasurementLevel::kInterval);
  auto bad = ParseMeasurementLevel("likert");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "level");
}

}  // namespace
}  // namespace chorus::quality
