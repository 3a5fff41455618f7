#include "quality/truth/mace.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "quality/testdata/test_tables.h"
#include "quality/testdata/truth_checks.h"

namespace chorus::quality {
namespace {

using testdata::Accuracy;
using testdata::MajorityAccuracy;
using testdata::Margin;
using testdata::NamedVote;
using testdata::Names;
using testdata::PosteriorByName;
using testdata::TableOfNames;

void ExpectWellFormedMace(const TruthEstimate& e, size_t items, size_t annotators) {
  ASSERT_EQ(e.labels.size(), items);
  ASSERT_EQ(e.posterior.rows, items);
  ASSERT_EQ(e.annotators.size(), annotators);
  EXPECT_TRUE(e.item_difficulty.empty());
  ASSERT_TRUE(e.log_likelihood.has_value());
  EXPECT_TRUE(std::isfinite(*e.log_likelihood));
  EXPECT_LE(*e.log_likelihood, 1e-9);
  const size_t k = e.class_count;
  for (size_t j = 0; j < items; ++j) {
    double sum = 0;
    for (double p : e.posterior.row(j)) {
      EXPECT_TRUE(std::isfinite(p));
      sum += p;
    }
    if (k > 0) {
      EXPECT_NEAR(sum, 1.0, 1e-9) << "item " << j;
    }
    EXPECT_TRUE(std::isfinite(e.confidence[j]));
  }
  for (const auto& a : e.annotators) {
    ASSERT_TRUE(a.spam_probability.has_value());
    EXPECT_GT(*a.spam_probability, 0);
    EXPECT_LT(*a.spam_probability, 1);
    EXPECT_TRUE(std::isfinite(a.accuracy));
    EXPECT_GE(a.accuracy, 0);
    EXPECT_LE(a.accuracy, 1 + 1e-12);
    ASSERT_EQ(a.confusion.size(), k * k);
    for (size_t t = 0; t < k; ++t) {
      double row = 0;
      for (size_t l = 0; l < k; ++l) row += a.confusion[t * k + l];
      EXPECT_NEAR(row, 1.0, 1e-9);
    }
  }
}

// MACE's generative model with planted spammers: annotator a knows with probability
// competence[a], else answers from its own spam distribution (here: always class 0 for the
// "constant" spammers, uniform for the others).
struct MaceSample {
  std::vector<NamedVote> votes;
  std::vector<int> truth;
};

MaceSample GenerateMace(uint64_t seed, int items, const std::vector<double>& competence,
                        const std::vector<bool>& constant_spam, int per_item, int k) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  const int n = static_cast<int>(competence.size());
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  MaceSample g;
  for (int j = 0; j < items; ++j) {
    const int truth = static_cast<int>(rng() % k);
    g.truth.push_back(truth);
    std::shuffle(order.begin(), order.end(), rng);
    for (int v = 0; v < per_item; ++v) {
      const int a = order[v];
      int label = truth;
      if (unit(rng) >= competence[a]) label = constant_spam[a] ? 0 : static_cast<int>(rng() % k);
      g.votes.push_back(
          {"i" + std::to_string(j), "a" + std::to_string(a), "c" + std::to_string(label)});
    }
  }
  return g;
}

// Hand-checkable: one start, no M-step, so θ = 0.5 and ξ uniform. One vote for c1 gives
// P(T = c1) ∝ θ + (1 − θ)/k and P(T = c) ∝ (1 − θ)/k otherwise: 0.75 for k = 2, 2/3 for k = 3;
// the likelihood of the vote is Σ_t (1/k) P(c1 | t) = 1/k, and spam probability 1 − θ = 0.5.
TEST(MaceTest, FixedStartMatchesHandComputation) {
  for (int k : {2, 3}) {
    SCOPED_TRACE(k);
    const VoteTable table = TableOfNames({{"x", "ann", "c1"}}, Names("c", k));
    MaceOptions options;
    options.restarts = 1;
    options.max_iterations = 0;
    const TruthEstimate e = Mace(table, {}, options);
    ExpectWellFormedMace(e, 1, 1);
    const double want = (0.5 + 0.5 / k) / 1.0;
    EXPECT_NEAR(e.posterior.at(0, 1), want, 1e-12);
    EXPECT_NEAR(e.posterior.at(0, 0), 0.5 / k, 1e-12);
    EXPECT_EQ(e.labels[0], 1u);
    EXPECT_NEAR(*e.log_likelihood, std::log(1.0 / k), 1e-12);
    EXPECT_NEAR(*e.annotators[0].spam_probability, 0.5, 1e-12);
    EXPECT_NEAR(e.annotators[0].confusion[1 * k + 1], 0.5 + 0.5 / k, 1e-12);
    EXPECT_NEAR(e.annotators[0].confusion[0 * k + 1], 0.5 / k, 1e-12);
    EXPECT_EQ(e.method, "mace");
  }
}

// Hand-checkable M-step: after one E-step from the fixed start, annotator "a" alone on item x
// (k = 2) has P(T = c0) = 0.75 and the knowing share θ/(θ + (1 − θ)ξ) = 0.5/0.75 = 2/3, so its
// expected knowing count is 0.75 · 2/3 = 0.5 and θ = (0.5 + d)/(1 + 2d) = 0.5 for any
// smoothing d; ξ(c0) = (0.5 + d)/(0.5 + 2d), ξ(c1) = d/(0.5 + 2d).
TEST(MaceTest, OneIterationMatchesHandComputation) {
  const VoteTable table = TableOfNames({{"x", "a", "c0"}}, {"c0", "c1"});
  MaceOptions options;
  options.restarts = 1;
  options.max_iterations = 1;
  options.tolerance = -1e300;  // Never stop early.
  options.smoothing = 0.1;
  const TruthEstimate e = Mace(table, {}, options);
  const double d = 0.1, xi0 = (0.5 + d) / (0.5 + 2 * d), xi1 = d / (0.5 + 2 * d);
  EXPECT_NEAR(*e.annotators[0].spam_probability, 0.5, 1e-12);
  EXPECT_NEAR(e.annotators[0].confusion[0], 0.5 + 0.5 * xi0, 1e-12);
  EXPECT_NEAR(e.annotators[0].confusion[1], 0.5 * xi1, 1e-12);
  // Posterior with the new parameters: P(T = c0) ∝ 0.5 + 0.5 ξ0, P(T = c1) ∝ 0.5 ξ0.
  EXPECT_NEAR(e.posterior.at(0, 0), (0.5 + 0.5 * xi0) / (0.5 + xi0), 1e-12);
  EXPECT_EQ(e.iterations, 1);
  EXPECT_FALSE(e.converged);
}

TEST(MaceTest, PlantedSpammersGetHighSpamProbability) {
  // 16 careful annotators (competence 0.8-0.95), 4 uniform spammers, 4 that always say c0.
  std::vector<double> competence;
  std::vector<bool> constant;
  for (int a = 0; a < 16; ++a) {
    competence.push_back(0.8 + 0.01 * a);
    constant.push_back(false);
  }
  for (int a = 16; a < 24; ++a) {
    competence.push_back(0.0);
    constant.push_back(a >= 20);
  }
  const MaceSample g = GenerateMace(13, 1000, competence, constant, 6, 4);
  const VoteTable table = TableOfNames(g.votes, Names("c", 4), Names("i", 1000), Names("a", 24));
  const TruthEstimate e = Mace(table);
  ExpectWellFormedMace(e, 1000, 24);
  double worst_good = 0, best_spammer = 1;
  for (int a = 0; a < 24; ++a) {
    const double spam = *e.annotators[a].spam_probability;
    if (a < 16) {
      EXPECT_LT(spam, 0.35) << "careful annotator " << a;
      // True spam probability is 1 − competence; smoothing and sampling noise aside.
      EXPECT_NEAR(spam, 1 - competence[a], 0.1) << a;
      worst_good = std::max(worst_good, spam);
    } else {
      EXPECT_GT(spam, 0.8) << "spammer " << a;
      best_spammer = std::min(best_spammer, spam);
    }
  }
  EXPECT_LT(worst_good, best_spammer);
  // The constant spammers' spam distribution is concentrated on c0.
  for (int a = 20; a < 24; ++a) EXPECT_GT(e.annotators[a].confusion[1 * 4 + 0], 0.8);
  const double mace = Accuracy(e, g.truth), mv = MajorityAccuracy(table, g.truth);
  std::printf("MACE planted spammers: accuracy %.4f (majority vote %.4f), %d iterations\n", mace,
              mv, e.iterations);
  EXPECT_GT(mace, mv);
}

// Starts run on several threads; the winner is the start one thread would keep, so the fit
// is identical for any number of threads.
TEST(MaceTest, ThreadCountDoesNotChangeTheFit) {
  std::vector<double> competence(12, 0.7);
  std::vector<bool> constant(12, false);
  for (int a = 8; a < 12; ++a) competence[a] = 0.0;
  const MaceSample g = GenerateMace(21, 400, competence, constant, 5, 3);
  const VoteTable table = TableOfNames(g.votes, Names("c", 3), Names("i", 400), Names("a", 12));
  MaceOptions options;
  options.threads = 1;
  const TruthEstimate one = Mace(table, {}, options);
  for (const size_t threads : {2, 3, 10, 32}) {
    options.threads = threads;
    const TruthEstimate many = Mace(table, {}, options);
    EXPECT_EQ(many.posterior.values, one.posterior.values) << threads << " threads";
    EXPECT_EQ(many.log_likelihood, one.log_likelihood);
    EXPECT_EQ(many.iterations, one.iterations);
    for (int a = 0; a < 12; ++a) {
      EXPECT_EQ(many.annotators[a].spam_probability, one.annotators[a].spam_probability);
    }
  }
}

TEST(MaceTest, GoldClampsTruth) {
  std::vector<double> competence(10, 0.7);
  const MaceSample g = GenerateMace(17, 200, competence, std::vector<bool>(10, false), 5, 3);
  const VoteTable table = TableOfNames(g.votes, Names("c", 3), Names("i", 200));
  std::vector<std::optional<LabelId>> gold(200);
  const LabelId flipped = static_cast<LabelId>((g.truth[0] + 1) % 3);
  gold[0] = flipped;
  for (int j = 1; j < 50; ++j) gold[j] = static_cast<LabelId>(g.truth[j]);
  gold[60] = LabelId{99};  // Out of range: ignored, not gold.
  const TruthEstimate e = Mace(table, gold);
  ExpectWellFormedMace(e, 200, 10);
  EXPECT_EQ(e.labels[0], flipped);
  for (int j = 0; j < 50; ++j) {
    EXPECT_EQ(e.labels[j], *gold[j]);
    EXPECT_EQ(e.confidence[j], 1.0);
  }
  EXPECT_LT(e.confidence[60], 1.0);
}

// Random starts are drawn by id, so renamed inputs follow other paths to the same optimum:
// equal up to the convergence tolerance (tightened here), not bit for bit.
TEST(MaceTest, InvariantUnderRelabellingReorderingAndDuplication) {
  std::vector<double> competence = {0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.3, 0.1};
  const MaceSample g = GenerateMace(19, 300, competence, std::vector<bool>(8, false), 5, 3);
  MaceOptions options;
  options.tolerance = 1e-12;
  options.max_iterations = 500;
  const VoteTable base = TableOfNames(g.votes, {"c0", "c1", "c2"});
  const TruthEstimate e = Mace(base, {}, options);
  const auto want = PosteriorByName(base, e);

  std::vector<NamedVote> shuffled = g.votes;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(23));
  const VoteTable other = TableOfNames(shuffled, {"c1", "c2", "c0"});
  const TruthEstimate f = Mace(other, {}, options);
  const auto got = PosteriorByName(other, f);
  for (const auto& [key, p] : want) EXPECT_NEAR(got.at(key), p, 1e-4) << key.first;
  EXPECT_NEAR(*f.log_likelihood, *e.log_likelihood, 1e-6 * std::abs(*e.log_likelihood));
  for (size_t a = 0; a < base.annotator_count(); ++a) {
    const AnnotatorId o =
        *other.annotator_names().Find(base.annotator_names().Name(static_cast<AnnotatorId>(a)));
    EXPECT_NEAR(*f.annotators[o].spam_probability, *e.annotators[a].spam_probability, 1e-4);
  }
  for (size_t j = 0; j < base.item_count(); ++j) {
    const ItemId o = *other.item_names().Find(base.item_names().Name(static_cast<ItemId>(j)));
    if (Margin(e, j) < 1e-3) continue;  // Near-ties may fall either way.
    EXPECT_EQ(other.label_names().Name(f.labels[o]), base.label_names().Name(e.labels[j]));
  }

  std::vector<NamedVote> twice = g.votes;
  for (const auto& v : g.votes) twice.push_back({"dup_" + v.item, v.annotator, v.label});
  const VoteTable doubled = TableOfNames(twice, {"c0", "c1", "c2"});
  const TruthEstimate d = Mace(doubled, {}, options);
  int differ = 0;
  for (size_t j = 0; j < base.item_count(); ++j) {
    const std::string name(base.item_names().Name(static_cast<ItemId>(j)));
    const LabelId x = d.labels[*doubled.item_names().Find(name)];
    EXPECT_EQ(x, d.labels[*doubled.item_names().Find("dup_" + name)]) << name;
    differ += x != e.labels[j] && Margin(e, j) > 0.1;
  }
  EXPECT_EQ(differ, 0);
}

TEST(MaceTest, DegenerateInputsGiveClearResults) {
  {
    const TruthEstimate e = Mace(VoteTable());
    EXPECT_TRUE(e.labels.empty());
    EXPECT_TRUE(e.annotators.empty());
  }
  {
    VoteTable t;
    t.item_names().Intern("lonely");
    const TruthEstimate e = Mace(t);
    ASSERT_EQ(e.labels.size(), 1u);
    EXPECT_EQ(e.tied[0], 1);
    EXPECT_EQ(e.confidence[0], 0.0);
  }
  {  // One annotator who always answers the same; a class never used; an unvoted item.
    VoteTable t = TableOfNames({{"x", "solo", "yes"}, {"y", "solo", "yes"}, {"z", "solo", "yes"}},
                               {"yes", "no", "never"});
    t.item_names().Intern("unvoted");
    t.annotator_names().Intern("idle");
    const TruthEstimate e = Mace(t);
    ExpectWellFormedMace(e, 4, 2);
    for (int j = 0; j < 3; ++j) EXPECT_EQ(e.labels[j], 0u);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(e.posterior.at(3, c), 1.0 / 3, 1e-12);
    EXPECT_EQ(e.tied[3], 1);
    EXPECT_EQ(e.annotators[1].votes, 0u);
    EXPECT_NEAR(*e.annotators[1].spam_probability, 0.5, 1e-12);
  }
  {  // A single class.
    const TruthEstimate e = Mace(TableOfNames({{"x", "a", "only"}, {"x", "b", "only"}}));
    ExpectWellFormedMace(e, 1, 2);
    EXPECT_EQ(e.posterior.at(0, 0), 1.0);
  }
  {  // Many votes on one item must not underflow; odd options are tamed.
    std::vector<NamedVote> votes;
    for (int a = 0; a < 3000; ++a)
      votes.push_back({"x", "a" + std::to_string(a), a % 3 ? "p" : "q"});
    MaceOptions options;
    options.restarts = 0;
    options.smoothing = -1;
    const TruthEstimate e = Mace(TableOfNames(votes, {"p", "q"}), {}, options);
    ExpectWellFormedMace(e, 1, 3000);
  }
}

// Welinder, Branson, Belongie & Perona (2010), "The Multidimensional Wisdom of Crowds", NIPS:
// bluebirds data of welinder/cubam @ fe5ba700f1adbb489c69af311558d64370d73d36 (demo/bluebirds),
// converted to CSV in ../shared/data/bluebirds_welinder (see SOURCE.txt: 108 items,
// 39 workers, 4212 answers, gold for all). Floor: majority vote's accuracy, computed here;
// MACE's spam distributions model the workers' bias towards one species, which voting ignores.
TEST(MaceTest, BluebirdsBeatsMajorityVote) {
  std::optional<testdata::Bluebirds> data = testdata::LoadBluebirds();
  if (!data) {
    GTEST_SKIP() << "reference data " << testdata::SharedDataDir() / "bluebirds_welinder"
                 << " is absent; this real-data test needs it";
  }
  const VoteTable& table = data->table;
  const std::vector<int>& truth = data->truth;
  ASSERT_EQ(table.size(), 4212u);
  ASSERT_EQ(std::count(truth.begin(), truth.end(), -1), 0);
  const TruthEstimate e = Mace(table);
  ExpectWellFormedMace(e, 108, 39);
  const double mace = Accuracy(e, truth), mv = MajorityAccuracy(table, truth);
  std::printf("bluebirds: MACE accuracy %.4f, majority vote %.4f, %d iterations, converged %d\n",
              mace, mv, e.iterations, e.converged);
  EXPECT_GE(mace, mv);
}

}  // namespace
}  // namespace chorus::quality
