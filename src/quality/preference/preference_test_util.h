// Builders and checks the preference tests share: tables from win counts, simulated
// comparisons, Spearman's rank correlation and a NaN scan.
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "quality/comparison_table.h"
#include "quality/preference/preference_fit.h"

namespace chorus::quality::testdata {

// Appends `left_wins` rows where `left` wins, `right_wins` where `right` wins, `ties` ties.
inline void AddGames(ComparisonTable& table, const std::string& left, const std::string& right,
                     int left_wins, int right_wins, int ties = 0,
                     const std::string& annotator = "a") {
  for (int k = 0; k < left_wins; ++k) table.Add("g", annotator, left, right, Outcome::kLeft);
  for (int k = 0; k < right_wins; ++k) table.Add("g", annotator, left, right, Outcome::kRight);
  for (int k = 0; k < ties; ++k) table.Add("g", annotator, left, right, Outcome::kTie);
}

// Mid-ranks of `values` (ties share the mean rank).
inline std::vector<double> MidRanks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = (static_cast<double>(i + j) / 2) + 1;
    i = j + 1;
  }
  return ranks;
}

// Spearman's rho: the Pearson correlation of the mid-ranks.
inline double Spearman(const std::vector<double>& x, const std::vector<double>& y) {
  const std::vector<double> rx = MidRanks(x), ry = MidRanks(y);
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n;
  const double my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

// The fitted score of each option named "o<k>", k = 0..count-1.
inline std::vector<double> ScoresByName(const ComparisonTable& table, const PreferenceFit& fit,
                                        size_t count) {
  std::vector<double> scores(count, 0.0);
  for (size_t k = 0; k < count; ++k) {
    const auto id = table.option_names().Find("o" + std::to_string(k));
    if (id) scores[k] = fit.options[*id].score;
  }
  return scores;
}

// True when every number in the fit is finite.
inline bool AllFinite(const PreferenceFit& fit) {
  bool finite = std::isfinite(fit.tie_parameter) && std::isfinite(fit.log_likelihood);
  for (const OptionScore& o : fit.options) {
    finite = finite && std::isfinite(o.score) && std::isfinite(o.standard_error) &&
             std::isfinite(o.ci95.low) && std::isfinite(o.ci95.high);
  }
  for (double v : fit.covariance) finite = finite && std::isfinite(v);
  return finite;
}

// Bradley-Terry comparisons between options "o<k>" with log-strengths `truth`: `count` random
// pairs, each judged by annotator "a<k % annotators>"; annotators listed in `flippers` report
// the opposite outcome.
inline ComparisonTable Simulate(const std::vector<double>& truth, size_t count, uint64_t seed,
                                size_t annotators = 1, size_t flippers = 0) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, truth.size() - 1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  ComparisonTable table;
  for (size_t k = 0; k < truth.size(); ++k) table.option_names().Intern("o" + std::to_string(k));
  for (size_t c = 0; c < count; ++c) {
    const size_t i = pick(rng);
    size_t j = pick(rng);
    while (j == i) j = pick(rng);
    const double p = 1 / (1 + std::exp(truth[j] - truth[i]));
    bool left_wins = unit(rng) < p;
    const size_t annotator = c % annotators;
    if (annotator < flippers) left_wins = !left_wins;
    table.Add("q" + std::to_string(c % 50), "a" + std::to_string(annotator),
              "o" + std::to_string(i), "o" + std::to_string(j),
              left_wins ? Outcome::kLeft : Outcome::kRight);
  }
  return table;
}

}  // namespace chorus::quality::testdata
