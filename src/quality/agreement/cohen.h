// Pairwise chance-corrected agreement of two annotators over a contingency table.
//
//   CohenKappa: Cohen, J. (1960) "A coefficient of agreement for nominal scales", Educational
//     and Psychological Measurement 20(1):37-46: kappa = (p_o - p_e) / (1 - p_e) with
//     p_e = sum_i p_i. p_.i (each annotator's own marginals). Weighted form: Cohen, J. (1968)
//     "Weighted kappa", Psychological Bulletin 70(4):213-220: p_o = sum w_ij p_ij,
//     p_e = sum w_ij p_i. p_.j. Standard error: the large-sample (non-null) variance of
//     Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969) "Large sample standard errors of kappa
//     and weighted kappa", Psychological Bulletin 72(5):323-327, the non-null variance of weighted
//     kappa (the unweighted case is w = identity), as printed by SAS PROC FREQ as "ASE".
//   ScottPi: Scott, W. A. (1955) "Reliability of content analysis: the case of nominal scale
//     coding", Public Opinion Quarterly 19(3):321-325: as kappa but p_e = sum_i m_i² with
//     m_i = (p_i. + p_.i) / 2 (pooled marginals).
//   PercentAgreement: p_o = sum_i p_ii, no chance correction.
// Undefined (never NaN): an empty table; chance agreement 1 (only one category was used).
// Thread-safety: pure functions.
#pragma once

#include <span>

#include "quality/agreement/contingency.h"
#include "quality/agreement/weights.h"
#include "quality/statistic.h"

namespace chorus::quality {

// value, standard_error (asymptotic, Fleiss, Cohen & Everitt 1969), ci95 = value ± 1.96·SE
// clipped to [-1, 1].
// category_values: each category's position for the weights (see AgreementWeights).
// REQUIRES: category_values is empty or has table.category_count entries.
Statistic CohenKappa(const ContingencyTable& table, Weighting weighting = Weighting::kUnweighted,
                     std::span<const double> category_values = {});

// Scott's pi: kappa with chance agreement from the pooled marginals. No standard error.
Statistic ScottPi(const ContingencyTable& table);

// Share of items on which the two annotators agree, with a Wald (binomial) standard error
// sqrt(p(1-p)/n) and ci95 = value ± 1.96·SE clipped to [0, 1].
Statistic PercentAgreement(const ContingencyTable& table);

}  // namespace chorus::quality
