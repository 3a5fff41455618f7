// WilsonInterval: a confidence interval for a binomial proportion (accuracy against gold,
// share of agreeing items) that stays inside [0, 1] and behaves at 0 and n successes.
//
// Wilson, E. B. (1927) "Probable inference, the law of succession, and statistical
// inference", Journal of the American Statistical Association 22(158):209-212: the score
// interval, method 3 of Newcombe, R. G. (1998) "Two-sided confidence intervals for the
// single proportion: comparison of seven methods", Statistics in Medicine 17:857-872:
//   (2np + z² ± z·sqrt(z² + 4np(1-p))) / (2(n + z²)),  p = successes / n.
// Preferred over the Wald interval p ± z·sqrt(p(1-p)/n), which collapses to a point at
// p = 0 or 1 and undercovers for small n (Newcombe 1998, section 2).
// Thread-safety: pure function.
#pragma once

#include <cstdint>

#include "quality/statistic.h"

namespace chorus::quality {

// The two-sided Wilson score interval without continuity correction; z is the standard
// normal quantile (the default gives 95%). low is exactly 0 when successes == 0 and high is
// exactly 1 when successes == trials.
// REQUIRES: trials > 0, successes <= trials, z >= 0 and finite.
Interval WilsonInterval(uint64_t successes, uint64_t trials, double z = 1.959963984540054);

}  // namespace chorus::quality
