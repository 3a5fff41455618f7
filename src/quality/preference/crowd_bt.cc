#include "quality/preference/crowd_bt.h"

#include <algorithm>
#include <cmath>

#include "quality/preference/davidson_mm.h"
#include "quality/preference/pair_counts.h"

namespace chorus::quality {
namespace {

constexpr double kMinEta = 1e-6;
constexpr double kTiny = 1e-300;

struct EmState {
  std::vector<double> log_strength;
  double nu = 0;
  std::vector<double> eta;
  PairCounts counts;  // The fractional counts of the last M-step.
  double log_likelihood = 0;
  int iterations = 0;
  bool converged = false;
};

// The E-step's fractional counts: each decisive report splits into z for the reported winner
// and 1 - z for the other side; ties stay ties. *log_likelihood receives the Crowd-BT
// log-likelihood of the reports at `state`.
PairCounts FractionalCounts(const ComparisonTable& table, const PairIndex& index,
                            std::span<const uint32_t> multiplicity, const EmState& state,
                            std::vector<double>* honest_sum, std::vector<double>* decisive,
                            double* log_likelihood) {
  PairCounts counts;
  counts.first_wins.assign(index.pair_count(), 0);
  counts.second_wins.assign(index.pair_count(), 0);
  counts.ties.assign(index.pair_count(), 0);
  std::fill(honest_sum->begin(), honest_sum->end(), 0.0);
  std::fill(decisive->begin(), decisive->end(), 0.0);
  *log_likelihood = 0;
  const auto annotators = table.annotators();
  const auto outcomes = table.outcomes();
  for (size_t row = 0; row < table.size(); ++row) {
    const double times = multiplicity.empty() ? 1.0 : multiplicity[row];
    if (times == 0) continue;
    const uint32_t p = index.pair_of_row[row];
    Outcome outcome = outcomes[row];
    if (!index.left_is_first[row]) outcome = Flipped(outcome);
    const DavidsonProbabilities prob = DavidsonProbabilitiesOf(
        state.log_strength[index.first[p]], state.log_strength[index.second[p]], state.nu);
    if (outcome == Outcome::kTie) {
      counts.ties[p] += times;
      *log_likelihood += times * std::log(std::max(prob.tie, kTiny));
      continue;
    }
    const bool first_won = outcome == Outcome::kLeft;
    const double reported = first_won ? prob.first : prob.second;
    const double reversed = first_won ? prob.second : prob.first;
    const double eta = state.eta[annotators[row]];
    const double honest_mass = eta * reported;
    const double total = honest_mass + (1 - eta) * reversed;
    const double z = total > 0 ? honest_mass / total : eta;
    *log_likelihood += times * std::log(std::max(total, kTiny));
    (first_won ? counts.first_wins : counts.second_wins)[p] += times * z;
    (first_won ? counts.second_wins : counts.first_wins)[p] += times * (1 - z);
    (*honest_sum)[annotators[row]] += times * z;
    (*decisive)[annotators[row]] += times;
  }
  return counts;
}

EmState RunEm(const ComparisonTable& table, const PairIndex& index,
              std::span<const uint32_t> component, uint32_t component_count,
              std::span<const uint32_t> multiplicity, const CrowdBtOptions& options,
              EmState state) {
  DavidsonOptions sweep;
  sweep.max_iterations = 1;
  sweep.tolerance = 0;
  sweep.prior_games = options.prior_games;
  sweep.log_likelihood = false;  // EM tracks its own (Crowd-BT) likelihood.
  const double a = options.eta_prior_a;
  const double b = options.eta_prior_b;
  std::vector<double> honest_sum(table.annotator_count());
  std::vector<double> decisive(table.annotator_count());
  state.converged = false;
  double log_likelihood = 0;
  double previous = 0;
  for (state.iterations = 0; state.iterations < options.max_iterations;) {
    ++state.iterations;
    state.counts = FractionalCounts(table, index, multiplicity, state, &honest_sum, &decisive,
                                    &log_likelihood);
    // EM crawls along the ridge where lower reliabilities trade against wider scores: stop
    // once the likelihood no longer moves either.
    if (state.iterations > 1 &&
        std::abs(log_likelihood - previous) <=
            options.log_likelihood_tolerance * std::max(1.0, std::abs(log_likelihood))) {
      state.converged = true;
      break;
    }
    previous = log_likelihood;
    const DavidsonFit step = FitDavidson(index, state.counts, component, component_count, sweep,
                                         state.log_strength, state.nu);
    double change = 0;
    for (size_t i = 0; i < step.log_strength.size(); ++i) {
      change = std::max(change, std::abs(step.log_strength[i] - state.log_strength[i]));
    }
    change = std::max(change, std::abs(step.nu - state.nu) / std::max(1.0, state.nu));
    state.log_strength = step.log_strength;
    state.nu = step.nu;
    for (size_t k = 0; k < state.eta.size(); ++k) {
      const double denominator = decisive[k] + a + b - 2;
      const double next = denominator > 0 ? (honest_sum[k] + a - 1) / denominator : state.eta[k];
      const double clamped = std::clamp(next, kMinEta, 1 - kMinEta);
      change = std::max(change, std::abs(clamped - state.eta[k]));
      state.eta[k] = clamped;
    }
    if (change < options.tolerance) {
      state.converged = true;
      break;
    }
  }
  state.counts = FractionalCounts(table, index, multiplicity, state, &honest_sum, &decisive,
                                  &state.log_likelihood);
  return state;
}

}  // namespace

CrowdBtFit FitCrowdBt(const ComparisonTable& table, const CrowdBtOptions& options) {
  const PairIndex index = IndexPairs(table);
  uint32_t component_count = 0;
  const std::vector<uint32_t> component = ConnectedComponents(index, &component_count);
  const double a = options.eta_prior_a;
  const double b = options.eta_prior_b;
  const double mode = a + b > 2 ? std::clamp((a - 1) / (a + b - 2), kMinEta, 1 - kMinEta) : 0.75;

  // Start from plain Bradley-Terry scores and every annotator at the prior mode.
  DavidsonOptions start_options;
  start_options.max_iterations = 200;
  start_options.prior_games = options.prior_games;
  const PairCounts raw = CountPairs(index, table.outcomes());
  const DavidsonFit start = FitDavidson(index, raw, component, component_count, start_options);
  EmState initial;
  initial.log_strength = start.log_strength;
  initial.nu = start.nu;
  initial.eta.assign(table.annotator_count(), mode);
  const EmState state = RunEm(table, index, component, component_count, {}, options, initial);

  DavidsonFit fit;
  fit.log_strength = state.log_strength;
  fit.nu = state.nu;
  fit.iterations = state.iterations;
  fit.converged = state.converged;
  fit.log_likelihood = state.log_likelihood;

  const Refit refit = [&](std::span<const uint32_t> multiplicity) {
    CrowdBtOptions warm = options;
    warm.tolerance = std::max(options.tolerance, 1e-6);
    return RunEm(table, index, component, component_count, multiplicity, warm, state).log_strength;
  };
  SummaryInput input{&table,          &index, &state.counts,      component,
                     component_count, &fit,   options.prior_games};
  CrowdBtFit result;
  result.fit = SummariseFit(input, options.uncertainty, refit);
  result.fit.method = "crowdbt";

  result.annotators.resize(table.annotator_count());
  std::vector<uint64_t> agreeing(table.annotator_count(), 0);
  for (size_t row = 0; row < table.size(); ++row) {
    AnnotatorReliability& annotator = result.annotators[table.annotators()[row]];
    ++annotator.votes;
    const Outcome outcome = table.outcomes()[row];
    if (outcome == Outcome::kTie) continue;
    ++annotator.decisive_votes;
    const OptionId winner = outcome == Outcome::kLeft ? table.lefts()[row] : table.rights()[row];
    const OptionId loser = outcome == Outcome::kLeft ? table.rights()[row] : table.lefts()[row];
    if (result.fit.options[winner].score > result.fit.options[loser].score) {
      ++agreeing[table.annotators()[row]];
    }
  }
  for (size_t k = 0; k < result.annotators.size(); ++k) {
    AnnotatorReliability& annotator = result.annotators[k];
    annotator.eta = state.eta[k];
    if (annotator.decisive_votes > 0) {
      annotator.agreement =
          static_cast<double>(agreeing[k]) / static_cast<double>(annotator.decisive_votes);
    }
  }
  return result;
}

}  // namespace chorus::quality
