#include "quality/preference/bradley_terry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "quality/preference/preference_test_util.h"

namespace chorus::quality {
namespace {

using testdata::AddGames;
using testdata::AllFinite;
using testdata::ScoresByName;
using testdata::Simulate;
using testdata::Spearman;

BradleyTerryOptions MaximumLikelihood() {
  BradleyTerryOptions options;
  options.prior_games = 0;
  options.tolerance = 1e-12;
  options.max_iterations = 100000;
  return options;
}

double ScoreOf(const ComparisonTable& table, const PreferenceFit& fit, const std::string& name) {
  return fit.options[*table.option_names().Find(name)].score;
}

// SE of score(a) - score(b) from the covariance.
double DifferenceSe(const ComparisonTable& table, const PreferenceFit& fit, const std::string& a,
                    const std::string& b) {
  const size_t n = table.option_count();
  const size_t i = *table.option_names().Find(a), j = *table.option_names().Find(b);
  const auto& v = fit.covariance;
  return std::sqrt(v[i * n + i] + v[j * n + j] - 2 * v[i * n + j]);
}

// 1987 American League East, games between the seven teams (home, away, home wins, away
// wins): Agresti, A. (2002), Categorical Data Analysis, 2nd ed., §10.6, as distributed with the
// R package BradleyTerry2 (data/baseball.csv). Published fit without home advantage (Agresti
// Table 10.11; BradleyTerry2 tests/baseball.Rout.save, to 4 decimals), Baltimore = 0:
// Milwaukee 1.5814 (SE 0.3433), Detroit 1.4364 (0.3396), Toronto 1.2945 (0.3367),
// New York 1.2476 (0.3359), Boston 1.1077 (0.3339), Cleveland 0.6839 (0.3319).
TEST(BradleyTerryTest, ReproducesAgrestisBaseballFit) {
  struct Series {
    const char* home;
    const char* away;
    int home_wins;
    int away_wins;
  };
  const std::vector<Series> games = {
      {"Milwaukee", "Detroit", 4, 3},   {"Milwaukee", "Toronto", 4, 2},
      {"Milwaukee", "New York", 4, 3},  {"Milwaukee", "Boston", 6, 1},
      {"Milwaukee", "Cleveland", 4, 2}, {"Milwaukee", "Baltimore", 6, 0},
      {"Detroit", "Milwaukee", 3, 3},   {"Detroit", "Toronto", 4, 2},
      {"Detroit", "New York", 4, 3},    {"Detroit", "Boston", 6, 0},
      {"Detroit", "Cleveland", 6, 1},   {"Detroit", "Baltimore", 4, 3},
      {"Toronto", "Milwaukee", 2, 5},   {"Toronto", "Detroit", 4, 3},
      {"Toronto", "New York", 2, 4},    {"Toronto", "Boston", 4, 3},
      {"Toronto", "Cleveland", 4, 2},   {"Toronto", "Baltimore", 6, 0},
      {"New York", "Milwaukee", 3, 3},  {"New York", "Detroit", 5, 1},
      {"New York", "Toronto", 2, 5},    {"New York", "Boston", 4, 3},
      {"New York", "Cleveland", 4, 2},  {"New York", "Baltimore", 6, 1},
      {"Boston", "Milwaukee", 5, 1},    {"Boston", "Detroit", 2, 5},
      {"Boston", "Toronto", 3, 3},      {"Boston", "New York", 4, 2},
      {"Boston", "Cleveland", 5, 2},    {"Boston", "Baltimore", 6, 0},
      {"Cleveland", "Milwaukee", 2, 5}, {"Cleveland", "Detroit", 3, 3},
      {"Cleveland", "Toronto", 3, 4},   {"Cleveland", "New York", 4, 3},
      {"Cleveland", "Boston", 4, 2},    {"Cleveland", "Baltimore", 2, 4},
      {"Baltimore", "Milwaukee", 2, 5}, {"Baltimore", "Detroit", 1, 5},
      {"Baltimore", "Toronto", 1, 6},   {"Baltimore", "New York", 2, 4},
      {"Baltimore", "Boston", 1, 6},    {"Baltimore", "Cleveland", 3, 4},
  };
  ComparisonTable table;
  for (const Series& s : games) AddGames(table, s.home, s.away, s.home_wins, s.away_wins);
  const PreferenceFit fit = FitBradleyTerry(table, MaximumLikelihood());
  ASSERT_TRUE(fit.converged);
  EXPECT_EQ(fit.tie_parameter, 0);
  EXPECT_EQ(fit.component_count, 1u);
  const struct {
    const char* team;
    double estimate;
    double se;
  } published[] = {{"Milwaukee", 1.5814, 0.3433}, {"Detroit", 1.4364, 0.3396},
                   {"Toronto", 1.2945, 0.3367},   {"New York", 1.2476, 0.3359},
                   {"Boston", 1.1077, 0.3339},    {"Cleveland", 0.6839, 0.3319}};
  const double baltimore = ScoreOf(table, fit, "Baltimore");
  for (const auto& p : published) {
    EXPECT_NEAR(ScoreOf(table, fit, p.team) - baltimore, p.estimate, 6e-5) << p.team;
    EXPECT_NEAR(DifferenceSe(table, fit, p.team, "Baltimore"), p.se, 6e-5) << p.team;
  }
  EXPECT_EQ(fit.options[*table.option_names().Find("Milwaukee")].rank, 1u);
  EXPECT_EQ(fit.options[*table.option_names().Find("Baltimore")].rank, 7u);
  // Residual deviance 44.053 on the 42 binomial series is the log-likelihood ratio against
  // the saturated model; check the fitted log-likelihood against it.
  double saturated = 0;
  for (const Series& s : games) {
    const double n = s.home_wins + s.away_wins;
    for (int w : {s.home_wins, s.away_wins}) {
      if (w > 0) saturated += w * std::log(w / n);
    }
  }
  EXPECT_NEAR(2 * (saturated - fit.log_likelihood), 44.053, 1e-3);
}

TEST(BradleyTerryTest, TwoOptionsScoreDifferenceIsTheLogOddsOfWins) {
  for (const auto& [w, l] : std::vector<std::pair<int, int>>{{3, 1}, {7, 2}, {5, 5}, {1, 9}}) {
    ComparisonTable table;
    AddGames(table, "x", "y", w, l);
    const PreferenceFit fit = FitBradleyTerry(table, MaximumLikelihood());
    EXPECT_NEAR(fit.options[0].score - fit.options[1].score, std::log(double(w) / l), 1e-9);
    EXPECT_NEAR(fit.options[0].score + fit.options[1].score, 0, 1e-12);  // Centred.
    // SE of the difference: 1 / sqrt(n p (1 - p)), the binomial logit's.
    const double n = w + l, p = w / n;
    EXPECT_NEAR(DifferenceSe(table, fit, "x", "y"), 1 / std::sqrt(n * p * (1 - p)), 1e-6);
    // The prior shrinks towards 0 but keeps the sign.
    const PreferenceFit shrunk = FitBradleyTerry(table);
    const double d = shrunk.options[0].score - shrunk.options[1].score;
    EXPECT_LE(std::abs(d), std::abs(std::log(double(w) / l)) + 1e-12);
    EXPECT_EQ(d > 0, w > l);
  }
}

TEST(BradleyTerryTest, ThreeOptionsByHand) {
  // A chain (a tree): each link is fitted on its own, so a - b = b - c = log 3.
  ComparisonTable chain;
  AddGames(chain, "a", "b", 3, 1);
  AddGames(chain, "b", "c", 3, 1);
  PreferenceFit fit = FitBradleyTerry(chain, MaximumLikelihood());
  EXPECT_NEAR(ScoreOf(chain, fit, "a") - ScoreOf(chain, fit, "b"), std::log(3.0), 1e-8);
  EXPECT_NEAR(ScoreOf(chain, fit, "b") - ScoreOf(chain, fit, "c"), std::log(3.0), 1e-8);
  EXPECT_NEAR(ScoreOf(chain, fit, "b"), 0, 1e-8);
  // A balanced cycle: every option wins as often as it loses, so all scores are 0.
  ComparisonTable cycle;
  AddGames(cycle, "a", "b", 2, 1);
  AddGames(cycle, "b", "c", 2, 1);
  AddGames(cycle, "c", "a", 2, 1);
  fit = FitBradleyTerry(cycle, MaximumLikelihood());
  for (const OptionScore& o : fit.options) EXPECT_NEAR(o.score, 0, 1e-9);
}

// Davidson ties. Reference: the maximum-likelihood fit of the same counts computed
// independently with scipy.optimize.minimize (BFGS on (s_b, s_c, log nu), s_a = 0, gtol
// 1e-12) and a finite-difference Hessian in s at the fitted nu (/usr/bin/python3, numpy
// 1.x, scipy 1.x); printed values typed in here.
TEST(BradleyTerryTest, DavidsonTiesMatchAnIndependentMaximumLikelihoodFit) {
  ComparisonTable table;
  AddGames(table, "a", "b", 5, 2, 3);
  AddGames(table, "b", "c", 4, 3, 2);
  AddGames(table, "a", "c", 6, 1, 1);
  const PreferenceFit fit = FitBradleyTerry(table, MaximumLikelihood());
  ASSERT_TRUE(fit.converged);
  EXPECT_NEAR(fit.tie_parameter, 0.6594825020328672, 1e-7);
  EXPECT_NEAR(ScoreOf(table, fit, "a"), 0.88218199, 1e-7);
  EXPECT_NEAR(ScoreOf(table, fit, "b"), -0.17666581, 1e-7);
  EXPECT_NEAR(ScoreOf(table, fit, "c"), -0.70551618, 1e-7);
  EXPECT_NEAR(fit.log_likelihood, -26.127818199714426, 1e-7);
  EXPECT_NEAR(fit.options[0].standard_error, 0.41375475, 1e-4);
  EXPECT_NEAR(fit.options[1].standard_error, 0.37232401, 1e-4);
  EXPECT_NEAR(fit.options[2].standard_error, 0.41144824, 1e-4);
  EXPECT_EQ(fit.options[0].ties, 4u);
  EXPECT_EQ(fit.options[0].wins, 11u);
  EXPECT_EQ(fit.options[0].losses, 3u);
  EXPECT_EQ(fit.options[0].comparisons, 18u);
}

TEST(BradleyTerryTest, HalfWinRuleCountsATieAsHalfAWinForEachSide) {
  ComparisonTable table;
  AddGames(table, "x", "y", 3, 1, 2);  // 4 : 2 after splitting the ties.
  BradleyTerryOptions options = MaximumLikelihood();
  options.ties = TieRule::kHalfWin;
  const PreferenceFit fit = FitBradleyTerry(table, options);
  EXPECT_EQ(fit.tie_parameter, 0);
  EXPECT_NEAR(fit.options[0].score - fit.options[1].score, std::log(2.0), 1e-9);
}

TEST(BradleyTerryTest, RecoversTheTrueOrderFromManyComparisons) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0, 1);
  std::vector<double> truth(30);
  for (double& t : truth) t = normal(rng);
  const ComparisonTable table = Simulate(truth, 20000, 5);
  const PreferenceFit fit = FitBradleyTerry(table);
  const std::vector<double> fitted = ScoresByName(table, fit, truth.size());
  EXPECT_GT(Spearman(fitted, truth), 0.97);
  // 95% intervals cover the true centred scores about 95% of the time.
  double mean = 0;
  for (double t : truth) mean += t / truth.size();
  int covered = 0;
  for (size_t k = 0; k < truth.size(); ++k) {
    const OptionScore& o = fit.options[*table.option_names().Find("o" + std::to_string(k))];
    covered += o.ci95.low <= truth[k] - mean && truth[k] - mean <= o.ci95.high;
    EXPECT_LE(o.rank_low, o.rank);
    EXPECT_GE(o.rank_high, o.rank);
  }
  EXPECT_GE(covered, 25);
}

TEST(BradleyTerryTest, WellSeparatedOptionsHaveExactRanks) {
  ComparisonTable table;
  AddGames(table, "top", "mid", 90, 10);
  AddGames(table, "mid", "low", 90, 10);
  AddGames(table, "top", "low", 99, 1);
  const PreferenceFit fit = FitBradleyTerry(table);
  for (const char* name : {"top", "mid", "low"}) {
    const OptionScore& o = fit.options[*table.option_names().Find(name)];
    EXPECT_EQ(o.rank_low, o.rank) << name;
    EXPECT_EQ(o.rank_high, o.rank) << name;
  }
  EXPECT_EQ(fit.options[*table.option_names().Find("low")].rank, 3u);
}

TEST(BradleyTerryTest, CloseOptionsHaveOverlappingRankIntervals) {
  ComparisonTable table;
  AddGames(table, "x", "y", 6, 5);
  AddGames(table, "y", "z", 6, 5);
  const PreferenceFit fit = FitBradleyTerry(table);
  for (const OptionScore& o : fit.options) {
    EXPECT_EQ(o.rank_low, 1u);
    EXPECT_EQ(o.rank_high, 3u);
  }
}

TEST(BradleyTerryTest, InvariantToSidesRowOrderAndNames) {
  std::vector<double> truth = {1.0, 0.4, 0.0, -0.3, -1.2};
  ComparisonTable table = Simulate(truth, 400, 3);
  const PreferenceFit fit = FitBradleyTerry(table);
  const std::vector<double> base = ScoresByName(table, fit, truth.size());

  ComparisonTable swapped, reversed, renamed;
  for (size_t r = 0; r < table.size(); ++r) {
    const auto name = [&](OptionId id) { return std::string(table.option_names().Name(id)); };
    swapped.Add("g", "a", name(table.rights()[r]), name(table.lefts()[r]),
                Flipped(table.outcomes()[r]));
    const size_t back = table.size() - 1 - r;
    reversed.Add("g", "a", name(table.lefts()[back]), name(table.rights()[back]),
                 table.outcomes()[back]);
  }
  // Renaming: intern the options in reverse order first, so every id changes.
  for (size_t k = truth.size(); k-- > 0;) renamed.option_names().Intern("o" + std::to_string(k));
  for (size_t r = 0; r < table.size(); ++r) {
    renamed.Add("g", "a", table.option_names().Name(table.lefts()[r]),
                table.option_names().Name(table.rights()[r]), table.outcomes()[r]);
  }
  for (const ComparisonTable* other : {&swapped, &reversed, &renamed}) {
    const std::vector<double> scores = ScoresByName(*other, FitBradleyTerry(*other), truth.size());
    for (size_t k = 0; k < truth.size(); ++k) EXPECT_NEAR(scores[k], base[k], 1e-7) << k;
  }
}

TEST(BradleyTerryTest, DegenerateInputsGiveFiniteResults) {
  // Empty.
  EXPECT_TRUE(FitBradleyTerry(ComparisonTable()).options.empty());
  // One option, never compared.
  ComparisonTable one;
  one.option_names().Intern("only");
  PreferenceFit fit = FitBradleyTerry(one);
  ASSERT_EQ(fit.options.size(), 1u);
  EXPECT_EQ(fit.options[0].score, 0);
  EXPECT_EQ(fit.options[0].rank, 1u);
  EXPECT_TRUE(AllFinite(fit));
  // An option that always wins, with and without the prior.
  ComparisonTable winner;
  AddGames(winner, "best", "b", 10, 0);
  AddGames(winner, "best", "c", 10, 0);
  AddGames(winner, "b", "c", 5, 5);
  for (double prior : {1.0, 0.0}) {
    BradleyTerryOptions options;
    options.prior_games = prior;
    fit = FitBradleyTerry(winner, options);
    EXPECT_TRUE(AllFinite(fit)) << prior;
    EXPECT_EQ(fit.options[0].rank, 1u);
    EXPECT_GT(fit.options[0].score, fit.options[1].score + 1);
  }
  // All ties: equal scores, finite tie parameter.
  ComparisonTable ties;
  AddGames(ties, "x", "y", 0, 0, 5);
  AddGames(ties, "y", "z", 0, 0, 5);
  fit = FitBradleyTerry(ties);
  EXPECT_TRUE(AllFinite(fit));
  for (const OptionScore& o : fit.options) EXPECT_NEAR(o.score, 0, 1e-9);
  EXPECT_GT(fit.tie_parameter, 1);
  BradleyTerryOptions no_prior;
  no_prior.prior_games = 0;
  EXPECT_TRUE(AllFinite(FitBradleyTerry(ties, no_prior)));
}

TEST(BradleyTerryTest, DisconnectedGraphReportsComponents) {
  ComparisonTable table;
  AddGames(table, "a", "b", 3, 1);
  AddGames(table, "c", "d", 1, 3);
  AddGames(table, "e", "c", 2, 2);
  const PreferenceFit fit = FitBradleyTerry(table);
  EXPECT_EQ(fit.component_count, 2u);
  EXPECT_EQ(fit.options[0].component, 0u);
  EXPECT_EQ(fit.options[1].component, 0u);
  for (size_t i = 2; i < 5; ++i) EXPECT_EQ(fit.options[i].component, 1u);
  EXPECT_NEAR(fit.options[0].score + fit.options[1].score, 0, 1e-9);
  EXPECT_NEAR(fit.options[2].score + fit.options[3].score + fit.options[4].score, 0, 1e-9);
  ASSERT_FALSE(fit.notes.empty());
  EXPECT_NE(fit.notes[0].find("not comparable"), std::string::npos);
  // No covariance across components.
  EXPECT_EQ(fit.covariance[0 * 5 + 3], 0);
  EXPECT_TRUE(AllFinite(fit));
}

TEST(BradleyTerryTest, BootstrapIsSeededAndAgreesWithTheInformation) {
  std::vector<double> truth = {1.0, 0.5, 0.0, -0.5, -1.0};
  const ComparisonTable table = Simulate(truth, 1000, 9);
  const PreferenceFit analytic = FitBradleyTerry(table);
  BradleyTerryOptions options;
  options.uncertainty.bootstrap = true;
  options.uncertainty.bootstrap_samples = 300;
  options.uncertainty.seed = 4;
  const PreferenceFit boot = FitBradleyTerry(table, options);
  const PreferenceFit again = FitBradleyTerry(table, options);
  EXPECT_EQ(boot.uncertainty, ScoreUncertainty::kBootstrap);
  EXPECT_TRUE(boot.covariance.empty());
  for (size_t i = 0; i < truth.size(); ++i) {
    EXPECT_EQ(boot.options[i].standard_error, again.options[i].standard_error);
    EXPECT_EQ(boot.options[i].score, analytic.options[i].score);
    EXPECT_NEAR(boot.options[i].standard_error / analytic.options[i].standard_error, 1, 0.25);
    EXPECT_LE(boot.options[i].ci95.low, boot.options[i].score);
    EXPECT_GE(boot.options[i].ci95.high, boot.options[i].score);
  }
  // Many options switch to the bootstrap on their own.
  options.uncertainty.bootstrap = false;
  options.uncertainty.max_analytic_options = 3;
  options.uncertainty.bootstrap_samples = 20;
  EXPECT_EQ(FitBradleyTerry(table, options).uncertainty, ScoreUncertainty::kBootstrap);
}

}  // namespace
}  // namespace chorus::quality
