#include "quality/student_t.h"

#include <cassert>
#include <cmath>
#include <limits>

namespace chorus::quality {
namespace {

// Continued fraction of the incomplete beta function (A&S §26.5), modified Lentz method.
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-15;
  double c = 1;
  double d = 1 - (a + b) * x / (a + 1);
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    // Even step.
    double term = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + term * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + term / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + term * d;
    if (std::abs(d) < kTiny) d = kTiny;
    c = 1 + term / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1) < kEpsilon) break;
  }
  return h;
}

// Regularised incomplete beta I_x(a, b).
double RegularizedBeta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * BetaContinuedFraction(a, b, x) / a;
  return 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
}

}  // namespace

double StudentTCdf(double t, double df) {
  assert(df > 0 && std::isfinite(df) && !std::isnan(t));
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  const double tail = 0.5 * RegularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

double StudentTQuantile(double p, double df) {
  assert(p > 0 && p < 1 && df > 0 && std::isfinite(df));
  if (p == 0.5) return 0;
  // Symmetry: solve for the upper tail and flip the sign for p < 1/2.
  const double upper = p > 0.5 ? p : 1 - p;
  double low = 0;
  double high = 1;
  while (StudentTCdf(high, df) < upper && high < std::numeric_limits<double>::max() / 4) {
    low = high;
    high *= 2;
  }
  for (int i = 0; i < 200 && high - low > 1e-14 * high; ++i) {
    const double mid = low + (high - low) / 2;
    (StudentTCdf(mid, df) < upper ? low : high) = mid;
  }
  const double t = low + (high - low) / 2;
  return p > 0.5 ? t : -t;
}

}  // namespace chorus::quality
