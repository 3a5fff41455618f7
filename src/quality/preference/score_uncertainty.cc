#include "quality/preference/score_uncertainty.h"

#include <algorithm>
#include <cmath>

namespace chorus::quality {
namespace {

// Weight of one observation at difference d in the observed information.
double Information(double d, double nu) {
  const double c = std::cosh(std::clamp(d, -600.0, 600.0) / 2);
  const double denominator = 2 * c + nu;
  return (1 + nu / 2 * c) / (denominator * denominator);
}

// Inverts the symmetric positive definite m x m matrix `a` in place (Cholesky); a tiny ridge
// rescues matrices that are singular to rounding.
void InvertSpd(std::vector<double>& a, size_t m) {
  double largest = 0;
  for (size_t i = 0; i < m; ++i) largest = std::max(largest, a[i * m + i]);
  const double ridge = 1e-12 * std::max(largest, 1.0);
  std::vector<double> l(m * m, 0.0);
  for (size_t j = 0; j < m; ++j) {
    double diagonal = a[j * m + j] + ridge;
    for (size_t k = 0; k < j; ++k) diagonal -= l[j * m + k] * l[j * m + k];
    const double root = std::sqrt(std::max(diagonal, ridge));
    l[j * m + j] = root;
    for (size_t i = j + 1; i < m; ++i) {
      double value = a[i * m + j];
      for (size_t k = 0; k < j; ++k) value -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = value / root;
    }
  }
  // Solve L L' X = I column by column; L' is copied so both sweeps read memory in order, and
  // the forward sweep of column c starts at row c (the rows above are zero).
  std::vector<double> upper(m * m, 0.0);
  for (size_t i = 0; i < m; ++i) {
    for (size_t k = 0; k <= i; ++k) upper[k * m + i] = l[i * m + k];
  }
  std::vector<double> column(m);
  for (size_t c = 0; c < m; ++c) {
    std::fill(column.begin(), column.begin() + static_cast<std::ptrdiff_t>(c), 0.0);
    for (size_t i = c; i < m; ++i) {
      double value = i == c ? 1.0 : 0.0;
      for (size_t k = c; k < i; ++k) value -= l[i * m + k] * column[k];
      column[i] = value / l[i * m + i];
    }
    for (size_t i = m; i-- > 0;) {
      double value = column[i];
      for (size_t k = i + 1; k < m; ++k) value -= upper[i * m + k] * column[k];
      column[i] = value / upper[i * m + i];
    }
    for (size_t i = 0; i < m; ++i) a[i * m + c] = column[i];
  }
}

}  // namespace

void CentrePerComponent(std::span<double> scores, std::span<const uint32_t> component,
                        uint32_t component_count) {
  std::vector<double> sum(component_count, 0.0);
  std::vector<double> size(component_count, 0.0);
  for (size_t i = 0; i < scores.size(); ++i) {
    sum[component[i]] += scores[i];
    size[component[i]] += 1;
  }
  for (size_t i = 0; i < scores.size(); ++i) scores[i] -= sum[component[i]] / size[component[i]];
}

std::vector<double> ScoreCovariance(const PairIndex& index, const PairCounts& counts,
                                    std::span<const double> log_strength, double nu,
                                    double prior_games, std::span<const uint32_t> component,
                                    uint32_t component_count) {
  const size_t n = index.option_count;
  std::vector<double> covariance(n * n, 0.0);
  // Members of each component and each option's position within its component.
  std::vector<std::vector<uint32_t>> members(component_count);
  std::vector<size_t> position(n);
  for (uint32_t i = 0; i < n; ++i) {
    position[i] = members[component[i]].size();
    members[component[i]].push_back(i);
  }
  std::vector<std::vector<double>> blocks(component_count);
  for (uint32_t c = 0; c < component_count; ++c) {
    const size_t m = members[c].size();
    blocks[c].assign(m * m, 0.0);
  }
  for (size_t p = 0; p < index.pair_count(); ++p) {
    const double games = counts.first_wins[p] + counts.second_wins[p] + counts.ties[p];
    if (games == 0) continue;
    const OptionId i = index.first[p];
    const OptionId j = index.second[p];
    const double h = games * Information(log_strength[i] - log_strength[j], nu);
    std::vector<double>& a = blocks[component[i]];
    const size_t m = members[component[i]].size();
    const size_t pi = position[i], pj = position[j];
    a[pi * m + pi] += h;
    a[pj * m + pj] += h;
    a[pi * m + pj] -= h;
    a[pj * m + pi] -= h;
  }
  for (uint32_t c = 0; c < component_count; ++c) {
    const size_t m = members[c].size();
    std::vector<double>& a = blocks[c];
    const double share = 1.0 / static_cast<double>(m);
    if (prior_games > 0) {
      for (size_t k = 0; k < m; ++k) {
        a[k * m + k] += 2 * prior_games * Information(log_strength[members[c][k]], nu);
      }
      InvertSpd(a, m);
      // V = C A^{-1} C: subtract row and column means, add back the grand mean.
      std::vector<double> row_mean(m, 0.0);
      double grand = 0;
      for (size_t r = 0; r < m; ++r) {
        for (size_t k = 0; k < m; ++k) row_mean[r] += a[r * m + k] * share;
        grand += row_mean[r] * share;
      }
      for (size_t r = 0; r < m; ++r) {
        for (size_t k = 0; k < m; ++k) a[r * m + k] += grand - row_mean[r] - row_mean[k];
      }
    } else {
      for (double& value : a) value += share;
      InvertSpd(a, m);
      for (double& value : a) value -= share;
    }
    for (size_t r = 0; r < m; ++r) {
      for (size_t k = 0; k < m; ++k)
        covariance[size_t{members[c][r]} * n + members[c][k]] = a[r * m + k];
    }
  }
  return covariance;
}

void AssignRanks(std::vector<OptionScore>& options) {
  const size_t n = options.size();
  std::vector<double> scores(n), lows(n), highs(n);
  for (size_t i = 0; i < n; ++i) {
    scores[i] = options[i].score;
    lows[i] = options[i].ci95.low;
    highs[i] = options[i].ci95.high;
  }
  std::sort(scores.begin(), scores.end());
  std::sort(lows.begin(), lows.end());
  std::sort(highs.begin(), highs.end());
  for (OptionScore& option : options) {
    // Strictly greater scores ahead of this one.
    const auto above = scores.end() - std::upper_bound(scores.begin(), scores.end(), option.score);
    option.rank = static_cast<uint32_t>(1 + above);
    const auto surely_better =
        lows.end() - std::upper_bound(lows.begin(), lows.end(), option.ci95.high);
    const auto surely_worse =
        std::lower_bound(highs.begin(), highs.end(), option.ci95.low) - highs.begin();
    option.rank_low = static_cast<uint32_t>(1 + surely_better);
    option.rank_high = static_cast<uint32_t>(n - surely_worse);
    option.rank_low = std::min(option.rank_low, option.rank);
    option.rank_high = std::max(option.rank_high, option.rank);
  }
}

}  // namespace chorus::quality
