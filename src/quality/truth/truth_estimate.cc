#include "quality/truth/truth_estimate.h"

#include "quality/truth/argmax.h"

namespace chorus::quality {

void SetHardLabels(TruthEstimate& estimate, uint64_t seed) {
  const size_t items = estimate.posterior.rows;
  estimate.labels.assign(items, 0);
  estimate.tied.assign(items, estimate.class_count == 0 ? 1 : 0);
  estimate.confidence.assign(items, 0.0);
  if (estimate.class_count == 0) return;
  for (size_t i = 0; i < items; ++i) {
    const Argmax best = SeededArgmax(estimate.posterior.row(i), seed, static_cast<ItemId>(i));
    estimate.labels[i] = best.label;
    estimate.tied[i] = best.tied ? 1 : 0;
    estimate.confidence[i] = estimate.posterior.at(i, best.label);
  }
}

}  // namespace chorus::quality
