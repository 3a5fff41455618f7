// Fleiss' kappa example from Wikipedia ("Fleiss' kappa", worked example): 10 subjects,
// 5 categories, 14 raters per subject, as items × categories counts.
//
// Source: statsmodels/statsmodels statsmodels/stats/tests/test_inter_rater.py (stored version
// @ 039c320d9237ac92faed99a0b6fb0cea538457d5), table0/table1 "example from Wikipedia page",
// kappa 0.210. Recomputed independently: kappa 0.209931, P-bar 0.378022, P-e 0.212755,
// p_j = 0.142857, 0.2, 0.278571, 0.15, 0.228571.
// Per-category kappas (Fleiss 1971 kappa_j) for the same table, 4 decimals:
// 0.2013 0.0797 0.1716 0.0304 0.5077 — Cardillo, G. (2007) "Fleiss'es kappa", MATLAB File
// Exchange 15426, example output in dnafinder/Fleiss fleiss.m
// (@ 3b7cdd48caaf8693e3dcdca0c5c0567b1e157ece).
#pragma once

#include <cstdint>
#include <vector>

namespace chorus::quality::testdata {

inline std::vector<std::vector<uint32_t>> FleissWikipediaCounts() {
  return {
      {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
      {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
  };
}

}  // namespace chorus::quality::testdata
