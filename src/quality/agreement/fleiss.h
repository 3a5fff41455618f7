// Multi-rater agreement over items × categories vote counts: Fleiss' kappa (overall and per
// category), Randolph's free-marginal kappa and the multi-rater percent agreement.
//
//   Fleiss, J. L. (1971) "Measuring nominal scale agreement among many raters",
//     Psychological Bulletin 76(5):378-382: P_i = sum_j n_ij (n_ij - 1) / (n (n - 1)),
//     P-bar = mean_i P_i, p_j = share of all ratings in category j,
//     P-e = sum_j p_j², kappa = (P-bar - P-e) / (1 - P-e); per category
//     kappa_j = 1 - sum_i n_ij (n - n_ij) / (N n (n - 1) p_j q_j), and overall
//     kappa = sum_j p_j q_j kappa_j / sum_j p_j q_j (q_j = 1 - p_j).
//   Randolph, J. J. (2005) "Free-marginal multirater kappa (multirater kappa_free): an
//     alternative to Fleiss' fixed-marginal multirater kappa", Joensuu Learning and
//     Instruction Symposium 2005 (ERIC ED490661): P-e = 1/k, kappa_free = (P-bar - 1/k)/(1 - 1/k).
//
// Items with fewer than 2 ratings carry no pair and are dropped from every statistic here.
// Fleiss assumes the same number of ratings n on every item; when the number varies
// (missing ratings), P_i uses the item's own n_i and p_j is the mean over the kept items of
// n_ij / n_i, following Gwet (2014) Handbook of Inter-Rater Reliability, 4th ed., chapter on
// multiple raters with missing ratings (as irrCAC::fleiss.kappa.raw). With equal n this is
// exactly Fleiss (1971). R irr::kappam.fleiss instead drops every item with a missing rating;
// statsmodels fleiss_kappa asserts that n is equal; irrCAC keeps single-rated items in p_j.
// The category set is counts.category_count: Randolph's k includes categories nobody used.
// Undefined (never NaN): no item with 2 or more ratings; P-e = 1 (one category used).
// Thread-safety: pure functions. Cost: one pass over counts, O(items × categories).
#pragma once

#include <vector>

#include "quality/statistic.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct FleissKappa {
  Statistic kappa;                      // Overall Fleiss kappa.
  std::vector<Statistic> per_category;  // Indexed by category id (kappa_j); undefined where
                                        // nobody (or everybody) chose the category.
};

// REQUIRES: counts.counts has item_count × category_count entries.
FleissKappa ComputeFleissKappa(const CategoryCounts& counts);

// Randolph (2005) free-marginal multirater kappa, chance agreement 1/k with
// k = counts.category_count. REQUIRES: as ComputeFleissKappa.
Statistic RandolphKappa(const CategoryCounts& counts);

// Mean over items of the share of agreeing rater pairs (Fleiss' P-bar).
// REQUIRES: as ComputeFleissKappa.
Statistic MultiRaterPercentAgreement(const CategoryCounts& counts);

}  // namespace chorus::quality
