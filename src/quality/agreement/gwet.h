// Gwet's AC1 (nominal) and AC2 (weighted) agreement coefficients for any number of raters,
// with missing ratings.
//
//   Gwet, K. L. (2008) "Computing inter-rater reliability and its variance in the presence
//     of high agreement", British Journal of Mathematical and Statistical Psychology
//     61(1):29-48 (AC1 and its variance for multiple raters).
//   Gwet, K. L. (2014) Handbook of Inter-Rater Reliability, 4th ed., Advanced Analytics,
//     chapters on multiple raters with missing ratings and on weighted AC2; the same
//     formulas as the author's R package irrCAC (gwet.ac1.raw / gwet.ac1.dist).
// With r_ik the number of ratings of item i in category k, r_i = sum_k r_ik, q categories
// and weights w_kl (identity for AC1):
//   r*_ik = sum_l w_kl r_il
//   p_a = mean over items with r_i >= 2 of sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))
//   pi_k = mean over items with r_i >= 1 of r_ik / r_i
//   p_e = T_w / (q (q - 1)) · sum_k pi_k (1 - pi_k),   T_w = sum_kl w_kl
//   AC = (p_a - p_e) / (1 - p_e)
// Standard error: Gwet (2008) / Gwet (2014) variance conditional on the raters,
// with the finite-population correction f = 0 (an infinite population of items):
//   AC_i  = (n / n2) (p_a|i - p_e [r_i >= 2]) / (1 - p_e)
//   pe_i  = T_w / (q (q - 1)) · sum_k r_ik (1 - pi_k) / r_i
//   AC*_i = AC_i - 2 (1 - AC) (pe_i - p_e) / (1 - p_e)
//   var   = 1 / (n (n - 1)) · sum_i (AC*_i - AC)²,  ci95 = AC ± 1.96 · sqrt(var) clipped to
//   [-1, 1] (irrCAC uses a t quantile with n - 1 degrees of freedom instead of 1.96)
// where n counts items with at least one rating and n2 those with at least two.
// q is counts.category_count: pass the full scale (a category nobody used still counts, as
// in Gwet's definition; irrCAC by default uses only the categories that occur).
// Undefined (never NaN): no item with 2 or more ratings; fewer than 2 categories; p_e = 1.
// Unlike kappa, AC1 is defined when every rating falls in one category (p_e = 0, AC1 = p_a).
// Fewer than 2 rated items: a value but no standard error.
// Thread-safety: pure functions. Cost: two passes over counts (the second for the variance);
// AC2 adds O(r_i²) per item over its non-zero cells (O(k²) when k <= 8).
#pragma once

#include <span>

#include "quality/agreement/weights.h"
#include "quality/statistic.h"
#include "quality/vote_table.h"

namespace chorus::quality {

// AC1 when unweighted, AC2 otherwise. category_values: each category's position for the
// weights (see AgreementWeights); empty means 0..k-1.
// REQUIRES: category_values is empty or has counts.category_count entries.
Statistic GwetAc(const CategoryCounts& counts, Weighting weighting = Weighting::kUnweighted,
                 std::span<const double> category_values = {});

}  // namespace chorus::quality
