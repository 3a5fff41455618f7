// A 3 × 3 contingency table of two raters (rows = rater 1) with SAS PROC FREQ kappa output.
//
// Source: statsmodels/statsmodels statsmodels/stats/tests/test_inter_rater.py (stored version
// @ 039c320d9237ac92faed99a0b6fb0cea538457d5), table10, compared there with a SAS printout
// (4 decimals): simple kappa 0.4842, ASE 0.1380, 95% CI 0.2137..0.7547 (ASE under H0 0.1484,
// Z 3.2626); weighted kappa with linear (Cicchetti-Allison) weights on scores 0, 1, 2:
// 0.4701, ASE 0.1457, 95% CI 0.1845..0.7558.
#pragma once

#include <vector>

namespace chorus::quality::testdata {

inline std::vector<std::vector<double>> CohenSas3x3() { return {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}}; }

}  // namespace chorus::quality::testdata
