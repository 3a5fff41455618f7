// Examples bundled with the R package irrCAC (Gwet), with the package's published output.
//
// Sources:
//   kgwet/irrCAC README.md (@ 00b845116dd7b18188202cf4ed3fccec8b81a0bc), R output:
//     cac.raw4raters: pa.coeff.raw 0.8181818; gwet.ac1.raw AC1 0.77544 (pa 0.8181818,
//       pe 0.1903212, SE 0.14295); fleiss.kappa.raw 0.76117 (pe 0.2387153);
//       bp.coeff.raw 0.77273 (pe 0.2).
//     cont3x3abstractors: kappa2.table 0.7964094, scott2.table 0.7962397,
//       gwet.ac1.table 0.8493305, pa2.table 0.89.
//   afergadis/irrCAC (a Python port) test/unit/irrCAC/raw/test_gwet.py and test_fleiss.py
//     (@ 0c7676d2a7cc80474285da1f60a4dede9bf02166), 3 decimals:
//     cac.raw4raters AC2 linear 0.859 (SE 0.117), quadratic 0.914 (SE 0.104);
//     raw_5observers AC1 0.497 (SE 0.122, pa 0.616, pe 0.236), Fleiss 0.458 (pe 0.291).
// cac.raw4raters is Gwet, K. L. (2014) Handbook of Inter-Rater Reliability, 4th ed., p. 120;
// raw_5observers is a subset of the table on p. 125.
#pragma once

#include <cstdint>
#include <vector>

namespace chorus::quality::testdata {

// Missing rating.
inline constexpr uint32_t kNa = 0;

// 12 units × 4 raters, categories 1..5, kNa = not rated (unit 12 has a single rating).
inline std::vector<std::vector<uint32_t>> IrrCacRaw4Raters() {
  return {
      {1, 1, kNa, 1}, {2, 2, 3, 2},   {3, 3, 3, 3},     {3, 3, 3, 3},
      {2, 2, 2, 2},   {1, 2, 3, 4},   {4, 4, 4, 4},     {1, 1, 2, 1},
      {2, 2, 2, 2},   {kNa, 5, 5, 5}, {kNa, kNa, 1, 1}, {kNa, kNa, 3, kNa},
  };
}

// 15 units × 5 observers, scores 0..3 stored as score + 1 (so kNa = 0 can mean missing).
inline std::vector<std::vector<uint32_t>> IrrCacRaw5ObserversPlusOne() {
  return {
      {2, 2, 3, kNa, 3}, {2, 2, 1, 2, kNa}, {3, 4, 4, 4, kNa},   {kNa, 1, 1, kNa, 1},
      {1, 1, 1, kNa, 1}, {1, 1, 1, kNa, 1}, {2, 1, 3, kNa, 2},   {2, kNa, 3, 1, kNa},
      {3, 3, 3, kNa, 3}, {3, 2, 2, 2, kNa}, {kNa, 2, 1, 1, kNa}, {1, 1, 1, 1, kNa},
      {2, 3, 3, 3, kNa}, {4, 4, 3, 3, 4},   {2, 2, 2, kNa, 2},
  };
}

// Rows = abstractor 1 (Ectopic, AIU, NIU), columns = abstractor 2.
inline std::vector<std::vector<double>> IrrCacCont3x3Abstractors() {
  return {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};
}

}  // namespace chorus::quality::testdata
