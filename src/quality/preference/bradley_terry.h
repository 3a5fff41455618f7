// Bradley-Terry scores and ranking from pairwise comparisons, ties by Davidson's model.
//
// Model: P(i beats j) = pi_i / (pi_i + pi_j) (Bradley, R.A. & Terry, M.E. 1952, "Rank analysis
// of incomplete block designs I", Biometrika 39:324-345), with ties by Davidson (1970, JASA
// 65:317-328): P(tie) = nu sqrt(pi_i pi_j) / (pi_i + pi_j + nu sqrt(pi_i pi_j)), nu estimated.
// Why Davidson rather than Rao & Kupper (1967, JASA 62:194-204, the tie model that Hunter
// (2004) gives an MM algorithm for): Davidson's tie probability is largest for equal options and
// still defined when nu = 0 (no ties: plain Bradley-Terry), and its tie parameter reads as the tie
// rate of equal options, nu / (2 + nu); its MM update keeps Hunter's form (see davidson_mm.h).
// Fitted by the MM algorithm of Hunter (2004), Annals of Statistics 32(1):384-406,
// with a weak prior (prior_games virtual wins and losses against an average option) that
// keeps scores finite when an option wins or loses everything.
// Uncertainty: the inverse observed Fisher information up to max_analytic_options options,
// else a seeded bootstrap over comparisons (score_uncertainty.h, preference_summary.h).
// Each comparison row is one observation; who annotated it is ignored (see crowd_bt.h).
// Thread-safety: pure function.
#pragma once

#include "quality/comparison_table.h"
#include "quality/preference/preference_fit.h"
#include "quality/preference/preference_summary.h"

namespace chorus::quality {

enum class TieRule {
  kDavidson,  // Ties are their own outcome, with Davidson's nu estimated.
  kHalfWin,   // A tie counts as half a win for each side (nu = 0).
};

struct BradleyTerryOptions {
  int max_iterations = 10000;         // MM sweeps at most.
  double tolerance = 1e-9;            // Largest change of a log-strength that counts as moving.
  double prior_games = 1.0;           // Virtual wins (and as many losses) per option; 0 = MLE.
  TieRule ties = TieRule::kDavidson;  // How ties enter the likelihood.
  UncertaintyOptions uncertainty;     // Analytic or bootstrap intervals.
};

// Fits the model to every row of `table`. An empty table gives an empty fit.
PreferenceFit FitBradleyTerry(const ComparisonTable& table,
                              const BradleyTerryOptions& options = {});

}  // namespace chorus::quality
