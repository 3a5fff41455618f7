#include "quality/agreement/cohen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "quality/testdata/cohen_sas_3x3.h"
#include "quality/testdata/irr_anxiety_20x3.h"
#include "quality/testdata/irrcac_gwet_examples.h"

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::Name;

// SAS PROC FREQ output quoted in statsmodels test_inter_rater.py table10 (see
// testdata/cohen_sas_3x3.h), published to 4 decimals.
TEST(CohenKappaTest, ReproducesSasUnweighted) {
  const Statistic k = CohenKappa(ContingencyFromRows(testdata::CohenSas3x3()));
  ASSERT_TRUE(k.defined());
  EXPECT_NEAR(*k.value, 0.4842, 5e-5);
  ASSERT_TRUE(k.standard_error.has_value());
  EXPECT_NEAR(*k.standard_error, 0.1380, 5e-5);
  ASSERT_TRUE(k.ci95.has_value());
  EXPECT_NEAR(k.ci95->low, 0.2137, 5e-5);
  EXPECT_NEAR(k.ci95->high, 0.7547, 5e-5);
}

TEST(CohenKappaTest, ReproducesSasLinearWeighted) {
  const Statistic k = CohenKappa(ContingencyFromRows(testdata::CohenSas3x3()), Weighting::kLinear);
  ASSERT_TRUE(k.defined());
  EXPECT_NEAR(*k.value, 0.4701, 5e-5);
  EXPECT_NEAR(*k.standard_error, 0.1457, 5e-5);
  EXPECT_NEAR(k.ci95->low, 0.1845, 5e-5);
  EXPECT_NEAR(k.ci95->high, 0.7558, 5e-5);
  // Scores 0, 1, 2 (SAS) and 10, 20, 30 give the same linear weights.
  const std::vector<double> scores = {10, 20, 30};
  EXPECT_NEAR(
      *CohenKappa(ContingencyFromRows(testdata::CohenSas3x3()), Weighting::kLinear, scores).value,
      *k.value, 1e-12);
}

// irrCAC README (testdata/irrcac_gwet_examples.h): kappa2.table 0.7964094, scott2.table
// 0.7962397, pa2.table 0.89 on cont3x3abstractors, published to 7 decimals.
TEST(CohenKappaTest, ReproducesIrrCacAbstractors) {
  const ContingencyTable t = ContingencyFromRows(testdata::IrrCacCont3x3Abstractors());
  EXPECT_NEAR(*CohenKappa(t).value, 0.7964094, 5e-8);
  EXPECT_NEAR(*ScottPi(t).value, 0.7962397, 5e-8);
  EXPECT_NEAR(*PercentAgreement(t).value, 0.89, 1e-12);
}

// R irr::kappa2 on irr::anxiety raters 2 and 3 (testdata/irr_anxiety_20x3.h). irr tabulates
// over the levels that occur in either column, 1 2 3 4 6 (no 5), and weights by the level's
// index, so rating 6 sits one step from 4. To reproduce it the table is built through
// VoteTable/PairTable, and each label's position is its rank among the occurring levels.
TEST(CohenKappaTest, ReproducesIrrKappa2OnAnxiety) {
  VoteTable votes;
  const auto rows = testdata::IrrAnxiety();
  for (size_t s = 0; s < rows.size(); ++s) {
    votes.Add(Name("s", s), "rater2", std::to_string(rows[s][1]));
    votes.Add(Name("s", s), "rater3", std::to_string(rows[s][2]));
  }
  ASSERT_EQ(votes.label_count(), 5u);
  Result<std::vector<double>> values = votes.NumericLabelValues();
  ASSERT_TRUE(values.ok());
  std::vector<double> sorted = *values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> rank(values->size());
  for (size_t l = 0; l < rank.size(); ++l) {
    rank[l] =
        static_cast<double>(std::find(sorted.begin(), sorted.end(), (*values)[l]) - sorted.begin());
  }
  const ContingencyTable t =
      PairTable(GroupByItem(votes), votes.label_count(), *votes.annotator_names().Find("rater2"),
                *votes.annotator_names().Find("rater3"));
  ASSERT_EQ(t.total(), 20);
  EXPECT_NEAR(*CohenKappa(t).value, -0.006289308, 5e-10);
  EXPECT_NEAR(*CohenKappa(t, Weighting::kLinear, rank).value, 0.1459075, 5e-8);
  EXPECT_NEAR(*CohenKappa(t, Weighting::kQuadratic, rank).value, 0.2520325, 5e-8);
  // On the rating values themselves (6 is two steps from 4) the weighted values differ.
  EXPECT_GT(std::abs(*CohenKappa(t, Weighting::kLinear, *values).value - 0.1459075), 1e-3);
}

// The "kappa paradox" (Feinstein & Cicchetti 1990): 118 + 0 agreements out of 125, but one
// category dominates. By hand: p_o = 118/125 = 0.944, row marginals 0.984/0.016, column
// marginals 0.96/0.04, p_e = 0.984·0.96 + 0.016·0.04 = 0.94528, so
// kappa = (0.944 - 0.94528) / (1 - 0.94528) = -0.0233918 although 94.4% of items agree.
// Gwet's AC1 on the same table is 0.9408 (gwet_test.cc).
TEST(CohenKappaTest, KappaParadoxAtSkewedPrevalence) {
  const ContingencyTable t = ContingencyFromRows({{118, 5}, {2, 0}});
  EXPECT_NEAR(*PercentAgreement(t).value, 0.944, 1e-12);
  EXPECT_NEAR(*CohenKappa(t).value, -0.00128 / 0.05472, 1e-12);
}

TEST(CohenKappaTest, PerfectAgreementIsOneWithZeroError) {
  const ContingencyTable t = ContingencyFromRows({{5, 0, 0}, {0, 3, 0}, {0, 0, 7}});
  for (Weighting w : {Weighting::kUnweighted, Weighting::kLinear, Weighting::kQuadratic}) {
    const Statistic k = CohenKappa(t, w);
    EXPECT_DOUBLE_EQ(*k.value, 1.0);
    EXPECT_NEAR(*k.standard_error, 0.0, 1e-12);
    EXPECT_DOUBLE_EQ(k.ci95->high, 1.0);
  }
  EXPECT_DOUBLE_EQ(*ScottPi(t).value, 1.0);
  EXPECT_DOUBLE_EQ(*PercentAgreement(t).value, 1.0);
}

TEST(CohenKappaTest, OneCategoryIsUndefined) {
  const ContingencyTable t = ContingencyFromRows({{9, 0}, {0, 0}});
  const Statistic k = CohenKappa(t);
  EXPECT_FALSE(k.defined());
  EXPECT_NE(k.undefined_reason.find("only one category"), std::string::npos);
  EXPECT_FALSE(ScottPi(t).defined());
  EXPECT_FALSE(CohenKappa(t, Weighting::kQuadratic).defined());
  EXPECT_DOUBLE_EQ(*PercentAgreement(t).value, 1.0);  // Still meaningful.
}

TEST(CohenKappaTest, EmptyTablesAreUndefined) {
  for (const ContingencyTable& t : {ContingencyTable{}, ContingencyFromRows({{0, 0}, {0, 0}})}) {
    for (const Statistic& s : {CohenKappa(t), ScottPi(t), PercentAgreement(t)}) {
      EXPECT_FALSE(s.defined());
      EXPECT_NE(s.undefined_reason.find("no labelled item"), std::string::npos);
      EXPECT_FALSE(s.standard_error.has_value());
    }
  }
}

ContingencyTable RandomTable(std::mt19937_64& rng, size_t k) {
  ContingencyTable t;
  t.category_count = k;
  for (size_t c = 0; c < k * k; ++c) {
    const bool diagonal = c % (k + 1) == 0;
    t.counts.push_back(static_cast<double>(rng() % (diagonal ? 30 : 8)));
  }
  return t;
}

ContingencyTable Transposed(const ContingencyTable& t) {
  ContingencyTable out = t;
  for (size_t i = 0; i < t.category_count; ++i) {
    for (size_t j = 0; j < t.category_count; ++j) out.counts[j * t.category_count + i] = t.at(i, j);
  }
  return out;
}

ContingencyTable Relabelled(const ContingencyTable& t, const std::vector<size_t>& perm) {
  ContingencyTable out = t;
  const size_t k = t.category_count;
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) out.counts[perm[i] * k + perm[j]] = t.at(i, j);
  }
  return out;
}

TEST(CohenKappaTest, PropertiesOnRandomTables) {
  std::mt19937_64 rng(20240611);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t k = 2 + rng() % 5;
    const ContingencyTable t = RandomTable(rng, k);
    const Statistic kappa = CohenKappa(t);
    if (!kappa.defined()) continue;
    // Swapping the annotators changes nothing (FCE 1969 variance is symmetric too).
    const ContingencyTable tt = Transposed(t);
    for (Weighting w : {Weighting::kUnweighted, Weighting::kLinear, Weighting::kQuadratic}) {
      const Statistic a = CohenKappa(t, w), b = CohenKappa(tt, w);
      EXPECT_NEAR(*a.value, *b.value, 1e-12);
      EXPECT_NEAR(*a.standard_error, *b.standard_error, 1e-12);
      EXPECT_LE(*a.value, 1.0 + 1e-12);
      EXPECT_LE(a.ci95->low, *a.value);
      EXPECT_GE(a.ci95->high, *a.value);
    }
    // Renaming categories (with their scale positions) changes nothing.
    std::vector<size_t> perm(k);
    std::iota(perm.begin(), perm.end(), size_t{0});
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<double> positions(k);
    for (size_t c = 0; c < k; ++c) positions[perm[c]] = static_cast<double>(c);
    const ContingencyTable r = Relabelled(t, perm);
    EXPECT_NEAR(*CohenKappa(r).value, *kappa.value, 1e-12);
    EXPECT_NEAR(*CohenKappa(r, Weighting::kQuadratic, positions).value,
                *CohenKappa(t, Weighting::kQuadratic).value, 1e-12);
    EXPECT_NEAR(*ScottPi(r).value, *ScottPi(t).value, 1e-12);
    // Pooled marginals never give less chance agreement, so pi <= kappa.
    EXPECT_LE(*ScottPi(t).value, *kappa.value + 1e-12);
  }
}

TEST(CohenKappaTest, TwoCategoriesWeightingsCoincide) {
  const ContingencyTable t = ContingencyFromRows({{20, 5}, {10, 15}});
  EXPECT_DOUBLE_EQ(*CohenKappa(t, Weighting::kLinear).value, *CohenKappa(t).value);
  EXPECT_DOUBLE_EQ(*CohenKappa(t, Weighting::kQuadratic).value, *CohenKappa(t).value);
}

TEST(PercentAgreementTest, WaldInterval) {
  const Statistic p = PercentAgreement(ContingencyFromRows({{40, 10}, {10, 40}}));
  EXPECT_DOUBLE_EQ(*p.value, 0.8);
  EXPECT_NEAR(*p.standard_error, std::sqrt(0.8 * 0.2 / 100), 1e-15);
  EXPECT_NEAR(p.ci95->low, 0.8 - 1.96 * 0.04, 1e-12);
}

}  // namespace
}  // namespace chorus::quality
