// A text classifier that needs no external service: multinomial logistic regression over
// hashed n-gram features (text_features.h), trained by stochastic gradient descent with
// AdaGrad step sizes and L2 shrinkage on the weights each example touches. Training is
// incremental: Learn() takes one more labelled text (with a weight, e.g. the aggregated
// label's training weight) whenever it arrives; Fit() makes passes over a batch.
// Probabilities are calibrated by one temperature fitted on held-out predictions
// (Guo et al., "On Calibration of Modern Neural Networks", ICML 2017).
// Thread-safety: a classifier is used by one thread at a time; const methods may run
// concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "quality/learner/calibration.h"
#include "quality/learner/text_features.h"
#include "quality/prob_matrix.h"

namespace chorus::quality {

struct TextClassifierOptions {
  TextFeatureOptions features;
  double learning_rate = 0.1;  // AdaGrad's base step (per weight: larger overshoots).
  double l2 = 1e-6;            // Shrinkage per touched weight and step.
  int epochs = 8;              // Passes of Fit() over its batch.
  uint64_t seed = 1;           // The order of the passes.
};

struct LabelledText {
  std::string text;
  size_t label = 0;   // < classes.
  double weight = 1;  // >= 0: how much the example counts.
};

class TextClassifier {
 public:
  // REQUIRES: classes >= 2.
  TextClassifier(size_t classes, TextClassifierOptions options = {});

  // One stochastic step on one example.
  void Learn(const SparseVector& features, size_t label, double weight = 1);
  // options.epochs shuffled passes over `examples`. kInvalidArgument for a label out of range.
  Status Fit(std::span<const LabelledText> examples);

  // Unnormalised scores per class; Probabilities() applies the temperature and softmax.
  std::vector<double> Logits(const SparseVector& features) const;
  std::vector<double> Probabilities(const SparseVector& features) const;
  std::vector<double> Probabilities(std::string_view text) const;

  double temperature() const { return temperature_; }
  void set_temperature(double temperature) { temperature_ = temperature; }
  size_t classes() const { return classes_; }
  const TextClassifierOptions& options() const { return options_; }
  int64_t examples_seen() const { return examples_seen_; }

 private:
  size_t classes_;
  TextClassifierOptions options_;
  std::vector<float> weights_;  // buckets × classes, row-major.
  std::vector<float> squares_;  // AdaGrad's summed squared gradients, same shape.
  std::vector<double> bias_, bias_squares_;
  double temperature_ = 1;
  int64_t examples_seen_ = 0;
};

// Out-of-fold probabilities: `folds` classifiers, each trained on the other folds (items
// shuffled by options.seed), predict the items of their fold; one temperature fitted on all
// held-out logits calibrates them. Every item's probabilities come from a model that never
// saw it: what label-error detection needs. The temperature also calibrates a model trained
// on every example. kInvalidArgument for folds < 2 or more folds than examples, or a label out
// of range.
struct OutOfFold {
  ProbMatrix probs;  // examples × classes, calibrated.
  double temperature = 1;
};
Result<OutOfFold> OutOfFoldProbabilities(std::span<const LabelledText> examples, size_t classes,
                                         size_t folds = 5,
                                         const TextClassifierOptions& options = {});

}  // namespace chorus::quality
