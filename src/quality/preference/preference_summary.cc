#include "quality/preference/preference_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "quality/preference/score_uncertainty.h"
#include "quality/statistic.h"

namespace chorus::quality {
namespace {

// The q-quantile of sorted values, linear between order statistics.
double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double position = q * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(position));
  const size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

const char* ScoreUncertaintyName(ScoreUncertainty method) {
  switch (method) {
    case ScoreUncertainty::kObservedInformation: return "observed_information";
    case ScoreUncertainty::kBootstrap: return "bootstrap";
  }
  return "observed_information";
}

PreferenceFit SummariseFit(const SummaryInput& input, const UncertaintyOptions& options,
                           const Refit& refit) {
  const ComparisonTable& table = *input.table;
  const size_t n = table.option_count();
  PreferenceFit result;
  result.options.resize(n);
  result.tie_parameter = input.fit->nu;
  result.log_likelihood = input.fit->log_likelihood;
  result.iterations = input.fit->iterations;
  result.converged = input.fit->converged;
  result.component_count = input.component_count;

  const auto lefts = table.lefts();
  const auto rights = table.rights();
  const auto outcomes = table.outcomes();
  for (size_t row = 0; row < table.size(); ++row) {
    OptionScore& left = result.options[lefts[row]];
    OptionScore& right = result.options[rights[row]];
    switch (outcomes[row]) {
      case Outcome::kLeft: ++left.wins, ++right.losses; break;
      case Outcome::kRight: ++right.wins, ++left.losses; break;
      case Outcome::kTie: ++left.ties, ++right.ties; break;
    }
  }
  std::vector<double> scores = input.fit->log_strength;
  CentrePerComponent(scores, input.component, input.component_count);
  for (size_t i = 0; i < n; ++i) {
    OptionScore& option = result.options[i];
    option.comparisons = option.wins + option.losses + option.ties;
    option.component = input.component[i];
    option.score = scores[i];
  }

  const bool bootstrap = (options.bootstrap || n > options.max_analytic_options) &&
                         options.bootstrap_samples > 1 && refit && !table.empty();
  if (!bootstrap) {
    result.uncertainty = ScoreUncertainty::kObservedInformation;
    result.covariance =
        ScoreCovariance(*input.index, *input.counts, input.fit->log_strength, input.fit->nu,
                        input.prior_games, input.component, input.component_count);
    for (size_t i = 0; i < n; ++i) {
      OptionScore& option = result.options[i];
      option.standard_error = std::sqrt(std::max(0.0, result.covariance[i * n + i]));
      option.ci95 = {option.score - kZ95 * option.standard_error,
                     option.score + kZ95 * option.standard_error};
    }
  } else {
    result.uncertainty = ScoreUncertainty::kBootstrap;
    result.bootstrap_samples = options.bootstrap_samples;
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<size_t> pick(0, table.size() - 1);
    std::vector<uint32_t> multiplicity(table.size());
    std::vector<std::vector<double>> draws(n);
    for (int b = 0; b < options.bootstrap_samples; ++b) {
      std::fill(multiplicity.begin(), multiplicity.end(), 0u);
      for (size_t k = 0; k < table.size(); ++k) ++multiplicity[pick(rng)];
      std::vector<double> sample = refit(multiplicity);
      CentrePerComponent(sample, input.component, input.component_count);
      for (size_t i = 0; i < n; ++i) draws[i].push_back(sample[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      std::vector<double>& values = draws[i];
      double mean = 0;
      for (double v : values) mean += v / static_cast<double>(values.size());
      double squares = 0;
      for (double v : values) squares += (v - mean) * (v - mean);
      OptionScore& option = result.options[i];
      option.standard_error = std::sqrt(squares / static_cast<double>(values.size() - 1));
      std::sort(values.begin(), values.end());
      option.ci95 = {std::min(option.score, Quantile(values, 0.025)),
                     std::max(option.score, Quantile(values, 0.975))};
    }
  }
  AssignRanks(result.options);

  if (input.component_count > 1) {
    result.notes.push_back(fmt::format(
        "the comparison graph has {} connected components: no chain of comparisons links "
        "options in different components, so their scores and ranks are not comparable (see "
        "the component column); add comparisons across components",
        input.component_count));
  }
  if (!result.converged) {
    result.notes.push_back(
        fmt::format("did not converge in {} iterations; raise --max-iterations or the tolerance",
                    result.iterations));
  }
  return result;
}

}  // namespace chorus::quality
