// Crowd-BT: Bradley-Terry scores that discount unreliable and adversarial annotators.
//
// Chen, X., Bennett, P.N., Collins-Thompson, K. & Horvitz, E. (2013), "Pairwise ranking
// aggregation in a crowdsourced setting", WSDM 2013: annotator k reports the
// truth with probability eta_k and the reverse otherwise,
//   P(k reports i beats j) = eta_k P(i beats j) + (1 - eta_k) P(j beats i),
// with P from the Bradley-Terry model. Chen et al. fit it online (moment matching); here the
// batch maximum a posteriori fit is by EM (Dempster, Laird & Rubin 1977): the E-step is the
// posterior that each report was honest,
//   z = eta_k P(i>j) / (eta_k P(i>j) + (1 - eta_k) P(j>i)),
// and the M-step (one MM sweep, so a generalised EM that never lowers the posterior) fits
// the scores to fractional wins (z for the reported winner, 1 - z for the other) and sets
//   eta_k = (sum z + a - 1) / (reports_k + a + b - 2)
// under a Beta(a, b) prior on eta_k, so that an annotator with one or two reports stays
// near the prior mode instead of jumping to 0 or 1. The prior's mode above 1/2 also fixes the
// model's mirror symmetry (all eta -> 1 - eta with all scores negated fits equally well).
// Ties: a tie report has no direction to flip, so it enters through Davidson's tie term
// (davidson_mm.h) with probability P(tie) whatever eta_k, and does not inform eta_k.
// Intervals: the observed information of the Davidson likelihood of the fractional wins at
// the fitted eta (treating the reliabilities as known, so somewhat too narrow), or the
// bootstrap (refitting the whole EM on each resample).
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <vector>

#include "quality/comparison_table.h"
#include "quality/preference/preference_fit.h"
#include "quality/preference/preference_summary.h"

namespace chorus::quality {

struct CrowdBtOptions {
  int max_iterations = 5000;               // EM iterations at most.
  double tolerance = 1e-7;                 // Stop when no score or eta moves more than this,
  double log_likelihood_tolerance = 1e-9;  // or the log-likelihood by less than this share.
  double prior_games = 1.0;                // As BradleyTerryOptions::prior_games.
  double eta_prior_a = 4.0;        // Beta(a, b) prior on each eta: mode (a-1)/(a+b-2) = 0.75,
  double eta_prior_b = 2.0;        // worth a + b - 2 = 4 reports.
  UncertaintyOptions uncertainty;  // Analytic or bootstrap intervals.
};

struct AnnotatorReliability {
  double eta = 1;               // Estimated probability of reporting the truth.
  uint64_t votes = 0;           // Comparisons by this annotator, ties included.
  uint64_t decisive_votes = 0;  // Non-tie comparisons (the ones that inform eta).
  // Share of the decisive votes whose winner has the higher fitted score; absent when the
  // annotator made no decisive vote.
  std::optional<double> agreement;
};

struct CrowdBtFit {
  PreferenceFit fit;                             // method "crowdbt".
  std::vector<AnnotatorReliability> annotators;  // Indexed by AnnotatorId.
};

CrowdBtFit FitCrowdBt(const ComparisonTable& table, const CrowdBtOptions& options = {});

}  // namespace chorus::quality
