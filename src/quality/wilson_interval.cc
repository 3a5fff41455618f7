#include "quality/wilson_interval.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace chorus::quality {

Interval WilsonInterval(uint64_t successes, uint64_t trials, double z) {
  assert(trials > 0 && successes <= trials && z >= 0);
  const double n = static_cast<double>(trials);
  const double k = static_cast<double>(successes);
  const double z2 = z * z;
  // Written with k and n - k rather than p and 1 - p so that neither end loses precision.
  const double center = (k + z2 / 2) / (n + z2);
  const double half = z / (n + z2) * std::sqrt(k * (n - k) / n + z2 / 4);
  Interval interval;
  interval.low = successes == 0 ? 0.0 : std::clamp(center - half, 0.0, 1.0);
  interval.high = successes == trials ? 1.0 : std::clamp(center + half, 0.0, 1.0);
  return interval;
}

}  // namespace chorus::quality
