// Krippendorff's alpha reference data from the Wikipedia article's worked example: 3 coders ×
// 15 units, values 1..4, with missing values.
//
// Source of data and values (as recorded in ../shared/data/agreement_examples/SOURCE.txt,
// file krippendorff_wikipedia_3coders_15units.csv):
//   fast-krippendorff tests: nominal round(.,6)==0.691358 ; interval round(.,6)==0.810845.
//   choroba test "wikipedia": nominal 0.691, interval 0.811.  Recomputed: 0.691358 / 0.810845.
// (fast-krippendorff = pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py, stored
// version @ 13c1938f1297dc013b12e2655d2b8e01f1efc0d0; choroba =
// choroba/statistics-krippendorff t/02-example.t @ 0fb9b389ad1670224cfab769ddb117512d48ed4e.)
#pragma once

#include <vector>

namespace chorus::quality::testdata {

// Rows are coders c1..c3, columns units u1..u15; 0 marks a missing value.
inline std::vector<std::vector<int>> KrippendorffWikipediaMatrix() {
  return {
      {0, 0, 0, 0, 0, 3, 4, 1, 2, 1, 1, 3, 3, 0, 3},
      {1, 0, 2, 1, 3, 3, 4, 3, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 2, 1, 3, 4, 4, 0, 2, 1, 1, 3, 3, 0, 4},
  };
}

// Published to 6 decimals.
inline constexpr double kKrippendorffWikipediaNominal = 0.691358;
inline constexpr double kKrippendorffWikipediaInterval = 0.810845;

}  // namespace chorus::quality::testdata
