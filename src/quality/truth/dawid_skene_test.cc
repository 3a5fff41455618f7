#include "quality/truth/dawid_skene.h"
#include "quality/testdata/test_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace chorus::quality {
namespace {

using testdata::IdVote;

// A table whose ids are the given numbers (names "0", "1", ... interned in id order).
VoteTable NumberedTable(const std::vector<IdVote>& votes, size_t items, size_t annotators,
                        size_t labels) {
  VoteTable table;
  for (size_t i = 0; i < items; ++i) table.item_names().Intern(std::to_string(i));
  for (size_t a = 0; a < annotators; ++a) table.annotator_names().Intern(std::to_string(a));
  for (size_t l = 0; l < labels; ++l) table.label_names().Intern(std::to_string(l));
  for (const IdVote& v : votes) table.AddIds(v.item, v.annotator, v.label);
  return table;
}

void ExpectFinite(const TruthEstimate& r) {
  for (double p : r.posterior.values) EXPECT_TRUE(std::isfinite(p));
  for (size_t i = 0; i < r.posterior.rows; ++i) {
    double sum = 0;
    for (double p : r.posterior.row(i)) sum += p;
    if (r.class_count > 0) {
      EXPECT_NEAR(sum, 1.0, 1e-12) << "item " << i;
    }
    EXPECT_TRUE(std::isfinite(r.confidence[i]));
  }
  for (const AnnotatorSkill& a : r.annotators) {
    EXPECT_TRUE(std::isfinite(a.accuracy));
    EXPECT_GE(a.accuracy, 0.0);
    EXPECT_LE(a.accuracy, 1.0);
    for (double p : a.confusion) EXPECT_TRUE(std::isfinite(p));
    for (size_t c = 0; c < r.class_count; ++c) {
      double sum = 0;
      for (size_t l = 0; l < r.class_count; ++l) sum += a.confusion[c * r.class_count + l];
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  }
  ASSERT_TRUE(r.log_likelihood.has_value());
  EXPECT_TRUE(std::isfinite(*r.log_likelihood));
}

// Hand-worked: items 0 (A:0, B:0) and 1 (A:1, B:0). Soft majority vote: T0 = (1, 0),
// T1 = (.5, .5); priors (.75, .25); π_A = [[2/3, 1/3], [0, 1]], π_B = [[1, 0], [1, 0]].
// E-step: item 0: .75·2/3·1 = .5 vs .25·0 = 0; item 1: .75·1/3·1 = .25 vs .25·1·1 = .25,
// so the soft vote is already the fixed point and log L = 2 log .5.
TEST(DawidSkeneTest, HandWorkedFixedPoint) {
  const VoteTable table = NumberedTable({{0, 0, 0}, {0, 1, 0}, {1, 0, 1}, {1, 1, 0}}, 2, 2, 2);
  DawidSkeneOptions options;
  options.smoothing = 0;
  const TruthEstimate r = DawidSkene(table, {}, options);
  EXPECT_EQ(r.method, "ds");
  EXPECT_NEAR(r.posterior.at(0, 0), 1.0, 1e-12);
  EXPECT_NEAR(r.posterior.at(1, 0), 0.5, 1e-12);
  EXPECT_NEAR(r.posterior.at(1, 1), 0.5, 1e-12);
  EXPECT_EQ(r.labels[0], 0u);
  EXPECT_EQ(r.tied[0], 0);
  EXPECT_EQ(r.tied[1], 1);
  ASSERT_TRUE(r.log_likelihood.has_value());
  EXPECT_NEAR(*r.log_likelihood, 2 * std::log(0.5), 1e-12);
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.iterations, 2);
  // Rows = true class: A answers 0 for a true 0 two times in three.
  const std::vector<double>& a = r.annotators[0].confusion;
  EXPECT_NEAR(a[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(a[1], 1.0 / 3, 1e-12);
  EXPECT_NEAR(a[2], 0.0, 1e-12);
  EXPECT_NEAR(a[3], 1.0, 1e-12);
  // Accuracy: A's votes are right with probability 1 (item 0) and .5 (item 1).
  EXPECT_NEAR(r.annotators[0].accuracy, 0.75, 1e-12);
  EXPECT_NEAR(r.annotators[1].accuracy, 0.75, 1e-12);
  EXPECT_EQ(r.annotators[0].votes, 2u);
  ExpectFinite(r);
}

// Hand-worked one-coin on the same votes, one iteration: skills from the soft vote are
// s_A = (1 + .5)/2 = .75 and s_B = (1 + .5)/2 = .75, priors (.75, .25), wrong = .25.
// E-step: item 0: .75³ = .421875 vs .25³ = .015625; item 1: .75·.25·.75 = .140625 vs
// .25·.75·.25 = .046875. Then s_A = (T00 + T11)/2, s_B = (T00 + T10)/2.
TEST(OneCoinDawidSkeneTest, HandWorkedOneIteration) {
  const VoteTable table = NumberedTable({{0, 0, 0}, {0, 1, 0}, {1, 0, 1}, {1, 1, 0}}, 2, 2, 2);
  DawidSkeneOptions options;
  options.smoothing = 0;
  options.max_iterations = 1;
  const TruthEstimate r = OneCoinDawidSkene(table, {}, options);
  EXPECT_EQ(r.method, "onecoin");
  const double t00 = 0.421875 / (0.421875 + 0.015625);
  const double t10 = 0.140625 / (0.140625 + 0.046875);
  EXPECT_NEAR(r.posterior.at(0, 0), t00, 1e-12);
  EXPECT_NEAR(r.posterior.at(1, 0), t10, 1e-12);
  EXPECT_NEAR(*r.log_likelihood, std::log(0.4375) + std::log(0.1875), 1e-12);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 1);
  EXPECT_NEAR(r.annotators[0].accuracy, (t00 + (1 - t10)) / 2, 1e-12);
  EXPECT_NEAR(r.annotators[1].accuracy, (t00 + t10) / 2, 1e-12);
  const double s = r.annotators[0].accuracy;
  EXPECT_NEAR(r.annotators[0].confusion[0], s, 1e-12);
  EXPECT_NEAR(r.annotators[0].confusion[1], 1 - s, 1e-12);
  ExpectFinite(r);
}

TEST(DawidSkeneTest, UnanimousVotesAreCertain) {
  std::vector<IdVote> votes;
  for (uint32_t i = 0; i < 6; ++i) {
    for (uint32_t a = 0; a < 3; ++a) votes.push_back({i, a, i % 3});
  }
  const VoteTable table = NumberedTable(votes, 6, 3, 3);
  for (const TruthEstimate& r : {DawidSkene(table), OneCoinDawidSkene(table)}) {
    for (uint32_t i = 0; i < 6; ++i) {
      EXPECT_EQ(r.labels[i], i % 3);
      EXPECT_GT(r.confidence[i], 0.99);
    }
    for (const AnnotatorSkill& a : r.annotators) EXPECT_GT(a.accuracy, 0.99);
    EXPECT_TRUE(r.converged);
    ExpectFinite(r);
  }
}

// Dawid & Skene (1979), Table 1: 45 patients, 5 anaesthetists, classes 1-4; anaesthetist 1
// rated every patient three times (the first three digits). Transcribed as in
// dallascard/dawid_skene @ 9f49db72b6e2d7b3162d9c9247be3b68575cc263 (dawid_skene.py) and
// x-lin/consensusalgorithms @ 4cc5af592fb6e0b909cec42b0f5d6bd9e587c875
// (src/test/java/algorithms/dawidskene/DawidSkeneAlgorithmTest.java); jeffreypullin/rater's
// data/anesthesia.rda differs in one cell (patient 7, anaesthetist 1: 1,1,2).
constexpr std::array<const char*, 45> kAnaesthesia = {
    "1111111", "3334334", "1122122", "2223121", "2223222", "2223322", "1222111", "3333433",
    "2222223", "2322223", "4444444", "2223343", "1111111", "2223212", "1211111", "1112111",
    "1111111", "1111111", "2222221", "2221322", "2222222", "2222221", "2223222", "2212222",
    "1111111", "1111111", "2322222", "1111111", "1111111", "1121121", "1111111", "3333233",
    "1111111", "2222222", "2223232", "4334343", "2212232", "2323233", "3333432", "1111111",
    "1111111", "1212111", "2322222", "1211111", "2222222"};

// Ids: item = patient − 1, annotator = anaesthetist − 1, label = class − 1.
VoteTable AnaesthesiaTable() {
  std::vector<IdVote> votes;
  for (uint32_t p = 0; p < kAnaesthesia.size(); ++p) {
    for (uint32_t j = 0; j < 7; ++j) {
      votes.push_back({p, j < 3 ? 0u : j - 2, static_cast<uint32_t>(kAnaesthesia[p][j] - '1')});
    }
  }
  return NumberedTable(votes, 45, 5, 4);
}

// Published values: class marginals (0.40, 0.42, 0.11, 0.07), the observers' error rates and
// the patients' estimated class probabilities, to two decimals, as asserted (with tolerance
// 0.01) by x-lin/consensusalgorithms @ 4cc5af592fb6e0b909cec42b0f5d6bd9e587c875,
// src/test/java/algorithms/dawidskene/DawidSkeneAlgorithmTest.java, which reproduces Dawid &
// Skene's tables for this data. The 1979 paper itself was not available to check them against.
constexpr double kPublishedMarginals[4] = {0.40, 0.42, 0.11, 0.07};
// [anaesthetist][true class][class given].
constexpr double kPublishedErrorRates[5][4][4] = {{{0.89, 0.11, 0.00, 0.00},
                                                   {0.07, 0.88, 0.05, 0.00},
                                                   {0.00, 0.34, 0.66, 0.00},
                                                   {0.00, 0.00, 0.56, 0.44}},
                                                  {{0.83, 0.17, 0.00, 0.00},
                                                   {0.05, 0.63, 0.31, 0.00},
                                                   {0.00, 0.00, 1.00, 0.00},
                                                   {0.00, 0.00, 0.00, 1.00}},
                                                  {{1.00, 0.00, 0.00, 0.00},
                                                   {0.11, 0.79, 0.11, 0.00},
                                                   {0.00, 0.40, 0.20, 0.40},
                                                   {0.00, 0.00, 0.67, 0.33}},
                                                  {{0.94, 0.06, 0.00, 0.00},
                                                   {0.05, 0.84, 0.10, 0.00},
                                                   {0.00, 0.00, 0.80, 0.20},
                                                   {0.00, 0.00, 0.33, 0.67}},
                                                  {{1.00, 0.00, 0.00, 0.00},
                                                   {0.16, 0.73, 0.11, 0.00},
                                                   {0.00, 0.21, 0.79, 0.00},
                                                   {0.00, 0.00, 0.33, 0.67}}};
// Estimated class (1-4) of each patient; all but three are certain to two decimals.
constexpr std::array<int, 45> kPublishedClass = {1, 4, 2, 2, 2, 2, 1, 3, 2, 2, 4, 3, 1, 2, 1,
                                                 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2, 1, 1, 1,
                                                 1, 3, 1, 2, 2, 4, 2, 3, 3, 1, 1, 1, 2, 1, 2};

TruthEstimate FitAnaesthesia(const VoteTable& table) {
  DawidSkeneOptions options;
  options.smoothing = 0;  // The paper's plain maximum likelihood.
  options.tolerance = 1e-12;
  options.max_iterations = 1000;
  return DawidSkene(table, {}, options);
}

TEST(DawidSkeneTest, ReproducesDawidSkene1979Anaesthesia) {
  const TruthEstimate r = FitAnaesthesia(AnaesthesiaTable());
  ASSERT_EQ(r.class_count, 4u);
  EXPECT_TRUE(r.converged);
  ExpectFinite(r);
  // With α = 0 the priors are the posterior's column means.
  for (size_t c = 0; c < 4; ++c) {
    double mean = 0;
    for (size_t i = 0; i < 45; ++i) mean += r.posterior.at(i, c) / 45;
    EXPECT_NEAR(mean, kPublishedMarginals[c], 0.01) << "class " << c + 1;
  }
  for (size_t a = 0; a < 5; ++a) {
    for (size_t c = 0; c < 4; ++c) {
      for (size_t l = 0; l < 4; ++l) {
        EXPECT_NEAR(r.annotators[a].confusion[c * 4 + l], kPublishedErrorRates[a][c][l], 0.01)
            << "anaesthetist " << a + 1 << ", true " << c + 1 << ", given " << l + 1;
      }
    }
  }
  for (size_t i = 0; i < 45; ++i) {
    const size_t expected = static_cast<size_t>(kPublishedClass[i] - 1);
    EXPECT_EQ(r.labels[i], expected) << "patient " << i + 1;
  }
  // The three uncertain patients: 7 (.98 class 1), 35 (.95 class 2), 38 (.98 class 3).
  EXPECT_NEAR(r.posterior.at(6, 0), 0.98, 0.01);
  EXPECT_NEAR(r.posterior.at(34, 1), 0.95, 0.01);
  EXPECT_NEAR(r.posterior.at(34, 2), 0.05, 0.01);
  EXPECT_NEAR(r.posterior.at(37, 2), 0.98, 0.01);
  for (size_t i = 0; i < 45; ++i) {
    if (i == 6 || i == 34 || i == 37) continue;
    EXPECT_GE(r.confidence[i], 0.995) << "patient " << i + 1;  // Published 1.00.
  }
  // Anaesthetist 1 cast three votes per patient; the table keeps them all.
  EXPECT_EQ(r.annotators[0].votes, 135u);
  EXPECT_EQ(r.annotators[1].votes, 45u);
}

// crowd-kit (Toloka/crowd-kit, crowdkit/aggregation/classification/dawid_skene.py) on the same
// data. crowd-kit could not be installed here, so the expected values come from a line-by-line
// pure-Python port of its DawidSkene and OneCoinDawidSkene (majority-vote start, priors = mean
// posterior, errors clipped at 1e-10, ELBO stopping rule), run on answers.csv. Its DawidSkene
// stops after 4 iterations on this data (its ELBO, which counts the prior once per vote, dips),
// so ours is run for exactly 4; its OneCoinDawidSkene is run to its fixed point.
TEST(DawidSkeneTest, MatchesCrowdKitOnAnaesthesia) {
  DawidSkeneOptions options;
  options.smoothing = 0;
  options.max_iterations = 4;
  const TruthEstimate ds = DawidSkene(AnaesthesiaTable(), {}, options);
  const double ds_expected[4][4] = {{0.006932194, 0.993067806, 0, 0},
                                    {0.981970188, 0.018029812, 0, 0},
                                    {0, 0.951514775, 0.048485225, 0},
                                    {0, 0.022689152, 0.977310848, 0}};
  const size_t patients[4] = {2, 6, 34, 37};  // Patients 3, 7, 35 and 38.
  for (size_t j = 0; j < 4; ++j) {
    for (size_t c = 0; c < 4; ++c) {
      EXPECT_NEAR(ds.posterior.at(patients[j], c), ds_expected[j][c], 1e-6)
          << "patient " << patients[j] + 1 << " class " << c + 1;
    }
  }
  options.max_iterations = 5000;
  options.tolerance = 1e-15;
  const TruthEstimate one = OneCoinDawidSkene(AnaesthesiaTable(), {}, options);
  EXPECT_TRUE(one.converged);
  const double skills[5] = {0.885430494, 0.700724884, 0.811465011, 0.853067726, 0.808919757};
  for (size_t a = 0; a < 5; ++a) EXPECT_NEAR(one.annotators[a].accuracy, skills[a], 1e-6);
  const double priors[4] = {0.401919727, 0.451099793, 0.124628976, 0.022351505};
  for (size_t c = 0; c < 4; ++c) {
    double mean = 0;
    for (size_t i = 0; i < 45; ++i) mean += one.posterior.at(i, c) / 45;
    EXPECT_NEAR(mean, priors[c], 1e-6);
  }
  const double one_expected[4][4] = {{0.146510878, 0.853481403, 6.545e-06, 1.174e-06},
                                     {0.93984987, 0.06014494, 4.401e-06, 7.89e-07},
                                     {4.36e-07, 0.999983001, 1.6538e-05, 2.4e-08},
                                     {5.2737e-05, 0.410830085, 0.589114245, 2.933e-06}};
  for (size_t j = 0; j < 4; ++j) {
    for (size_t c = 0; c < 4; ++c) {
      EXPECT_NEAR(one.posterior.at(patients[j], c), one_expected[j][c], 1e-6)
          << "patient " << patients[j] + 1 << " class " << c + 1;
    }
  }
}

std::vector<std::string> SplitComma(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

// The same data read from ../shared/data/dawid_skene_1979/answers.csv (see SOURCE.txt
// there), with names interned in file order: results must match the typed copy.
TEST(DawidSkeneTest, AnaesthesiaCsvMatchesTypedCopy) {
  const std::filesystem::path path = testdata::SharedDataDir() / "dawid_skene_1979" / "answers.csv";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "reference data " << path << " is absent; the typed copy is tested";
  }
  VoteTable table;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // task,worker,label
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto f = SplitComma(line);
    ASSERT_EQ(f.size(), 3u) << line;
    table.Add(f[0], f[1], f[2]);
  }
  ASSERT_EQ(table.size(), 315u);
  const TruthEstimate from_file = FitAnaesthesia(table);
  const TruthEstimate typed = FitAnaesthesia(AnaesthesiaTable());
  EXPECT_NEAR(*from_file.log_likelihood, *typed.log_likelihood, 1e-9);
  for (size_t i = 0; i < 45; ++i) {
    const ItemId item = *table.item_names().Find(std::to_string(i + 1));
    for (size_t c = 0; c < 4; ++c) {
      const LabelId label = *table.label_names().Find(std::to_string(c + 1));
      EXPECT_NEAR(from_file.posterior.at(item, label), typed.posterior.at(i, c), 1e-9);
    }
    EXPECT_EQ(table.label_names().Name(from_file.labels[item]), std::to_string(kPublishedClass[i]));
  }
}

// Votes drawn from known models: `items` items, each labelled by every annotator.
struct DsSample {
  std::vector<IdVote> votes;
  std::vector<uint32_t> truth;
};

DsSample GenerateDs(size_t items, const std::vector<std::vector<double>>& confusion, size_t k,
                    uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  DsSample g;
  for (uint32_t i = 0; i < items; ++i) {
    const uint32_t z = static_cast<uint32_t>(rng() % k);
    g.truth.push_back(z);
    for (uint32_t a = 0; a < confusion.size(); ++a) {
      double u = unit(rng);
      uint32_t l = 0;
      for (; l + 1 < k; ++l) {
        u -= confusion[a][z * k + l];
        if (u < 0) break;
      }
      g.votes.push_back({i, a, l});
    }
  }
  return g;
}

const std::vector<std::vector<double>> kTrueConfusion = {
    {0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.05, 0.15, 0.8},
    {0.7, 0.3, 0.0, 0.1, 0.9, 0.0, 0.0, 0.2, 0.8},
    {0.6, 0.2, 0.2, 0.2, 0.6, 0.2, 0.2, 0.2, 0.6},
    {0.95, 0.05, 0.0, 0.0, 0.95, 0.05, 0.05, 0.0, 0.95},
    {0.5, 0.5, 0.0, 0.0, 1.0, 0.0, 0.0, 0.3, 0.7}};

double MaxConfusionError(const TruthEstimate& r, const std::vector<std::vector<double>>& truth) {
  double worst = 0;
  for (size_t a = 0; a < truth.size(); ++a) {
    for (size_t j = 0; j < truth[a].size(); ++j) {
      worst = std::max(worst, std::abs(r.annotators[a].confusion[j] - truth[a][j]));
    }
  }
  return worst;
}

TEST(DawidSkeneTest, RecoversKnownConfusionAsVotesGrow) {
  const DsSample small = GenerateDs(400, kTrueConfusion, 3, 7);
  const DsSample large = GenerateDs(4000, kTrueConfusion, 3, 7);
  const TruthEstimate rs = DawidSkene(NumberedTable(small.votes, 400, 5, 3));
  const TruthEstimate rl = DawidSkene(NumberedTable(large.votes, 4000, 5, 3));
  const double error_small = MaxConfusionError(rs, kTrueConfusion);
  const double error_large = MaxConfusionError(rl, kTrueConfusion);
  EXPECT_LT(error_large, error_small);
  EXPECT_LT(error_large, 0.05);
  size_t right = 0;
  for (size_t i = 0; i < 4000; ++i) right += rl.labels[i] == large.truth[i] ? 1 : 0;
  EXPECT_GT(right, 3800u);
  ExpectFinite(rl);
}

// Large inputs run in item blocks on several threads; the blocks depend on the input alone, so
// the fit is bit-identical on any number of threads. 60,000 items x 5 votes makes 4 blocks.
TEST(DawidSkeneTest, ThreadCountDoesNotChangeTheFit) {
  const DsSample g = GenerateDs(60000, kTrueConfusion, 3, 5);
  const ItemVotes votes = GroupByItem(NumberedTable(g.votes, 60000, 5, 3));
  for (const bool one_coin : {false, true}) {
    const auto fit = [&](size_t threads) {
      DawidSkeneOptions options;
      options.threads = threads;
      return one_coin ? OneCoinDawidSkene(votes, 3, 5, {}, options)
                      : DawidSkene(votes, 3, 5, {}, options);
    };
    const TruthEstimate one = fit(1);
    size_t right = 0;
    for (size_t i = 0; i < g.truth.size(); ++i) right += one.labels[i] == g.truth[i] ? 1 : 0;
    EXPECT_GT(right, 57000u);
    // Every block's counts reach the M-step: annotator 3 is right 95% of the time.
    EXPECT_NEAR(one.annotators[3].accuracy, 0.95, 0.01);
    for (const size_t threads : {2, 3, 16}) {
      const TruthEstimate many = fit(threads);
      EXPECT_EQ(many.posterior.values, one.posterior.values) << threads << " threads";
      EXPECT_EQ(many.log_likelihood, one.log_likelihood);
      EXPECT_EQ(many.iterations, one.iterations);
      EXPECT_EQ(many.annotators[2].confusion, one.annotators[2].confusion);
    }
  }
}

TEST(OneCoinDawidSkeneTest, RecoversKnownAccuraciesAsVotesGrow) {
  const std::vector<double> accuracy = {0.9, 0.8, 0.7, 0.6, 0.55};
  std::vector<std::vector<double>> confusion;
  for (double s : accuracy) {
    std::vector<double> m(9, (1 - s) / 2);
    for (size_t c = 0; c < 3; ++c) m[c * 3 + c] = s;
    confusion.push_back(m);
  }
  double previous = 1;
  for (size_t items : {300, 3000, 30000}) {
    const DsSample g = GenerateDs(items, confusion, 3, 11);
    const TruthEstimate r = OneCoinDawidSkene(NumberedTable(g.votes, items, 5, 3));
    double error = 0;
    for (size_t a = 0; a < 5; ++a) {
      error = std::max(error, std::abs(r.annotators[a].accuracy - accuracy[a]));
    }
    EXPECT_LT(error, previous) << items << " items";
    previous = error;
    ExpectFinite(r);
  }
  EXPECT_LT(previous, 0.02);
}

TEST(DawidSkeneTest, GoldClampsThePosteriorAndTrainsAnnotators) {
  // Items 0-3 are gold (labels 1, 1, 0, 0); annotators 0 and 1 vote against gold on them;
  // annotator 2 labels only gold items, so with α = 0 its confusion is its record on them.
  std::vector<IdVote> votes = {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 0}, {1, 1, 0},
                               {1, 2, 0}, {2, 0, 1}, {2, 1, 1}, {2, 2, 0}, {3, 2, 0},
                               {4, 0, 1}, {4, 1, 1}, {5, 0, 0}, {5, 1, 0}};
  const VoteTable table = NumberedTable(votes, 7, 3, 2);  // Item 6: gold, no votes.
  std::vector<std::optional<LabelId>> gold(7);
  gold[0] = 1;
  gold[1] = 1;
  gold[2] = 0;
  gold[3] = 0;
  gold[6] = 1;
  DawidSkeneOptions options;
  options.smoothing = 0;
  for (const TruthEstimate& r : {DawidSkene(GroupByItem(table), 2, 3, gold, options),
                                 OneCoinDawidSkene(GroupByItem(table), 2, 3, gold, options)}) {
    for (size_t i = 0; i < 7; ++i) {
      if (!gold[i]) continue;
      EXPECT_EQ(r.labels[i], *gold[i]) << r.method << " item " << i;
      EXPECT_EQ(r.posterior.at(i, *gold[i]), 1.0);
      EXPECT_EQ(r.confidence[i], 1.0);
    }
    ExpectFinite(r);
  }
  const TruthEstimate ds = DawidSkene(GroupByItem(table), 2, 3, gold, options);
  // Annotator 2 on gold: true 1 → said 1 once, 0 once; true 0 → said 0 twice.
  EXPECT_NEAR(ds.annotators[2].confusion[0], 1.0, 1e-12);
  EXPECT_NEAR(ds.annotators[2].confusion[2], 0.5, 1e-12);
  EXPECT_NEAR(ds.annotators[2].confusion[3], 0.5, 1e-12);
  EXPECT_NEAR(ds.annotators[2].accuracy, 0.75, 1e-12);
  // Without gold the same votes give other answers on the gold items.
  const TruthEstimate free = DawidSkene(GroupByItem(table), 2, 3, {}, options);
  EXPECT_NE(free.posterior.at(0, 1), 1.0);
}

// Random sparse data: 4 classes, 10 annotators, each item labelled by 3-5 of them.
std::vector<IdVote> SkilledRandomVotes(size_t items, size_t annotators, size_t k, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<IdVote> votes;
  for (uint32_t i = 0; i < items; ++i) {
    const uint32_t z = static_cast<uint32_t>(rng() % k);
    std::vector<uint32_t> who(annotators);
    std::iota(who.begin(), who.end(), 0u);
    std::shuffle(who.begin(), who.end(), rng);
    const size_t m = 3 + rng() % 3;
    for (size_t j = 0; j < m; ++j) {
      const uint32_t a = who[j];
      const bool right = rng() % 100 < 55 + 4 * a;
      votes.push_back({i, a, right ? z : static_cast<uint32_t>(rng() % k)});
    }
  }
  return votes;
}

using Method = TruthEstimate (*)(const VoteTable&, GoldByItem, const DawidSkeneOptions&);
const std::array<Method, 2> kMethods = {&DawidSkene, &OneCoinDawidSkene};

TEST(DawidSkeneTest, RelabellingClassesPermutesTheResult) {
  const std::vector<IdVote> votes = SkilledRandomVotes(300, 10, 4, 3);
  const std::array<uint32_t, 4> sigma = {2, 0, 3, 1};
  std::vector<IdVote> relabelled = votes;
  for (IdVote& v : relabelled) v.label = sigma[v.label];
  for (Method method : kMethods) {
    const TruthEstimate a = method(NumberedTable(votes, 300, 10, 4), {}, {});
    const TruthEstimate b = method(NumberedTable(relabelled, 300, 10, 4), {}, {});
    EXPECT_EQ(a.iterations, b.iterations);
    EXPECT_NEAR(*a.log_likelihood, *b.log_likelihood, 1e-9);
    for (size_t i = 0; i < 300; ++i) {
      if (!a.tied[i]) {
        EXPECT_EQ(sigma[a.labels[i]], b.labels[i]) << a.method << " item " << i;
      }
      for (size_t c = 0; c < 4; ++c) {
        EXPECT_NEAR(a.posterior.at(i, c), b.posterior.at(i, sigma[c]), 1e-9);
      }
    }
    for (size_t x = 0; x < 10; ++x) {
      EXPECT_NEAR(a.annotators[x].accuracy, b.annotators[x].accuracy, 1e-9);
      for (size_t c = 0; c < 4; ++c) {
        for (size_t l = 0; l < 4; ++l) {
          EXPECT_NEAR(a.annotators[x].confusion[c * 4 + l],
                      b.annotators[x].confusion[sigma[c] * 4 + sigma[l]], 1e-9);
        }
      }
    }
  }
}

TEST(DawidSkeneTest, ReorderingVotesChangesNothing) {
  const std::vector<IdVote> votes = SkilledRandomVotes(300, 10, 4, 5);
  std::vector<IdVote> shuffled = votes;
  std::mt19937_64 rng(9);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (Method method : kMethods) {
    const TruthEstimate a = method(NumberedTable(votes, 300, 10, 4), {}, {});
    const TruthEstimate b = method(NumberedTable(shuffled, 300, 10, 4), {}, {});
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.posterior.values, b.posterior.values);
    EXPECT_EQ(*a.log_likelihood, *b.log_likelihood);
  }
}

TEST(DawidSkeneTest, RenumberingItemsPermutesTheRows) {
  const std::vector<IdVote> votes = SkilledRandomVotes(300, 10, 4, 6);
  std::vector<uint32_t> new_id(300);
  std::iota(new_id.begin(), new_id.end(), 0u);
  std::mt19937_64 rng(4);
  std::shuffle(new_id.begin(), new_id.end(), rng);
  std::vector<IdVote> renumbered = votes;
  for (IdVote& v : renumbered) v.item = new_id[v.item];
  for (Method method : kMethods) {
    const TruthEstimate a = method(NumberedTable(votes, 300, 10, 4), {}, {});
    const TruthEstimate b = method(NumberedTable(renumbered, 300, 10, 4), {}, {});
    EXPECT_NEAR(*a.log_likelihood, *b.log_likelihood, 1e-9);
    for (size_t i = 0; i < 300; ++i) {
      if (!a.tied[i]) {
        EXPECT_EQ(a.labels[i], b.labels[new_id[i]]) << a.method << " item " << i;
      }
      for (size_t c = 0; c < 4; ++c) {
        EXPECT_NEAR(a.posterior.at(i, c), b.posterior.at(new_id[i], c), 1e-9);
      }
    }
  }
}

TEST(DawidSkeneTest, DuplicatingTheDataSetKeepsTheLabels) {
  const std::vector<IdVote> votes = SkilledRandomVotes(300, 10, 4, 8);
  std::vector<IdVote> doubled = votes;
  for (const IdVote& v : votes) doubled.push_back({v.item + 300, v.annotator, v.label});
  for (Method method : kMethods) {
    for (double smoothing : {0.0, 0.01}) {
      DawidSkeneOptions options;
      options.smoothing = smoothing;
      const TruthEstimate a = method(NumberedTable(votes, 300, 10, 4), {}, options);
      const TruthEstimate b = method(NumberedTable(doubled, 600, 10, 4), {}, options);
      for (size_t i = 0; i < 300; ++i) {
        if (a.tied[i]) continue;
        EXPECT_EQ(a.labels[i], b.labels[i]) << a.method << " item " << i;
        EXPECT_EQ(b.labels[i], b.labels[i + 300]);
        if (smoothing == 0) {
          EXPECT_NEAR(a.posterior.at(i, 0), b.posterior.at(i, 0), 1e-6);
        }
      }
      if (smoothing == 0) {
        EXPECT_NEAR(2 * *a.log_likelihood, *b.log_likelihood, 1e-6);
      }
    }
  }
}

TEST(DawidSkeneTest, DegenerateInputsGiveFiniteResults) {
  struct Case {
    const char* name;
    std::vector<IdVote> votes;
    size_t items, annotators, classes;
  };
  const std::vector<Case> cases = {
      {"one annotator", {{0, 0, 0}, {1, 0, 1}, {2, 0, 1}}, 3, 1, 2},
      {"class never used", {{0, 0, 0}, {0, 1, 0}, {1, 0, 1}, {1, 1, 1}}, 2, 2, 3},
      {"annotator always says 0", {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 1}}, 2, 2, 2},
      {"item with one vote", {{0, 0, 1}, {1, 0, 0}, {1, 1, 0}}, 2, 2, 2},
      {"annotator with no votes", {{0, 0, 1}, {1, 0, 0}}, 2, 3, 2},
      {"one class", {{0, 0, 0}, {1, 1, 0}}, 2, 2, 1},
      {"repeated votes", {{0, 0, 1}, {0, 0, 1}, {0, 0, 0}}, 1, 1, 2},
  };
  for (const Case& c : cases) {
    for (Method method : kMethods) {
      for (double smoothing : {0.0, 0.01, 1.0}) {
        SCOPED_TRACE(std::string(c.name) + " smoothing " + std::to_string(smoothing));
        DawidSkeneOptions options;
        options.smoothing = smoothing;
        const TruthEstimate r =
            method(NumberedTable(c.votes, c.items, c.annotators, c.classes), {}, options);
        ASSERT_EQ(r.labels.size(), c.items);
        ASSERT_EQ(r.annotators.size(), c.annotators);
        ExpectFinite(r);
      }
    }
  }
  // An item with no votes (possible in hand-built ItemVotes) gets the uniform posterior.
  ItemVotes votes;
  votes.offsets = {0, 1, 1};
  votes.annotators = {0};
  votes.labels = {1};
  for (const TruthEstimate& r : {DawidSkene(votes, 2, 1), OneCoinDawidSkene(votes, 2, 1)}) {
    EXPECT_EQ(r.posterior.at(1, 0), 0.5);
    EXPECT_EQ(r.tied[1], 1);
    EXPECT_EQ(r.labels[0], 1u);
    ExpectFinite(r);
  }
  // An empty table.
  const TruthEstimate empty = DawidSkene(VoteTable{});
  EXPECT_EQ(empty.class_count, 0u);
  EXPECT_TRUE(empty.labels.empty());
}

TEST(DawidSkeneTest, LogLikelihoodNeverDecreases) {
  const VoteTable table = NumberedTable(SkilledRandomVotes(500, 10, 4, 13), 500, 10, 4);
  for (Method method : kMethods) {
    double previous = -1e300;
    for (int cap = 1; cap <= 15; ++cap) {
      DawidSkeneOptions options;
      options.max_iterations = cap;
      options.tolerance = 0;
      const TruthEstimate r = method(table, {}, options);
      EXPECT_GE(*r.log_likelihood, previous - 1e-9) << r.method << " iteration " << cap;
      previous = *r.log_likelihood;
    }
  }
}

}  // namespace
}  // namespace chorus::quality
