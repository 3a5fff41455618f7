// How much labelling each candidate is worth under an active-learning strategy
// (active_learning.h), from the built-in classifier (text_classifier.h): what the simulated
// learning curve (learning_curve.h) and a project's active-learning queue
// (service/active_queue.h) both rank by.
// Thread-safety: pure functions (the random generator is the caller's).
#pragma once

#include <cstddef>
#include <random>
#include <span>
#include <vector>

#include "core/status.h"
#include "quality/learner/active_learning.h"
#include "quality/learner/text_classifier.h"

namespace chorus::quality {

// Each row's probabilities under `model`.
ProbMatrix PredictAll(const TextClassifier& model, std::span<const SparseVector> features);

// Mean cosine similarity of each sparse unit vector to all of them (its dot product with the
// mean), at least 0: kDensity's weight when hashed features stand in for embeddings.
std::vector<double> SparseDensity(std::span<const SparseVector> features);

struct CandidateScoreOptions {
  Strategy strategy = Strategy::kEntropy;
  size_t committee = 5;  // Bootstrap members for kVoteEntropy and kConsensusKl (at least 2).
  TextClassifierOptions classifier;  // For the committee's members.
};

// Scores (higher: worth more) of `candidates` under options.strategy: uncertainty of `model`
// (trained on `labelled`), or the disagreement of a committee trained on bootstrap resamples
// of `labelled` (drawn from `rng`), or kDensity: entropy × density[c] (one per candidate).
// kRandom scores all 0. kInvalidArgument for kDensity without one density per candidate, or
// for a committee without labelled examples.
Result<std::vector<double>> CandidateScores(const TextClassifier& model,
                                            std::span<const LabelledText> labelled,
                                            std::span<const SparseVector> candidates,
                                            std::span<const double> density,
                                            const CandidateScoreOptions& options,
                                            std::mt19937_64& rng);

}  // namespace chorus::quality
