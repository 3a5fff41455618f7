// Krippendorff's alpha reference data: 4 coders × 12 units, values 1..5, with missing values.
//
// Source of data and values (as recorded in ../shared/data/agreement_examples/SOURCE.txt,
// file krippendorff_4coders_12units.csv):
//   pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py (stored version
//   @ 13c1938f1297dc013b12e2655d2b8e01f1efc0d0): test_ordinal_metric -> round(alpha,3)==0.815,
//   test_ratio_metric -> 0.797 (same 4x12 matrix);
//   and choroba/statistics-krippendorff t/02-example.t
//   (@ 0fb9b389ad1670224cfab769ddb117512d48ed4e), subtest "krippendorf_1980" (same data, units
//   with <2 values dropped): nominal 0.743, interval 0.849, ordinal 0.815, ratio 0.797
//   (precision 3 decimals).
//   This is the example used in Krippendorff's "Computing Krippendorff's Alpha-Reliability"
//   (2011) -- the PDF itself was NOT read here; attribution to that document rests on common
//   usage (UNCERTAIN).
//   Recomputed (independent pure-Python implementation): nominal 0.7434, ordinal 0.8154,
//   interval 0.8491, ratio 0.7974.
#pragma once

#include <vector>

namespace chorus::quality::testdata {

// Rows are coders A..D, columns units u1..u12; 0 marks a missing value.
inline std::vector<std::vector<int>> Krippendorff2011Matrix() {
  return {
      {1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
      {0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0},
  };
}

// Published to 3 decimals.
inline constexpr double kKrippendorff2011Nominal = 0.743;
inline constexpr double kKrippendorff2011Ordinal = 0.815;
inline constexpr double kKrippendorff2011Interval = 0.849;
inline constexpr double kKrippendorff2011Ratio = 0.797;
// Recomputed to 4 decimals.
inline constexpr double kKrippendorff2011NominalRecomputed = 0.7434;
inline constexpr double kKrippendorff2011OrdinalRecomputed = 0.8154;
inline constexpr double kKrippendorff2011IntervalRecomputed = 0.8491;
inline constexpr double kKrippendorff2011RatioRecomputed = 0.7974;

}  // namespace chorus::quality::testdata
