#include "quality/agreement/fleiss.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "quality/agreement/cohen.h"
#include "quality/testdata/fleiss_1971_diagnoses.h"
#include "quality/testdata/fleiss_wikipedia_10x5.h"
#include "quality/testdata/irrcac_gwet_examples.h"

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::CountsFromCodes;
using testdata::Name;

// Fleiss (1971): kappa = sum_j p_j q_j kappa_j / sum_j p_j q_j.
double WeightedMeanOfPerCategory(const CategoryCounts& counts, const FleissKappa& f) {
  std::vector<double> p(counts.category_count, 0.0);
  size_t kept = 0;
  for (size_t i = 0; i < counts.item_count; ++i) {
    const auto row = counts.row(i);
    const double n = std::accumulate(row.begin(), row.end(), 0.0);
    if (n < 2) continue;
    ++kept;
    for (size_t j = 0; j < row.size(); ++j) p[j] += row[j] / n;
  }
  double num = 0.0, den = 0.0;
  for (size_t j = 0; j < p.size(); ++j) {
    const double pq = p[j] / kept * (1.0 - p[j] / kept);
    if (pq <= 0) continue;
    num += pq * *f.per_category[j].value;
    den += pq;
  }
  return num / den;
}

// Wikipedia example as in statsmodels test_inter_rater.py (testdata/fleiss_wikipedia_10x5.h):
// published kappa 0.210; recomputed 0.209931 and P-bar 0.378022 (6 decimals).
TEST(FleissKappaTest, ReproducesWikipediaExample) {
  const CategoryCounts counts = CountsFromRows(testdata::FleissWikipediaCounts());
  const FleissKappa f = ComputeFleissKappa(counts);
  ASSERT_TRUE(f.kappa.defined());
  EXPECT_NEAR(*f.kappa.value, 0.210, 5e-4);
  EXPECT_NEAR(*f.kappa.value, 0.209931, 5e-7);
  EXPECT_NEAR(*MultiRaterPercentAgreement(counts).value, 0.378022, 5e-7);
  // Per-category kappas from Cardillo's MATLAB fleiss.m example output (4 decimals).
  const double published[] = {0.2013, 0.0797, 0.1716, 0.0304, 0.5077};
  ASSERT_EQ(f.per_category.size(), 5u);
  for (size_t j = 0; j < 5; ++j) {
    ASSERT_TRUE(f.per_category[j].defined()) << j;
    EXPECT_NEAR(*f.per_category[j].value, published[j], 5e-5) << j;
  }
  EXPECT_NEAR(WeightedMeanOfPerCategory(counts, f), *f.kappa.value, 1e-12);
}

// Randolph (2005): P-e = 1/k. By hand from the recomputed P-bar: (0.378022 - 0.2) / 0.8.
TEST(RandolphKappaTest, WikipediaByHand) {
  const CategoryCounts counts = CountsFromRows(testdata::FleissWikipediaCounts());
  EXPECT_NEAR(*RandolphKappa(counts).value, (0.378022 - 0.2) / 0.8, 1e-6);
}

// Fleiss (1971) Table 1 (testdata/fleiss_1971_diagnoses.h): R irr::kappam.fleiss 0.4302445;
// category-wise kappas from irr's detail = TRUE output, 3 decimals.
TEST(FleissKappaTest, ReproducesFleiss1971Diagnoses) {
  const CategoryCounts counts = CountsFromCodes(testdata::Fleiss1971Diagnoses(), 5);
  const FleissKappa f = ComputeFleissKappa(counts);
  EXPECT_NEAR(*f.kappa.value, 0.4302445, 5e-8);
  const double published[] = {0.245, 0.245, 0.520, 0.471, 0.566};
  for (size_t j = 0; j < 5; ++j) EXPECT_NEAR(*f.per_category[j].value, published[j], 5e-4) << j;
  EXPECT_NEAR(WeightedMeanOfPerCategory(counts, f), *f.kappa.value, 1e-12);
}

// The same data through the real pipeline: VoteTable -> CountByItem. Label ids follow first
// appearance, which does not change the overall kappa.
TEST(FleissKappaTest, DiagnosesThroughVoteTable) {
  VoteTable votes;
  const auto rows = testdata::Fleiss1971Diagnoses();
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t r = 0; r < rows[i].size(); ++r) {
      votes.Add(Name("patient", i), Name("slot", r), std::to_string(rows[i][r]));
    }
  }
  EXPECT_NEAR(*ComputeFleissKappa(CountByItem(votes)).kappa.value, 0.4302445, 5e-8);
}

// irrCAC::distrib.6raters = the first 15 patients; kgwet/irrCAC README: fleiss.kappa.dist
// 0.4139265 (pa 0.5511111), bp.coeff.dist 0.4388889 (Brennan-Prediger = Randolph's kappa).
TEST(FleissKappaTest, ReproducesIrrCacDistrib6Raters) {
  auto rows = testdata::Fleiss1971Diagnoses();
  rows.resize(15);
  const CategoryCounts counts = CountsFromCodes(rows, 5);
  EXPECT_NEAR(*ComputeFleissKappa(counts).kappa.value, 0.4139265, 5e-8);
  EXPECT_NEAR(*MultiRaterPercentAgreement(counts).value, 0.5511111, 5e-8);
  EXPECT_NEAR(*RandolphKappa(counts).value, 0.4388889, 5e-8);
}

// Varying numbers of ratings per item (every item has >= 2): irrCAC raw_5observers,
// fleiss.kappa.raw 0.458 (3 decimals, afergadis/irrCAC test_fleiss.py). This checks the
// Gwet (2014) convention: P_i with the item's own n_i, p_j = mean of n_ij / n_i.
TEST(FleissKappaTest, ReproducesIrrCacMissingRatings) {
  const CategoryCounts counts = CountsFromCodes(testdata::IrrCacRaw5ObserversPlusOne(), 4);
  const FleissKappa f = ComputeFleissKappa(counts);
  EXPECT_NEAR(*f.kappa.value, 0.458, 5e-4);
  EXPECT_NEAR(*MultiRaterPercentAgreement(counts).value, 0.616, 5e-4);
  EXPECT_NEAR(WeightedMeanOfPerCategory(counts, f), *f.kappa.value, 1e-12);
}

// cac.raw4raters has one unit with a single rating. kgwet/irrCAC README: pa.coeff.raw
// 0.8181818 and bp.coeff.raw 0.77273 (pe = 1/5), both over units with >= 2 ratings.
// irrCAC's fleiss.kappa.raw (0.76117, pe 0.2387153) keeps the single-rated unit in p_j;
// Chorus drops it (documented in fleiss.h). By hand over the 11 kept units:
// P-bar = 9/11; sum_i n_ij/n_i = 3, 3.25, 2.5, 1.25, 1, so P-e = 28.375/121 and
// kappa = (99 - 28.375) / (121 - 28.375) = 70.625/92.625 = 0.762483.
TEST(FleissKappaTest, SingleRatedItemsAreDropped) {
  const auto rows = testdata::IrrCacRaw4Raters();
  const CategoryCounts counts = CountsFromCodes(rows, 5);
  EXPECT_NEAR(*MultiRaterPercentAgreement(counts).value, 0.8181818, 5e-8);
  EXPECT_NEAR(*RandolphKappa(counts).value, 0.77273, 5e-6);
  auto without = rows;
  without.pop_back();  // Unit 12: one rating.
  const CategoryCounts trimmed = CountsFromCodes(without, 5);
  EXPECT_DOUBLE_EQ(*ComputeFleissKappa(counts).kappa.value,
                   *ComputeFleissKappa(trimmed).kappa.value);
  EXPECT_NEAR(*ComputeFleissKappa(counts).kappa.value, 70.625 / 92.625, 1e-12);
}

// With two ratings per item Fleiss' kappa is Scott's pi: P_i is 1 or 0 and p_j pools both
// raters. irrCAC README: scott2.table(cont3x3abstractors) = 0.7962397.
TEST(FleissKappaTest, TwoRatersEqualsScottPi) {
  const auto table = testdata::IrrCacCont3x3Abstractors();
  std::vector<std::vector<uint32_t>> ratings;
  for (uint32_t a = 0; a < 3; ++a) {
    for (uint32_t b = 0; b < 3; ++b) {
      for (int c = 0; c < static_cast<int>(table[a][b]); ++c) ratings.push_back({a + 1, b + 1});
    }
  }
  const CategoryCounts counts = CountsFromCodes(ratings, 3);
  EXPECT_NEAR(*ComputeFleissKappa(counts).kappa.value, 0.7962397, 5e-8);
  EXPECT_NEAR(*ComputeFleissKappa(counts).kappa.value, *ScottPi(ContingencyFromRows(table)).value,
              1e-12);
}

CategoryCounts RandomCounts(std::mt19937_64& rng, size_t items, size_t k, bool varying) {
  CategoryCounts counts;
  counts.item_count = items;
  counts.category_count = k;
  counts.counts.assign(items * k, 0);
  for (size_t i = 0; i < items; ++i) {
    const size_t n = varying ? rng() % 7 : 5;
    const size_t favourite = rng() % k;
    for (size_t r = 0; r < n; ++r) {
      ++counts.counts[i * k + (rng() % 3 == 0 ? rng() % k : favourite)];
    }
  }
  return counts;
}

TEST(FleissKappaTest, PropertiesOnRandomCounts) {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 100; ++trial) {
    const size_t k = 2 + rng() % 5;
    const CategoryCounts counts = RandomCounts(rng, 40, k, trial % 2 == 1);
    const FleissKappa f = ComputeFleissKappa(counts);
    if (!f.kappa.defined()) continue;
    EXPECT_LE(*f.kappa.value, 1.0 + 1e-12);
    bool all_defined = true;
    for (const Statistic& s : f.per_category) all_defined = all_defined && s.defined();
    if (all_defined) {
      EXPECT_NEAR(WeightedMeanOfPerCategory(counts, f), *f.kappa.value, 1e-12);
    }

    // Reordering items and renaming categories change nothing.
    std::vector<size_t> items(counts.item_count), perm(k);
    std::iota(items.begin(), items.end(), size_t{0});
    std::iota(perm.begin(), perm.end(), size_t{0});
    std::shuffle(items.begin(), items.end(), rng);
    std::shuffle(perm.begin(), perm.end(), rng);
    CategoryCounts moved = counts;
    for (size_t i = 0; i < counts.item_count; ++i) {
      for (size_t j = 0; j < k; ++j) moved.counts[items[i] * k + perm[j]] = counts.at(i, j);
    }
    const FleissKappa g = ComputeFleissKappa(moved);
    EXPECT_NEAR(*g.kappa.value, *f.kappa.value, 1e-12);
    for (size_t j = 0; j < k; ++j) {
      ASSERT_EQ(g.per_category[perm[j]].defined(), f.per_category[j].defined());
      if (f.per_category[j].defined()) {
        EXPECT_NEAR(*g.per_category[perm[j]].value, *f.per_category[j].value, 1e-12);
      }
    }
    EXPECT_NEAR(*RandolphKappa(moved).value, *RandolphKappa(counts).value, 1e-12);
    EXPECT_NEAR(*MultiRaterPercentAgreement(moved).value, *MultiRaterPercentAgreement(counts).value,
                1e-12);
  }
}

// Fleiss (1971) written out directly, item by item, as the reference for the
// grouped summation in fleiss.cc (items with n <= 64 are summed per n, larger ones directly).
FleissKappa DirectFleiss(const CategoryCounts& counts) {
  const size_t k = counts.category_count;
  double items = 0, p_bar = 0;
  std::vector<double> p(k, 0.0), disagreement(k, 0.0);
  for (size_t i = 0; i < counts.item_count; ++i) {
    double n = 0;
    for (size_t j = 0; j < k; ++j) n += counts.at(i, j);
    if (n < 2) continue;
    items += 1;
    for (size_t j = 0; j < k; ++j) {
      const double c = counts.at(i, j);
      p_bar += c * (c - 1) / (n * (n - 1));
      p[j] += c / n;
      disagreement[j] += c * (n - c) / (n * (n - 1));
    }
  }
  FleissKappa f;
  double p_e = 0;
  for (size_t j = 0; j < k; ++j) {
    p[j] /= items;
    p_e += p[j] * p[j];
    f.per_category.push_back(Statistic::Of(1 - disagreement[j] / (items * p[j] * (1 - p[j]))));
  }
  p_bar /= items;
  f.kappa = Statistic::Of((p_bar - p_e) / (1 - p_e));
  return f;
}

TEST(FleissKappaTest, MatchesDirectFormulasWithManyAndFewRatings) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    const size_t k = 2 + rng() % 11, items = 50;
    CategoryCounts counts;
    counts.item_count = items;
    counts.category_count = k;
    counts.counts.assign(items * k, 0);
    for (size_t i = 0; i < items; ++i) {
      const size_t n = rng() % 3 == 0 ? 65 + rng() % 40 : rng() % 8;  // Both summation paths.
      for (size_t r = 0; r < n; ++r) ++counts.counts[i * k + (rng() % 2 ? 0 : rng() % k)];
    }
    const FleissKappa got = ComputeFleissKappa(counts), want = DirectFleiss(counts);
    ASSERT_TRUE(got.kappa.defined());
    EXPECT_NEAR(*got.kappa.value, *want.kappa.value, 1e-12);
    for (size_t j = 0; j < k; ++j) {
      if (got.per_category[j].defined()) {
        EXPECT_NEAR(*got.per_category[j].value, *want.per_category[j].value, 1e-12);
      }
    }
  }
}

TEST(FleissKappaTest, PerfectAgreementIsOne) {
  const CategoryCounts counts = CountsFromRows({{4, 0, 0}, {0, 4, 0}, {0, 0, 4}, {4, 0, 0}});
  const FleissKappa f = ComputeFleissKappa(counts);
  EXPECT_DOUBLE_EQ(*f.kappa.value, 1.0);
  for (const Statistic& s : f.per_category) EXPECT_DOUBLE_EQ(*s.value, 1.0);
  EXPECT_DOUBLE_EQ(*RandolphKappa(counts).value, 1.0);
  EXPECT_DOUBLE_EQ(*MultiRaterPercentAgreement(counts).value, 1.0);
}

TEST(FleissKappaTest, OneCategoryUsedIsUndefined) {
  const CategoryCounts counts = CountsFromRows({{3, 0}, {3, 0}, {5, 0}});
  const FleissKappa f = ComputeFleissKappa(counts);
  EXPECT_FALSE(f.kappa.defined());
  EXPECT_NE(f.kappa.undefined_reason.find("only one category"), std::string::npos);
  EXPECT_FALSE(f.per_category[0].defined());
  EXPECT_NE(f.per_category[0].undefined_reason.find("every rating"), std::string::npos);
  EXPECT_FALSE(f.per_category[1].defined());
  EXPECT_NE(f.per_category[1].undefined_reason.find("no rater"), std::string::npos);
  // Randolph's chance agreement is 1/k whatever was used: all agree gives 1.
  EXPECT_DOUBLE_EQ(*RandolphKappa(counts).value, 1.0);
}

TEST(FleissKappaTest, NoPairsIsUndefined) {
  const std::vector<CategoryCounts> cases = {
      CategoryCounts{},                          // No items, no categories.
      CountsFromRows({{1, 0}, {0, 1}, {0, 0}}),  // Fewer than two ratings everywhere.
  };
  for (const CategoryCounts& counts : cases) {
    const FleissKappa f = ComputeFleissKappa(counts);
    EXPECT_FALSE(f.kappa.defined());
    EXPECT_NE(f.kappa.undefined_reason.find("no item has two or more ratings"), std::string::npos);
    EXPECT_EQ(f.per_category.size(), counts.category_count);
    for (const Statistic& s : f.per_category) EXPECT_FALSE(s.defined());
    EXPECT_FALSE(MultiRaterPercentAgreement(counts).defined());
    EXPECT_FALSE(RandolphKappa(counts).defined());
  }
  const Statistic one = RandolphKappa(CountsFromRows({{3}, {2}}));
  EXPECT_FALSE(one.defined());
  EXPECT_NE(one.undefined_reason.find("fewer than two categories"), std::string::npos);
}

}  // namespace
}  // namespace chorus::quality
