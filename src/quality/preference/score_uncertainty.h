// Uncertainty of fitted log-strengths: the covariance from the observed Fisher information,
// intervals, ranks and rank intervals.
//
// Observed information. With d = s_i - s_j, one Davidson observation contributes to the
// log-likelihood -log(e^{d/2} + e^{-d/2} + nu) plus terms linear in s, so its Hessian in
// (s_i, s_j) is h [[1, -1], [-1, 1]] with
//   h = (1 + (nu/2) cosh(d/2)) / (2 cosh(d/2) + nu)^2     (= p(1-p) when nu = 0).
// The information matrix is the graph Laplacian weighted by n_ij h_ij, plus, with the prior,
// 2 * prior_games * h(s_i) on the diagonal (games against the fixed virtual option). nu is
// treated as known. Per connected component (scores in different components are not
// comparable, so their covariance is 0):
//   with the prior:    V = C A^{-1} C, C = I - 11'/m centres the scores;
//   without the prior: A is singular (only differences are identified) and the covariance of
//                      the sum-zero scores is its pseudo-inverse (A + 11'/m)^{-1} - 11'/m.
// Dense Cholesky: O(m^3) per component, used up to a few thousand options.
//
// Rank intervals from interval overlap: best rank = 1 + #{j: low_j > high_i} (the options
// whose interval lies wholly above i's; the "rank (UB)" of the Chatbot Arena leaderboard,
// Chiang et al. 2024, "Chatbot Arena: an open platform for evaluating LLMs by human
// preference", ICML), worst rank = m - #{j: high_j < low_i}, over all m options. Conservative:
// non-overlap of two 95% intervals is a stricter test than a 95% test of the difference.
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <vector>

#include "quality/preference/pair_counts.h"
#include "quality/preference/preference_fit.h"

namespace chorus::quality {

// The covariance of the per-component centred log-strengths, n x n row-major.
// REQUIRES: log_strength has one entry per option (as fitted, before centring).
std::vector<double> ScoreCovariance(const PairIndex& index, const PairCounts& counts,
                                    std::span<const double> log_strength, double nu,
                                    double prior_games, std::span<const uint32_t> component,
                                    uint32_t component_count);

// Subtracts each component's mean score.
void CentrePerComponent(std::span<double> scores, std::span<const uint32_t> component,
                        uint32_t component_count);

// Fills rank, rank_low and rank_high from score and ci95 (over all options).
void AssignRanks(std::vector<OptionScore>& options);

}  // namespace chorus::quality
