// Agreement weights for weighted kappa-type statistics (Cohen 1968; Gwet 2014 AC2).
//
// A weight w(i, j) in [0, 1] says how much credit a pair of ratings (i, j) earns: 1 for
// identical categories, less the further apart they lie on the scale.
//   unweighted: w = 1 if i == j else 0                         (Cohen 1960)
//   linear:     w = 1 - |v_i - v_j| / (v_max - v_min)          (Cicchetti & Allison 1971)
//   quadratic:  w = 1 - ((v_i - v_j) / (v_max - v_min))^2      (Fleiss & Cohen 1973)
// where v_c is category c's position on the scale. Cohen, J. (1968) "Weighted kappa",
// Psychological Bulletin 70(4):213-220 (there as disagreement weights v = 1 - w).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus::quality {

enum class Weighting { kUnweighted, kLinear, kQuadratic };

// "unweighted", "linear" or "quadratic".
const char* WeightingName(Weighting w);

// Parses a WeightingName (also accepts "none", "identity", "equal" (irr's name for linear),
// "squared" (irr's name for quadratic)); fails naming the accepted spellings.
Result<Weighting> ParseWeighting(std::string_view name);

// The category_count × category_count agreement weights, row-major, 1 on the diagonal,
// in [0, 1]. category_values[c] is category c's position on the scale; empty means the index
// 0..k-1 (as statsmodels and SAS do). When every value is equal (or k < 2) the off-diagonal
// weights are 0, as for unweighted.
// REQUIRES: category_values is empty or has category_count finite entries.
std::vector<double> AgreementWeights(Weighting weighting, size_t category_count,
                                     std::span<const double> category_values = {});

}  // namespace chorus::quality
