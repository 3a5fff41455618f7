#include "quality/preference/bradley_terry.h"

namespace chorus::quality {
namespace {

// The half-win rule: each tie becomes half a win for each side.
PairCounts ApplyTieRule(PairCounts counts, TieRule rule) {
  if (rule == TieRule::kHalfWin) {
    for (size_t p = 0; p < counts.ties.size(); ++p) {
      counts.first_wins[p] += counts.ties[p] / 2;
      counts.second_wins[p] += counts.ties[p] / 2;
      counts.ties[p] = 0;
    }
  }
  return counts;
}

}  // namespace

PreferenceFit FitBradleyTerry(const ComparisonTable& table, const BradleyTerryOptions& options) {
  const PairIndex index = IndexPairs(table);
  uint32_t component_count = 0;
  const std::vector<uint32_t> component = ConnectedComponents(index, &component_count);
  const PairCounts counts = ApplyTieRule(CountPairs(index, table.outcomes()), options.ties);
  DavidsonOptions davidson;
  davidson.max_iterations = options.max_iterations;
  davidson.tolerance = options.tolerance;
  davidson.prior_games = options.prior_games;
  davidson.estimate_ties = options.ties == TieRule::kDavidson;
  const DavidsonFit fit = FitDavidson(index, counts, component, component_count, davidson);

  const Refit refit = [&](std::span<const uint32_t> multiplicity) {
    const PairCounts resampled =
        ApplyTieRule(CountPairs(index, table.outcomes(), multiplicity), options.ties);
    DavidsonOptions warm = davidson;
    warm.tolerance = std::max(davidson.tolerance, 1e-7);  // Far below the sampling noise.
    return FitDavidson(index, resampled, component, component_count, warm, fit.log_strength, fit.nu)
        .log_strength;
  };
  SummaryInput input{
      &table, &index, &counts, component, component_count, &fit, options.prior_games};
  PreferenceFit result = SummariseFit(input, options.uncertainty, refit);
  result.method = "bt";
  return result;
}

}  // namespace chorus::quality
