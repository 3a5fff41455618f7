// From a fitted Davidson model to a PreferenceFit: centred scores, raw counts, components,
// intervals (observed information, or a seeded bootstrap) and ranks. Shared by
// bradley_terry.h and crowd_bt.h.
// Thread-safety: pure functions (the refit callback is called on the calling thread).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "quality/comparison_table.h"
#include "quality/preference/davidson_mm.h"
#include "quality/preference/pair_counts.h"
#include "quality/preference/preference_fit.h"

namespace chorus::quality {

struct UncertaintyOptions {
  size_t max_analytic_options = 2000;  // Above this many options, bootstrap instead.
  bool bootstrap = false;              // Bootstrap even when the analytic route is available.
  int bootstrap_samples = 200;         // Resamples of the comparisons.
  uint64_t seed = 1;                   // Of the resampling.
};

// Refits on the rows repeated `multiplicity[row]` times; returns the per-option log-strengths.
using Refit = std::function<std::vector<double>(std::span<const uint32_t> multiplicity)>;

struct SummaryInput {
  const ComparisonTable* table = nullptr;
  const PairIndex* index = nullptr;
  const PairCounts* counts = nullptr;  // The counts the information is computed from.
  std::span<const uint32_t> component;
  uint32_t component_count = 0;
  const DavidsonFit* fit = nullptr;
  double prior_games = 0;
};

PreferenceFit SummariseFit(const SummaryInput& input, const UncertaintyOptions& options,
                           const Refit& refit);

}  // namespace chorus::quality
