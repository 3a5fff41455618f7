#include "quality/agreement/gwet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "quality/agreement/cohen.h"
#include "quality/agreement/fleiss.h"
#include "quality/testdata/fleiss_1971_diagnoses.h"
#include "quality/testdata/irrcac_gwet_examples.h"

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::CountsFromCodes;

// Two raters' contingency table as one item per cell count, two ratings each.
CategoryCounts PairCounts(const std::vector<std::vector<double>>& table) {
  std::vector<std::vector<uint32_t>> ratings;
  for (uint32_t a = 0; a < table.size(); ++a) {
    for (uint32_t b = 0; b < table.size(); ++b) {
      for (int c = 0; c < static_cast<int>(table[a][b]); ++c) ratings.push_back({a + 1, b + 1});
    }
  }
  return CountsFromCodes(ratings, table.size());
}

// kgwet/irrCAC README (testdata/irrcac_gwet_examples.h): gwet.ac1.raw(cac.raw4raters) AC1
// 0.77544, SE 0.14295 (5 decimals). Unit 12 has a single rating: it counts in pi_k, not in p_a.
TEST(GwetAcTest, ReproducesIrrCacRaw4RatersAc1) {
  const Statistic ac1 = GwetAc(CountsFromCodes(testdata::IrrCacRaw4Raters(), 5));
  ASSERT_TRUE(ac1.defined());
  EXPECT_NEAR(*ac1.value, 0.77544, 5e-6);
  ASSERT_TRUE(ac1.standard_error.has_value());
  EXPECT_NEAR(*ac1.standard_error, 0.14295, 5e-6);
  ASSERT_TRUE(ac1.ci95.has_value());
  EXPECT_DOUBLE_EQ(ac1.ci95->high, 1.0);  // Clipped, as irrCAC prints "(0.461,1)".
  // irrCAC uses a t quantile (df 11) for its 0.461; Chorus uses 1.96.
  EXPECT_NEAR(ac1.ci95->low, 0.77544 - 1.96 * 0.14295, 1e-4);
}

// AC2 on the same data, afergadis/irrCAC test_gwet.py (3 decimals): linear 0.859 (SE 0.117),
// quadratic 0.914 (SE 0.104). Categories 1..5 are evenly spaced, so index weights match.
TEST(GwetAcTest, ReproducesIrrCacRaw4RatersAc2) {
  const CategoryCounts counts = CountsFromCodes(testdata::IrrCacRaw4Raters(), 5);
  const Statistic linear = GwetAc(counts, Weighting::kLinear);
  EXPECT_NEAR(*linear.value, 0.859, 5e-4);
  EXPECT_NEAR(*linear.standard_error, 0.117, 5e-4);
  const Statistic quadratic = GwetAc(counts, Weighting::kQuadratic);
  EXPECT_NEAR(*quadratic.value, 0.914, 5e-4);
  EXPECT_NEAR(*quadratic.standard_error, 0.104, 5e-4);
  const std::vector<double> values = {1, 2, 3, 4, 5};
  EXPECT_NEAR(*GwetAc(counts, Weighting::kQuadratic, values).value, *quadratic.value, 1e-12);
}

// kgwet/irrCAC README: gwet.ac1.dist(distrib.6raters) = first 15 patients of Fleiss (1971):
// AC1 0.4448007, SE 0.08418757 (7-8 significant digits).
TEST(GwetAcTest, ReproducesIrrCacDistrib6Raters) {
  auto rows = testdata::Fleiss1971Diagnoses();
  rows.resize(15);
  const Statistic ac1 = GwetAc(CountsFromCodes(rows, 5));
  EXPECT_NEAR(*ac1.value, 0.4448007, 5e-8);
  EXPECT_NEAR(*ac1.standard_error, 0.08418757, 5e-9);
}

// Missing ratings, varying numbers per unit: afergadis/irrCAC test_gwet.py raw_5observers,
// AC1 0.497 (SE 0.122), 3 decimals.
TEST(GwetAcTest, ReproducesIrrCacRaw5Observers) {
  const Statistic ac1 = GwetAc(CountsFromCodes(testdata::IrrCacRaw5ObserversPlusOne(), 4));
  EXPECT_NEAR(*ac1.value, 0.497, 5e-4);
  EXPECT_NEAR(*ac1.standard_error, 0.122, 5e-4);
}

// kgwet/irrCAC README: gwet.ac1.table(cont3x3abstractors) = 0.8493305. With two ratings per
// item the multi-rater AC1 equals the two-rater one (same p_a, pi_k = pooled marginals).
// The table function's standard error uses the two-rater variance, so only the value is
// compared.
TEST(GwetAcTest, ReproducesIrrCacAbstractorsTable) {
  const Statistic ac1 = GwetAc(PairCounts(testdata::IrrCacCont3x3Abstractors()));
  EXPECT_NEAR(*ac1.value, 0.8493305, 5e-8);
}

// The kappa paradox: table 118, 5 / 2, 0 (see cohen_test.cc, kappa = -0.0234). By hand:
// p_a = 118/125 = 0.944; pi_1 = (118·1 + 7·0.5)/125 = 0.972, pi_2 = 0.028;
// p_e = 2·0.972·0.028 / (2 - 1) = 0.054432; AC1 = (0.944 - 0.054432)/(1 - 0.054432) = 0.9408.
TEST(GwetAcTest, StaysHighWhereKappaCollapses) {
  const std::vector<std::vector<double>> table = {{118, 5}, {2, 0}};
  const Statistic ac1 = GwetAc(PairCounts(table));
  EXPECT_NEAR(*ac1.value, (0.944 - 0.054432) / (1 - 0.054432), 1e-12);
  EXPECT_GT(*ac1.value, 0.94);
  EXPECT_LT(*CohenKappa(ContingencyFromRows(table)).value, 0.0);
  EXPECT_LT(*ComputeFleissKappa(PairCounts(table)).kappa.value, 0.0);
}

// Gwet (2014) / irrCAC gwet.ac1.raw written out directly with the full O(q²) weights, as
// the reference for the grouped and sparse summation in gwet.cc. Returns {AC, SE}.
std::pair<double, double> DirectGwet(const CategoryCounts& counts, const std::vector<double>& w) {
  const size_t q = counts.category_count;
  double t_w = 0;
  for (double x : w) t_w += x;
  double n = 0, n2 = 0, p_a = 0;
  std::vector<double> pi(q, 0.0);
  auto item_pa = [&](size_t i, double r) {
    double sum = 0;
    for (size_t k = 0; k < q; ++k) {
      double star = 0;
      for (size_t l = 0; l < q; ++l) star += w[k * q + l] * counts.at(i, l);
      sum += counts.at(i, k) * (star - 1);
    }
    return sum / (r * (r - 1));
  };
  for (size_t i = 0; i < counts.item_count; ++i) {
    double r = 0;
    for (size_t k = 0; k < q; ++k) r += counts.at(i, k);
    if (r == 0) continue;
    n += 1;
    for (size_t k = 0; k < q; ++k) pi[k] += counts.at(i, k) / r;
    if (r < 2) continue;
    n2 += 1;
    p_a += item_pa(i, r);
  }
  p_a /= n2;
  double p_e = 0;
  for (double& p : pi) {
    p /= n;
    p_e += p * (1 - p);
  }
  p_e *= t_w / (q * (q - 1.0));
  const double ac = (p_a - p_e) / (1 - p_e);
  double sum_sq = 0;
  for (size_t i = 0; i < counts.item_count; ++i) {
    double r = 0;
    for (size_t k = 0; k < q; ++k) r += counts.at(i, k);
    if (r == 0) continue;
    const double ac_i = r >= 2 ? n / n2 * (item_pa(i, r) - p_e) / (1 - p_e) : 0.0;
    double pe_i = 0;
    for (size_t k = 0; k < q; ++k) pe_i += counts.at(i, k) * (1 - pi[k]);
    pe_i *= t_w / (q * (q - 1.0)) / r;
    const double x = ac_i - 2 * (1 - ac) * (pe_i - p_e) / (1 - p_e);
    sum_sq += (x - ac) * (x - ac);
  }
  return {ac, std::sqrt(sum_sq / (n * (n - 1)))};
}

TEST(GwetAcTest, MatchesDirectFormulasWithMissingAndManyRatings) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 60; ++trial) {
    const size_t k = 2 + rng() % 13, items = 40;
    CategoryCounts counts;
    counts.item_count = items;
    counts.category_count = k;
    counts.counts.assign(items * k, 0);
    for (size_t i = 0; i < items; ++i) {
      const size_t n = rng() % 4 == 0 ? 65 + rng() % 40 : rng() % 7;  // 0, 1, few and many.
      const size_t favourite = rng() % k;
      for (size_t r = 0; r < n; ++r) ++counts.counts[i * k + (rng() % 3 ? favourite : rng() % k)];
    }
    for (Weighting weighting :
         {Weighting::kUnweighted, Weighting::kLinear, Weighting::kQuadratic}) {
      const Statistic got = GwetAc(counts, weighting);
      const auto [ac, se] = DirectGwet(counts, AgreementWeights(weighting, k));
      ASSERT_TRUE(got.defined());
      EXPECT_NEAR(*got.value, ac, 1e-12) << WeightingName(weighting) << " k=" << k;
      EXPECT_NEAR(*got.standard_error, se, 1e-12) << WeightingName(weighting) << " k=" << k;
    }
  }
}

TEST(GwetAcTest, PerfectAgreement) {
  const CategoryCounts counts = CountsFromRows({{3, 0, 0}, {0, 3, 0}, {0, 0, 2}, {3, 0, 0}});
  for (Weighting w : {Weighting::kUnweighted, Weighting::kLinear, Weighting::kQuadratic}) {
    const Statistic ac = GwetAc(counts, w);
    EXPECT_DOUBLE_EQ(*ac.value, 1.0);
    EXPECT_NEAR(*ac.standard_error, 0.0, 1e-12);
  }
  // Unlike kappa, AC1 is defined when everyone uses one category: p_e = 0, AC1 = p_a = 1.
  const CategoryCounts one = CountsFromRows({{3, 0}, {4, 0}});
  EXPECT_DOUBLE_EQ(*GwetAc(one).value, 1.0);
  EXPECT_FALSE(ComputeFleissKappa(one).kappa.defined());
}

TEST(GwetAcTest, DegenerateInputsAreUndefined) {
  const Statistic empty = GwetAc(CategoryCounts{});
  EXPECT_FALSE(empty.defined());
  EXPECT_NE(empty.undefined_reason.find("fewer than two categories"), std::string::npos);
  const Statistic one_category = GwetAc(CountsFromRows({{3}, {4}}));
  EXPECT_FALSE(one_category.defined());
  const Statistic no_pairs = GwetAc(CountsFromRows({{1, 0}, {0, 1}, {0, 0}}));
  EXPECT_FALSE(no_pairs.defined());
  EXPECT_NE(no_pairs.undefined_reason.find("no item has two or more ratings"), std::string::npos);
  // One rated item: a value, but no standard error (n - 1 = 0).
  const Statistic single = GwetAc(CountsFromRows({{2, 1}}));
  ASSERT_TRUE(single.defined());
  EXPECT_FALSE(single.standard_error.has_value());
}

TEST(GwetAcTest, TwoCategoriesWeightingsCoincide) {
  const CategoryCounts counts = CountsFromRows({{3, 1}, {0, 4}, {2, 2}, {4, 0}, {1, 2}});
  EXPECT_NEAR(*GwetAc(counts, Weighting::kLinear).value, *GwetAc(counts).value, 1e-15);
  EXPECT_NEAR(*GwetAc(counts, Weighting::kQuadratic).value, *GwetAc(counts).value, 1e-15);
}

TEST(GwetAcTest, ReorderingItemsAndRenamingCategoriesChangesNothing) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 60; ++trial) {
    const size_t k = 2 + rng() % 5, items = 30;
    CategoryCounts counts;
    counts.item_count = items;
    counts.category_count = k;
    counts.counts.assign(items * k, 0);
    for (size_t i = 0; i < items; ++i) {
      const size_t n = rng() % 6, favourite = rng() % k;
      for (size_t r = 0; r < n; ++r) ++counts.counts[i * k + (rng() % 3 ? favourite : rng() % k)];
    }
    std::vector<size_t> order(items), perm(k);
    std::iota(order.begin(), order.end(), size_t{0});
    std::iota(perm.begin(), perm.end(), size_t{0});
    std::shuffle(order.begin(), order.end(), rng);
    std::shuffle(perm.begin(), perm.end(), rng);
    CategoryCounts moved = counts;
    for (size_t i = 0; i < items; ++i) {
      for (size_t j = 0; j < k; ++j) moved.counts[order[i] * k + perm[j]] = counts.at(i, j);
    }
    std::vector<double> positions(k);
    for (size_t c = 0; c < k; ++c) positions[perm[c]] = static_cast<double>(c);
    const Statistic a = GwetAc(counts), b = GwetAc(moved);
    ASSERT_EQ(a.defined(), b.defined());
    if (!a.defined()) continue;
    EXPECT_NEAR(*a.value, *b.value, 1e-12);
    EXPECT_NEAR(*a.standard_error, *b.standard_error, 1e-12);
    EXPECT_LE(*a.value, 1.0 + 1e-12);
    const Statistic qa = GwetAc(counts, Weighting::kQuadratic);
    const Statistic qb = GwetAc(moved, Weighting::kQuadratic, positions);
    EXPECT_NEAR(*qa.value, *qb.value, 1e-12);
    EXPECT_NEAR(*qa.standard_error, *qb.standard_error, 1e-12);
  }
}

}  // namespace
}  // namespace chorus::quality
