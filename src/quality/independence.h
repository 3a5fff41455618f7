// Whether two label distributions differ: tests of independence on a contingency table of
// counts (groups × labels), and the Jensen-Shannon distance between two distributions. Used
// where Chorus compares groups of labels (blind against drafted, one annotator group against
// another).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.h"

namespace chorus::quality {

struct IndependenceTest {
  double statistic = 0;            // Pearson's X² or the G statistic.
  int64_t degrees_of_freedom = 0;  // (rows - 1)(columns - 1) over rows and columns with counts.
  double p_value = 1;              // Upper tail of chi-square with those degrees of freedom.
};

// Pearson's chi-square test of independence on a rows × cols table of counts (row-major).
// Rows and columns whose total is zero are left out (they say nothing); with fewer than two
// of either, the test has no degrees of freedom: statistic 0, p-value 1.
// kInvalidArgument for a size mismatch or a negative or non-finite count.
Result<IndependenceTest> ChiSquareTest(std::span<const double> counts, size_t rows, size_t cols);

// The G-test (log-likelihood ratio, 2 Σ O ln(O / E)) on the same table; better than X² when
// expected counts are small.
Result<IndependenceTest> GTest(std::span<const double> counts, size_t rows, size_t cols);

// P(X >= x) for X ~ chi-square with `degrees_of_freedom` > 0.
double ChiSquareSurvival(double x, double degrees_of_freedom);

// The Jensen-Shannon distance (square root of the divergence, base 2: in [0, 1]) between two
// distributions given as non-negative weights (each normalised here). REQUIRES: same size,
// each with a positive sum.
double JensenShannonDistance(std::span<const double> p, std::span<const double> q);

}  // namespace chorus::quality
