// Auto-labelling with a guarantee: the lowest model-confidence threshold above which the
// model's labels are at least `target` accurate, with probability at least `confidence`,
// judged on calibration items whose true label is known (blind human labels and gold).
//
// Each candidate threshold t is a hypothesis test: "the accuracy of the items scoring >= t is
// below target", rejected when the one-sided Clopper-Pearson lower bound of the observed
// accuracy clears the target. Candidates are tested in a fixed order, from the highest score
// down, stopping at the first that fails (fixed-sequence testing; Angelopoulos, Bates, Candès,
// Jordan & Lei, "Learn then Test: Calibrating Predictive Algorithms to Achieve Risk Control",
// 2021): the family-wise error stays at 1 - confidence without a Bonferroni penalty, so the
// threshold that comes out is safe to use although many were looked at. The guarantee holds
// for items exchangeable with the calibration items: calibrate on a random (blind) sample,
// not on the items people chose to check.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "core/status.h"
#include "quality/statistic.h"

namespace chorus::quality {

struct ScoredOutcome {
  double score = 0;      // The model's confidence in its label.
  bool correct = false;  // Whether that label equals the known one.
};

struct AutoLabelThreshold {
  std::optional<double> threshold;  // Absent: no threshold meets the target with that confidence.
  uint64_t calibration_items = 0;   // All calibration items.
  uint64_t above = 0;               // Calibration items scoring >= threshold.
  uint64_t correct_above = 0;
  double lower_bound = 0;     // One-sided Clopper-Pearson bound on their accuracy at `confidence`.
  Interval wilson95;          // The observed accuracy's Wilson 95% interval, for the report.
  uint64_t first_tested = 0;  // Items above the first candidate tested (see below).
};

// The one-sided exact (Clopper-Pearson) lower confidence bound of a binomial proportion:
// the p below which `successes` or more of `trials` would happen with probability under
// 1 - confidence. 0 when successes = 0. REQUIRES: successes <= trials, trials > 0,
// 0 < confidence < 1.
double ClopperPearsonLower(uint64_t successes, uint64_t trials, double confidence);

// The fewest items a candidate needs before it is tested: enough that a model halfway between
// the target and perfect (making half the errors the target allows) would clear it. Testing
// fewer would spend the sequence's one failure on a test that could not pass: 30 perfect
// labels cannot show 95% accuracy at 90% confidence, 45 can. Depends on target and
// confidence only, never on the outcomes, so skipping keeps the guarantee.
uint64_t ItemsNeededToTest(double target, double confidence);

// kInvalidArgument for target or confidence outside (0, 1), min_items < 1, or a score that is
// not a number. Candidates with fewer than max(min_items, ItemsNeededToTest) calibration items
// above them are passed over, not counted as failures.
Result<AutoLabelThreshold> CalibrateAutoLabelThreshold(std::span<const ScoredOutcome> outcomes,
                                                       double target, double confidence = 0.95,
                                                       size_t min_items = 30);

}  // namespace chorus::quality
