// Fleiss (1971) psychiatric diagnoses: 30 patients, 6 diagnoses each (the six raters are not
// the same people for every patient), categories 1..5 = depression, personality disorder,
// schizophrenia, neurosis, other.
//
// Source: Fleiss, J. L. (1971) "Measuring nominal scale agreement among many raters",
// Psychological Bulletin 76(5):378-382, Table 1. Ratings matrix as in R irr::diagnoses (also
// the statsmodels test "diagnoses"); counts cross-checked against JonasMoss/quadagree
// data_raw/fleiss1971.csv (@ 263d0acd1cdc59e240197fd7e14a74f6a66a7d7a).
// Published values:
//   R irr::kappam.fleiss: kappa 0.4302445 (z 17.65183).
//   R irr::kappam.fleiss(detail = TRUE), category-wise kappas to 3 decimals: 0.245, 0.245,
//     0.520, 0.471, 0.566 — printed in sophiedkk/pyirr README.rst
//     (@ 82267cba5ae04c175144c971aacba808648d91bd), a line-for-line port of R irr.
//   First 15 patients = irrCAC::distrib.6raters; kgwet/irrCAC README.md
//     (@ 00b845116dd7b18188202cf4ed3fccec8b81a0bc): gwet.ac1.dist AC1 0.4448007
//     (SE 0.08418757, pa 0.5511111, pe 0.1914815); fleiss.kappa.dist 0.4139265
//     (pe 0.2340741); bp.coeff.dist (= Randolph's free-marginal kappa) 0.4388889.
#pragma once

#include <cstdint>
#include <vector>

namespace chorus::quality::testdata {

// One row per patient, one column per rating; values are category codes 1..5.
inline std::vector<std::vector<uint32_t>> Fleiss1971Diagnoses() {
  return {
      {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
      {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
      {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
      {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
      {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
      {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
      {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
      {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5},
  };
}

}  // namespace chorus::quality::testdata
