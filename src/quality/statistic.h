// Statistic: one agreement or accuracy figure, or the reason it is undefined.
//
// Statistics never return NaN: when the data cannot define a value (one category used,
// no pairable items, ...) the result says so in words a user can act on.
// Thread-safety: value type.
#pragma once

#include <optional>
#include <string>

namespace chorus::quality {

struct Interval {
  double low = 0;
  double high = 0;
};

struct Statistic {
  std::optional<double> value;            // Absent iff undefined.
  std::string undefined_reason;           // Why there is no value; empty when defined.
  std::optional<double> standard_error;   // Asymptotic standard error where the method has one.
  std::optional<Interval> ci95;           // 95% confidence interval where the method has one.

  bool defined() const { return value.has_value(); }

  static Statistic Of(double v) {
    Statistic s;
    s.value = v;
    return s;
  }
  static Statistic Undefined(std::string reason) {
    Statistic s;
    s.undefined_reason = std::move(reason);
    return s;
  }
};

// Landis & Koch (1977) band for a kappa-type value: "poor" (< 0), "slight" (0-0.20),
// "fair" (0.21-0.40), "moderate" (0.41-0.60), "substantial" (0.61-0.80),
// "almost perfect" (0.81-1). Biometrics 33(1):159-174, Table on p. 165.
const char* LandisKochBand(double kappa);

// Expected agreement within this of 1 leaves a chance-corrected statistic undefined (0/0).
inline constexpr double kChanceTolerance = 1e-12;
// The standard normal 97.5% point, exact, and rounded as SAS and irrCAC print it (the tests
// match their intervals to the last digit).
inline constexpr double kZ95 = 1.959963984540054;
inline constexpr double kZ95AsPublished = 1.96;

// Below this, the report advises revising the guidelines or the label set.
inline constexpr double kLowAgreementThreshold = 0.4;
inline constexpr const char* kLowAgreementAdvice =
    "agreement is below 0.4: revise the guidelines or the label set before buying more labels";

}  // namespace chorus::quality
