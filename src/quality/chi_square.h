// Pearson's chi-square test of homogeneity on an r x c table of counts: do the rows (groups
// of annotators) share one distribution over the columns (labels)? Used by the diversity
// report (service/diversity_service.h) to say whether groups label differently overall.
//
// X² = Σ_ij (O_ij − E_ij)² / E_ij with E_ij = R_i C_j / N, on (r' − 1)(c' − 1) degrees of
// freedom, where r', c' count the rows and columns with a non-zero total (Pearson 1900; Agresti
// (2007) "An Introduction to Categorical Data Analysis", 2nd ed., §2.4.3). The p-value is the
// chi-square survival function, the regularised upper incomplete gamma Q(df/2, X²/2)
// (Abramowitz & Stegun 1964, §26.4.19 and §6.5), by its series below a + 1 and its continued
// fraction (modified Lentz) above. The approximation is rough when many expected counts are
// under 5 (Cochran 1954): `sparse_cells` says how many, and the caller words a caution.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "quality/statistic.h"

namespace chorus::quality {

struct ChiSquareTest {
  Statistic chi_square;           // X², or why the test is undefined.
  int64_t df = 0;                 // (r' − 1)(c' − 1); 0 when undefined.
  std::optional<double> p_value;  // P(χ²_df ≥ X²); absent when undefined.
  int64_t sparse_cells = 0;       // Cells with an expected count under 5.
  int64_t cells = 0;              // r' × c'.
};

// P(χ²_df ≥ x). REQUIRES: df > 0; x >= 0.
double ChiSquareSurvival(double x, double df);

// The test over `table` (rows of equal length; counts >= 0). Undefined (with its reason) when
// fewer than two rows or two columns have a non-zero total.
ChiSquareTest ChiSquareHomogeneity(const std::vector<std::vector<int64_t>>& table);

}  // namespace chorus::quality
