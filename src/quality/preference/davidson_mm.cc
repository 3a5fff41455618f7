#include "quality/preference/davidson_mm.h"

#include <algorithm>
#include <cmath>

namespace chorus::quality {
namespace {

constexpr double kMaxLogStrength = 30;  // Without the prior: e^60 odds at most.
constexpr double kMaxNu = 1e6;          // All ties and no prior: the MLE of nu is infinite.
constexpr double kMaxExponent = 350;    // exp() stays finite.

// e^{d/2} + e^{-d/2} + nu for d = a - b: D / sqrt(pi_a pi_b).
double Denominator(double d, double nu) {
  const double half = std::clamp(d, -kMaxExponent, kMaxExponent) / 2;
  return std::exp(half) + std::exp(-half) + nu;
}

// The share of a's side in the surrogate: (pi_a + (nu/2) sqrt(pi_a pi_b)) / D.
double Share(double d, double nu) {
  const double half = std::clamp(d, -kMaxExponent, kMaxExponent) / 2;
  return (std::exp(half) + nu / 2) / Denominator(d, nu);
}

// The data likelihood depends only on score differences within a component, so a common
// shift of a component moves only the prior's virtual games, whose information is tiny next
// to the data's: MM alone would crawl along that direction. Newton's method finds the exact
// best shift of each component (the prior's log-likelihood, -2 prior sum log(2 cosh(s/2) +
// nu), is concave in the shift), an ascent step that keeps the iteration monotone.
void CentreOnPrior(std::span<const uint32_t> component, uint32_t component_count, double nu,
                   std::vector<double>& scores, std::vector<double>& gradient,
                   std::vector<double>& curvature) {
  for (int step = 0; step < 30; ++step) {
    gradient.assign(component_count, 0.0);
    curvature.assign(component_count, 0.0);
    for (size_t i = 0; i < scores.size(); ++i) {
      const double half = std::clamp(scores[i], -kMaxExponent, kMaxExponent) / 2;
      const double c = std::cosh(half);
      const double denominator = 2 * c + nu;
      gradient[component[i]] += std::sinh(half) / denominator;
      curvature[component[i]] += (1 + nu / 2 * c) / (denominator * denominator);
    }
    double largest = 0;
    for (uint32_t k = 0; k < component_count; ++k) {
      gradient[k] = curvature[k] > 0 ? gradient[k] / curvature[k] : 0;
      largest = std::max(largest, std::abs(gradient[k]));
    }
    for (size_t i = 0; i < scores.size(); ++i) scores[i] -= gradient[component[i]];
    if (largest < 1e-13) break;
  }
}

}  // namespace

DavidsonProbabilities DavidsonProbabilitiesOf(double a, double b, double nu) {
  const double d = std::clamp(a - b, -kMaxExponent, kMaxExponent);
  const double denominator = Denominator(d, nu);
  return {std::exp(d / 2) / denominator, std::exp(-d / 2) / denominator, nu / denominator};
}

double DavidsonLogLikelihood(const PairIndex& index, const PairCounts& counts,
                             std::span<const double> log_strength, double nu) {
  double total = 0;
  const auto log_of = [](double p) { return std::log(std::max(p, 1e-300)); };
  for (size_t p = 0; p < index.pair_count(); ++p) {
    const DavidsonProbabilities prob =
        DavidsonProbabilitiesOf(log_strength[index.first[p]], log_strength[index.second[p]], nu);
    if (counts.first_wins[p] > 0) total += counts.first_wins[p] * log_of(prob.first);
    if (counts.second_wins[p] > 0) total += counts.second_wins[p] * log_of(prob.second);
    if (counts.ties[p] > 0) total += counts.ties[p] * log_of(prob.tie);
  }
  return total;
}

DavidsonFit FitDavidson(const PairIndex& index, const PairCounts& counts,
                        std::span<const uint32_t> component, uint32_t component_count,
                        const DavidsonOptions& options, std::span<const double> start,
                        double start_nu) {
  const size_t n = index.option_count;
  const double prior = std::max(0.0, options.prior_games);
  DavidsonFit fit;
  fit.log_strength.assign(n, 0.0);
  if (start.size() == n) fit.log_strength.assign(start.begin(), start.end());
  const double total_ties = counts.total_ties();
  double& nu = fit.nu;
  nu = start_nu >= 0 ? start_nu : (options.estimate_ties && total_ties > 0 ? 1.0 : 0.0);

  // The numerator W_i + T_i / 2 + prior does not change between sweeps.
  std::vector<double> numerator(n, prior);
  for (size_t p = 0; p < index.pair_count(); ++p) {
    numerator[index.first[p]] += counts.first_wins[p] + counts.ties[p] / 2;
    numerator[index.second[p]] += counts.second_wins[p] + counts.ties[p] / 2;
  }
  std::vector<double> denominator(n);
  std::vector<double> shift_gradient, shift_curvature, next;
  std::vector<double> mean(component_count);
  std::vector<uint32_t> size(component_count, 0);
  for (uint32_t c : component) ++size[c];

  for (fit.iterations = 0; fit.iterations < options.max_iterations;) {
    ++fit.iterations;
    std::vector<double>& s = fit.log_strength;
    std::fill(denominator.begin(), denominator.end(), 0.0);
    for (size_t p = 0; p < index.pair_count(); ++p) {
      const double games = counts.first_wins[p] + counts.second_wins[p] + counts.ties[p];
      if (games == 0) continue;
      const OptionId i = index.first[p];
      const OptionId j = index.second[p];
      // One exp per pair: with e = e^{(s_i - s_j)/2}, D / sqrt(pi_i pi_j) = e + 1/e + nu.
      const double e = std::exp(std::clamp(s[i] - s[j], -kMaxExponent, kMaxExponent) / 2);
      const double scaled = games / (e + 1 / e + nu);
      denominator[i] += scaled * (e + nu / 2);
      denominator[j] += scaled * (1 / e + nu / 2);
    }
    next.assign(s.begin(), s.end());
    for (size_t i = 0; i < n; ++i) {
      if (prior > 0) denominator[i] += 2 * prior * Share(s[i], nu);
      if (denominator[i] <= 0) continue;  // Never compared and no prior: nothing moves it.
      next[i] = numerator[i] > 0 ? s[i] + std::log(numerator[i]) - std::log(denominator[i])
                                 : -kMaxLogStrength;
    }
    if (prior > 0) {
      CentreOnPrior(component, component_count, nu, next, shift_gradient, shift_curvature);
    } else {
      // Scale invariance: re-centre each component, and keep scores finite.
      std::fill(mean.begin(), mean.end(), 0.0);
      for (size_t i = 0; i < n; ++i) mean[component[i]] += next[i] / size[component[i]];
      for (size_t i = 0; i < n; ++i) {
        next[i] = std::clamp(next[i] - mean[component[i]], -kMaxLogStrength, kMaxLogStrength);
      }
    }
    double max_change = 0;
    for (size_t i = 0; i < n; ++i) max_change = std::max(max_change, std::abs(next[i] - s[i]));
    s.swap(next);

    double nu_change = 0;
    if (options.estimate_ties && total_ties > 0) {
      double nu_denominator = 0;
      for (size_t p = 0; p < index.pair_count(); ++p) {
        const double games = counts.first_wins[p] + counts.second_wins[p] + counts.ties[p];
        if (games > 0)
          nu_denominator += games / Denominator(s[index.first[p]] - s[index.second[p]], nu);
      }
      if (prior > 0) {
        for (size_t i = 0; i < n; ++i) nu_denominator += 2 * prior / Denominator(s[i], nu);
      }
      const double next_nu = std::min(kMaxNu, total_ties / nu_denominator);
      nu_change = std::abs(next_nu - nu) / std::max(1.0, nu);
      nu = next_nu;
    }
    if (max_change < options.tolerance && nu_change < options.tolerance) {
      fit.converged = true;
      break;
    }
  }
  if (options.log_likelihood) {
    fit.log_likelihood = DavidsonLogLikelihood(index, counts, fit.log_strength, nu);
  }
  return fit;
}

}  // namespace chorus::quality
