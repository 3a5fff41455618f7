// R irr::anxiety: anxiety ratings (1..6) of 20 subjects by 3 raters.
//
// Source: R package irr (Gamer, Lemon, Fellows & Singh), dataset "anxiety", as typed in
// statsmodels/statsmodels statsmodels/stats/tests/test_inter_rater.py (stored version
// @ 039c320d9237ac92faed99a0b6fb0cea538457d5). Published values of irr::kappa2 on raters 2
// and 3: unweighted -0.006289308 (z -0.0604067), weight = "equal" (linear) 0.1459075,
// weight = "squared" (quadratic) 0.2520325. irr builds its table over the levels that occur
// in the two columns (1, 2, 3, 4, 6 — no 5) and puts the weights on the level index, not on
// the rating value.
#pragma once

#include <cstdint>
#include <vector>

namespace chorus::quality::testdata {

// One row per subject: {rater1, rater2, rater3}.
inline std::vector<std::vector<uint32_t>> IrrAnxiety() {
  return {
      {3, 3, 2}, {3, 6, 1}, {3, 4, 4}, {4, 6, 4}, {5, 2, 3}, {5, 4, 2}, {2, 2, 1},
      {3, 4, 6}, {5, 3, 1}, {2, 3, 1}, {2, 2, 1}, {6, 3, 2}, {1, 3, 3}, {5, 3, 3},
      {2, 2, 1}, {2, 2, 1}, {1, 1, 3}, {2, 3, 3}, {4, 3, 2}, {3, 4, 2},
  };
}

}  // namespace chorus::quality::testdata
