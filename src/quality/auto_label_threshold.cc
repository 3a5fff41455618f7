#include "quality/auto_label_threshold.h"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <vector>

#include "quality/wilson_interval.h"

namespace chorus::quality {

double ClopperPearsonLower(uint64_t successes, uint64_t trials, double confidence) {
  if (successes == 0) return 0;
  // The lower bound solves P(X >= k | p) = 1 - confidence: the (1 - confidence) quantile of
  // Beta(k, n - k + 1).
  return boost::math::ibeta_inv(static_cast<double>(successes),
                                static_cast<double>(trials - successes + 1), 1 - confidence);
}

uint64_t ItemsNeededToTest(double target, double confidence) {
  constexpr uint64_t kMost = 1000000;
  for (uint64_t n = 1; n < kMost; ++n) {
    const auto errors =
        static_cast<uint64_t>(std::floor(static_cast<double>(n) * (1 - target) / 2));
    if (ClopperPearsonLower(n - errors, n, confidence) >= target) return n;
  }
  return kMost;
}

Result<AutoLabelThreshold> CalibrateAutoLabelThreshold(std::span<const ScoredOutcome> outcomes,
                                                       double target, double confidence,
                                                       size_t min_items) {
  if (!(target > 0 && target < 1)) {
    return InvalidArgument("the target accuracy must be between 0 and 1", "target");
  }
  if (!(confidence > 0 && confidence < 1)) {
    return InvalidArgument("the confidence must be between 0 and 1", "confidence");
  }
  if (min_items < 1) return InvalidArgument("min_items must be at least 1", "min_items");
  std::vector<ScoredOutcome> sorted(outcomes.begin(), outcomes.end());
  for (const ScoredOutcome& o : sorted) {
    if (!std::isfinite(o.score)) return InvalidArgument("a score is not a number", "score");
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const ScoredOutcome& a, const ScoredOutcome& b) { return a.score > b.score; });
  AutoLabelThreshold result;
  result.calibration_items = sorted.size();
  result.first_tested = std::max<uint64_t>(min_items, ItemsNeededToTest(target, confidence));
  uint64_t above = 0, correct = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    ++above;
    correct += sorted[i].correct ? 1 : 0;
    // A candidate is a distinct score: test once all items of that score are in.
    if (i + 1 < sorted.size() && sorted[i + 1].score == sorted[i].score) continue;
    if (above < result.first_tested) continue;
    const double bound = ClopperPearsonLower(correct, above, confidence);
    if (bound < target) break;  // The sequence stops at its first failure.
    result.threshold = sorted[i].score;
    result.above = above;
    result.correct_above = correct;
    result.lower_bound = bound;
    result.wilson95 = WilsonInterval(correct, above);
  }
  return result;
}

}  // namespace chorus::quality
