// Simulated active learning with a known answer key: from a few random labels, each round
// trains the built-in classifier, picks a batch from the pool by a strategy, "labels" it with
// the known labels and measures accuracy on a held-out test set. The curve says how many
// labels a strategy needs to reach an accuracy, against random order: what the benchmark and
// the tests compare.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/status.h"
#include "quality/learner/active_learning.h"
#include "quality/learner/text_classifier.h"

namespace chorus::quality {

struct LearningCurveOptions {
  Strategy strategy = Strategy::kEntropy;
  size_t start = 20;  // Random labels before the first round.
  size_t batch = 20;  // Labels per round.
  size_t rounds = 20;
  double random_share = 0.1;  // Of each batch (ignored by kRandom, which is all random).
  size_t committee = 5;       // Members for kVoteEntropy and kConsensusKl (bootstrap resamples).
  uint64_t seed = 1;
  TextClassifierOptions classifier;
};

struct CurvePoint {
  size_t labels = 0;
  double accuracy = 0;
};

// kDensity needs embeddings; here the hashed features' cosine stands in for them, so the
// simulation runs on text alone (DensityWeighted over dense rows would be the same maths).
Result<std::vector<CurvePoint>> SimulateLearningCurve(std::span<const LabelledText> pool,
                                                      std::span<const LabelledText> test,
                                                      size_t classes,
                                                      const LearningCurveOptions& options);

// The labels at the first point reaching `accuracy`, if any.
std::optional<size_t> LabelsToReach(std::span<const CurvePoint> curve, double accuracy);

}  // namespace chorus::quality
