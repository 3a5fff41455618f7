#include "quality/learner/calibration.h"

#include <algorithm>
#include <cmath>

namespace chorus::quality {
namespace {

double NegativeLogLikelihood(std::span<const double> logits, std::span<const size_t> labels,
                             size_t classes, double temperature) {
  double total = 0;
  for (size_t r = 0; r < labels.size(); ++r) {
    const auto row = logits.subspan(r * classes, classes);
    const double top = *std::max_element(row.begin(), row.end()) / temperature;
    double sum = 0;
    for (const double z : row) sum += std::exp(z / temperature - top);
    total -= row[labels[r]] / temperature - top - std::log(sum);
  }
  return total;
}

}  // namespace

std::vector<double> SoftmaxWithTemperature(std::span<const double> logits, double temperature) {
  std::vector<double> probs(logits.size());
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (size_t k = 0; k < logits.size(); ++k) {
    probs[k] = std::exp((logits[k] - top) / temperature);
    sum += probs[k];
  }
  for (double& p : probs) p /= sum;
  return probs;
}

double FitTemperature(std::span<const double> logits, std::span<const size_t> labels,
                      size_t classes) {
  // Golden-section search on log T: the likelihood is unimodal in T for fixed logits.
  double low = std::log(0.05), high = std::log(20.0);
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  const auto loss = [&](double log_t) {
    return NegativeLogLikelihood(logits, labels, classes, std::exp(log_t));
  };
  double a = high - ratio * (high - low), b = low + ratio * (high - low);
  double loss_a = loss(a), loss_b = loss(b);
  for (int i = 0; i < 60; ++i) {
    if (loss_a < loss_b) {
      high = b;
      b = a;
      loss_b = loss_a;
      a = high - ratio * (high - low);
      loss_a = loss(a);
    } else {
      low = a;
      a = b;
      loss_a = loss_b;
      b = low + ratio * (high - low);
      loss_b = loss(b);
    }
  }
  return std::exp((low + high) / 2);
}

double LogLoss(const ProbMatrix& probs, std::span<const size_t> labels) {
  double total = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    total -= std::log(std::max(probs.at(i, labels[i]), 1e-15));
  }
  return labels.empty() ? 0 : total / static_cast<double>(labels.size());
}

double ExpectedCalibrationError(const ProbMatrix& probs, std::span<const size_t> labels,
                                size_t bins) {
  std::vector<double> confidence(bins, 0), correct(bins, 0), count(bins, 0);
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto row = probs.row(i);
    const auto top = std::max_element(row.begin(), row.end());
    const size_t bin = std::min(bins - 1, static_cast<size_t>(*top * static_cast<double>(bins)));
    confidence[bin] += *top;
    correct[bin] += static_cast<size_t>(top - row.begin()) == labels[i] ? 1 : 0;
    count[bin] += 1;
  }
  double error = 0;
  for (size_t b = 0; b < bins; ++b) error += std::abs(confidence[b] - correct[b]);
  return labels.empty() ? 0 : error / static_cast<double>(labels.size());
}

}  // namespace chorus::quality
