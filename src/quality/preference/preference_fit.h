// PreferenceFit: what a pairwise-preference model (bradley_terry.h, crowd_bt.h) reports per
// option: a score on the log-strength scale with its uncertainty, a rank with a rank interval,
// the raw counts and the connected component of the comparison graph the option belongs to.
//
// Scores are log-strengths (log pi_i in P(i beats j) = pi_i / (pi_i + pi_j)), centred to mean 0
// within each connected component; a score difference of 1 means odds of e : 1. Scores in
// different components were never linked by any chain of comparisons and are NOT comparable:
// `component_count > 1` says so, and `notes` carries the warning.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quality/statistic.h"

namespace chorus::quality {

// How the score intervals were obtained.
enum class ScoreUncertainty {
  kObservedInformation,  // Inverse observed Fisher information (Hessian of the log-likelihood).
  kBootstrap,            // Percentiles over refits on comparisons resampled with replacement.
};

const char* ScoreUncertaintyName(ScoreUncertainty method);  // "observed_information", ...

struct OptionScore {
  double score = 0;           // Centred log-strength.
  double standard_error = 0;  // Of the centred score.
  Interval ci95;              // 95% interval of the score.
  uint32_t rank = 1;          // 1 = best; options with equal scores share the better rank.
  uint32_t rank_low = 1;      // Best rank consistent with the intervals (see RankIntervals).
  uint32_t rank_high = 1;     // Worst rank consistent with the intervals.
  uint64_t wins = 0;          // Comparisons this option won.
  uint64_t losses = 0;        // Comparisons it lost.
  uint64_t ties = 0;          // Comparisons that were ties (including both-bad).
  uint64_t comparisons = 0;   // wins + losses + ties.
  uint32_t component = 0;     // Connected component of the comparison graph (0, 1, ...).
};

struct PreferenceFit {
  std::string method;                // "bt" or "crowdbt".
  std::vector<OptionScore> options;  // Indexed by OptionId.
  double tie_parameter = 0;          // Davidson's nu (0 when the data have no ties).
  double log_likelihood = 0;         // Of the data at the estimate (virtual prior games excluded).
  int iterations = 0;
  bool converged = false;
  uint32_t component_count = 0;
  ScoreUncertainty uncertainty = ScoreUncertainty::kObservedInformation;
  int bootstrap_samples = 0;  // When uncertainty == kBootstrap.
  // Covariance of the centred scores, option_count^2 entries row-major, when uncertainty ==
  // kObservedInformation (zero between components); empty otherwise.
  std::vector<double> covariance;
  std::vector<std::string> notes;  // Warnings a user should read (disconnected graph, ...).
};

}  // namespace chorus::quality
