#include "quality/learner/text_classifier.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace chorus::quality {
namespace {

constexpr double kAdaGradEpsilon = 1e-8;

Status CheckLabels(std::span<const LabelledText> examples, size_t classes) {
  for (size_t i = 0; i < examples.size(); ++i) {
    if (examples[i].label >= classes) {
      return InvalidArgument("example " + std::to_string(i) + " has label " +
                             std::to_string(examples[i].label) + ", beyond the " +
                             std::to_string(classes) + " classes");
    }
    if (!(examples[i].weight >= 0)) {
      return InvalidArgument("example " + std::to_string(i) + " has a negative weight");
    }
  }
  return Status::Ok();
}

}  // namespace

TextClassifier::TextClassifier(size_t classes, TextClassifierOptions options)
    : classes_(classes),
      options_(options),
      weights_((size_t{1} << options.features.bits) * classes, 0.0f),
      squares_(weights_.size(), 0.0f),
      bias_(classes, 0),
      bias_squares_(classes, 0) {}

void TextClassifier::Learn(const SparseVector& features, size_t label, double weight) {
  if (weight <= 0) return;
  const std::vector<double> probs = SoftmaxWithTemperature(Logits(features), 1);
  const auto rate = static_cast<float>(options_.learning_rate);
  const auto l2 = static_cast<float>(options_.l2);
  for (size_t k = 0; k < classes_; ++k) {
    const double error = weight * (probs[k] - (k == label ? 1.0 : 0.0));
    bias_squares_[k] += error * error;
    bias_[k] -= options_.learning_rate * error / (std::sqrt(bias_squares_[k]) + kAdaGradEpsilon);
    for (size_t f = 0; f < features.index.size(); ++f) {
      const size_t at = static_cast<size_t>(features.index[f]) * classes_ + k;
      const float gradient = static_cast<float>(error) * features.value[f] + l2 * weights_[at];
      squares_[at] += gradient * gradient;
      weights_[at] -= rate * gradient / (std::sqrt(squares_[at]) + 1e-8f);
    }
  }
  ++examples_seen_;
}

Status TextClassifier::Fit(std::span<const LabelledText> examples) {
  if (Status valid = CheckLabels(examples, classes_); !valid.ok()) return valid;
  std::vector<SparseVector> features;
  features.reserve(examples.size());
  for (const LabelledText& example : examples) {
    features.push_back(HashTextFeatures(example.text, options_.features));
  }
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options_.seed);
  for (int epoch = 0; epoch < options_.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (const size_t i : order) Learn(features[i], examples[i].label, examples[i].weight);
  }
  return Status::Ok();
}

std::vector<double> TextClassifier::Logits(const SparseVector& features) const {
  std::vector<double> logits(bias_);
  for (size_t f = 0; f < features.index.size(); ++f) {
    const float* row = &weights_[static_cast<size_t>(features.index[f]) * classes_];
    for (size_t k = 0; k < classes_; ++k) logits[k] += row[k] * features.value[f];
  }
  return logits;
}

std::vector<double> TextClassifier::Probabilities(const SparseVector& features) const {
  return SoftmaxWithTemperature(Logits(features), temperature_);
}

std::vector<double> TextClassifier::Probabilities(std::string_view text) const {
  return Probabilities(HashTextFeatures(text, options_.features));
}

Result<OutOfFold> OutOfFoldProbabilities(std::span<const LabelledText> examples, size_t classes,
                                         size_t folds, const TextClassifierOptions& options) {
  if (folds < 2 || folds > examples.size()) {
    return InvalidArgument("out-of-fold probabilities need 2 to " +
                           std::to_string(examples.size()) + " folds; got " +
                           std::to_string(folds));
  }
  if (Status valid = CheckLabels(examples, classes); !valid.ok()) return valid;
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<double> logits(examples.size() * classes);
  for (size_t fold = 0; fold < folds; ++fold) {
    std::vector<LabelledText> train;
    std::vector<size_t> held_out;
    for (size_t position = 0; position < order.size(); ++position) {
      if (position % folds == fold) {
        held_out.push_back(order[position]);
      } else {
        train.push_back(examples[order[position]]);
      }
    }
    TextClassifier model(classes, options);
    if (Status fitted = model.Fit(train); !fitted.ok()) return fitted;
    for (const size_t i : held_out) {
      const std::vector<double> row =
          model.Logits(HashTextFeatures(examples[i].text, options.features));
      std::copy(row.begin(), row.end(), logits.begin() + static_cast<ptrdiff_t>(i * classes));
    }
  }
  std::vector<size_t> labels(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) labels[i] = examples[i].label;
  OutOfFold result;
  result.temperature = FitTemperature(logits, labels, classes);
  result.probs = ProbMatrix(examples.size(), classes);
  for (size_t i = 0; i < examples.size(); ++i) {
    const auto row = SoftmaxWithTemperature(
        std::span<const double>(logits).subspan(i * classes, classes), result.temperature);
    std::copy(row.begin(), row.end(), result.probs.row(i).begin());
  }
  return result;
}

}  // namespace chorus::quality
