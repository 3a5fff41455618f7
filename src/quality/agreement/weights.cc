#include "quality/agreement/weights.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace chorus::quality {

const char* WeightingName(Weighting w) {
  switch (w) {
    case Weighting::kUnweighted: return "unweighted";
    case Weighting::kLinear: return "linear";
    case Weighting::kQuadratic: return "quadratic";
  }
  return "unweighted";
}

Result<Weighting> ParseWeighting(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "unweighted" || lower == "none" || lower == "identity") {
    return Weighting::kUnweighted;
  }
  // "equal" and "squared" are R irr::kappa2's names for the same weights.
  if (lower == "linear" || lower == "equal") return Weighting::kLinear;
  if (lower == "quadratic" || lower == "squared") return Weighting::kQuadratic;
  return InvalidArgument(
      "unknown weighting \"" + std::string(name) + "\"; use unweighted, linear or quadratic",
      "weighting");
}

std::vector<double> AgreementWeights(Weighting weighting, size_t category_count,
                                     std::span<const double> category_values) {
  const size_t k = category_count;
  std::vector<double> weights(k * k, 0.0);
  for (size_t c = 0; c < k; ++c) weights[c * k + c] = 1.0;
  if (weighting == Weighting::kUnweighted || k < 2) return weights;

  auto value = [&](size_t c) {
    return category_values.empty() ? static_cast<double>(c) : category_values[c];
  };
  double low = value(0), high = value(0);
  for (size_t c = 1; c < k; ++c) {
    low = std::min(low, value(c));
    high = std::max(high, value(c));
  }
  const double range = high - low;
  // All categories at one position: no distance to give partial credit for.
  if (!(range > 0.0)) return weights;
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      if (i == j) continue;
      const double d = std::abs(value(i) - value(j)) / range;
      weights[i * k + j] = weighting == Weighting::kLinear ? 1.0 - d : 1.0 - d * d;
    }
  }
  return weights;
}

}  // namespace chorus::quality
