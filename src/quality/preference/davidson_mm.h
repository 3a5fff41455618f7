// The MM (minorize-maximize) fit of the Bradley-Terry model with Davidson's tie term, the
// engine under bradley_terry.h and crowd_bt.h.
//
// Model (Davidson, R.R. 1970, "On extending the Bradley-Terry model to accommodate ties in
// paired comparison experiments", JASA 65(329):317-328): with strengths pi_i > 0 and
// tie parameter nu >= 0, D_ij = pi_i + pi_j + nu sqrt(pi_i pi_j) and
//   P(i beats j) = pi_i / D_ij,   P(tie) = nu sqrt(pi_i pi_j) / D_ij.
// nu = 0 is the Bradley-Terry model (Bradley & Terry 1952, Biometrika 39:324-345).
//
// MM update. Hunter, D.R. (2004), "MM algorithms for generalized Bradley-Terry models", Annals
// of Statistics 32(1):384-406, minorizes -log D with the supporting line of the concave log
// (-log x >= 1 - log y - x/y), which for nu = 0 gives his update (Zermelo's iteration)
//   pi_i <- W_i / sum_j n_ij / (pi_i + pi_j).
// Davidson's sqrt(pi_i pi_j) couples i and j; bounding it by the AM-GM inequality at the
// current iterate, sqrt(pi_i pi_j) <= (pi_i sqrt(pi_j'/pi_i') + pi_j sqrt(pi_i'/pi_j')) / 2,
// keeps the surrogate separable and gives (W_i wins, T_i ties of option i)
//   pi_i <- (W_i + T_i / 2) / sum_j n_ij (1 + (nu/2) sqrt(pi_j / pi_i)) / D_ij,
// then, with the new strengths, nu <- T / sum_{pairs} n_ij sqrt(pi_i pi_j) / D_ij
// (the same supporting-line bound, in nu). Each step cannot lower the (penalised)
// log-likelihood: a block-cyclic MM algorithm (Hunter & Lange 2004, Am. Stat. 58(1):30-37).
//
// Prior (keeps every score finite): each option plays `prior_games` virtual wins and as many
// virtual losses against a virtual option of strength 1 (log-strength 0), i.e. a penalty
// equal to that many extra Davidson observations; with it the augmented comparison graph is
// strongly connected, the condition (Ford 1957, Am. Math. Monthly 64(8):28-33; Hunter 2004)
// for a finite maximum.
// prior_games = 0 is the plain maximum-likelihood fit; it is invariant to scale, so each
// component is re-centred every iteration, and log-strengths are clamped to [-30, 30] so an
// option that never wins (whose MLE is -infinity) stays finite.
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <vector>

#include "quality/preference/pair_counts.h"

namespace chorus::quality {

struct DavidsonOptions {
  int max_iterations = 10000;  // MM sweeps at most.
  double tolerance = 1e-9;     // Stop when no log-strength (nor nu) moves more than this.
  double prior_games = 1.0;    // Virtual wins and losses per option against strength 1.
  bool estimate_ties = true;   // false: nu stays at its start (0 = Bradley-Terry).
  bool log_likelihood = true;  // Compute DavidsonFit::log_likelihood (one more pass).
};

struct DavidsonFit {
  std::vector<double> log_strength;  // Per option; anchored by the prior (0 = virtual option),
                                     // or centred per component when prior_games == 0.
  double nu = 0;
  double log_likelihood = 0;  // Of the counts (virtual games excluded); 0 when not asked.
  int iterations = 0;
  bool converged = false;
};

// Fits the model to `counts` over `index`'s pairs. `start` (optional, one per option) and
// `start_nu` warm-start the iteration. `component` is ConnectedComponents(index).
DavidsonFit FitDavidson(const PairIndex& index, const PairCounts& counts,
                        std::span<const uint32_t> component, uint32_t component_count,
                        const DavidsonOptions& options, std::span<const double> start = {},
                        double start_nu = -1);

// The data log-likelihood of `counts` at (log_strength, nu).
double DavidsonLogLikelihood(const PairIndex& index, const PairCounts& counts,
                             std::span<const double> log_strength, double nu);

// P(first beats second), P(second beats first), P(tie) for log-strengths a, b.
struct DavidsonProbabilities {
  double first = 0;
  double second = 0;
  double tie = 0;
};
DavidsonProbabilities DavidsonProbabilitiesOf(double a, double b, double nu);

}  // namespace chorus::quality
