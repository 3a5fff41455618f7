// A seeded dataset with known label errors, for the label-error tests and benchmark: items of
// uniformly drawn true classes, given labels that are wrong with a set probability (uniformly
// among the other classes), and out-of-fold probabilities of a model that did not see the
// given labels: logits N(0, 1) per class plus `signal` on the true class, softmaxed.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "quality/prob_matrix.h"

namespace chorus::quality::testdata {

struct NoisyLabels {
  std::vector<size_t> truth;
  std::vector<size_t> given;
  ProbMatrix probs;
  size_t wrong = 0;  // Items whose given label is not their truth.
};

inline NoisyLabels MakeNoisyLabels(size_t items, size_t classes, double noise, double signal,
                                   uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> any_class(0, classes - 1);
  std::uniform_int_distribution<size_t> other_class(1, classes - 1);
  std::bernoulli_distribution flip(noise);
  std::normal_distribution<double> logit(0, 1);
  NoisyLabels data;
  data.probs = ProbMatrix(items, classes);
  for (size_t i = 0; i < items; ++i) {
    const size_t truth = any_class(rng);
    const size_t given = flip(rng) ? (truth + other_class(rng)) % classes : truth;
    data.truth.push_back(truth);
    data.given.push_back(given);
    data.wrong += given != truth ? 1 : 0;
    auto row = data.probs.row(i);
    double sum = 0;
    for (size_t k = 0; k < classes; ++k) {
      row[k] = std::exp(logit(rng) + (k == truth ? signal : 0.0));
      sum += row[k];
    }
    for (double& p : row) p /= sum;
  }
  return data;
}

}  // namespace chorus::quality::testdata
