// Calibrated probabilities: temperature scaling (Guo et al., "On Calibration of Modern Neural
// Networks", ICML 2017) and the figures that say how well probabilities are calibrated.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "quality/prob_matrix.h"

namespace chorus::quality {

// Softmax of logits / temperature.
std::vector<double> SoftmaxWithTemperature(std::span<const double> logits, double temperature);

// The temperature minimising the negative log-likelihood of `labels` under
// softmax(logits / T) (rows × classes logits, row-major), searched over [0.05, 20].
double FitTemperature(std::span<const double> logits, std::span<const size_t> labels,
                      size_t classes);

// Mean negative log-likelihood (natural log) of `labels`, probabilities clipped at 1e-15.
double LogLoss(const ProbMatrix& probs, std::span<const size_t> labels);

// Expected calibration error over `bins` equal-width bins of the top probability: the
// item-weighted mean gap between confidence and accuracy (Naeini et al., AAAI 2015).
double ExpectedCalibrationError(const ProbMatrix& probs, std::span<const size_t> labels,
                                size_t bins = 10);

}  // namespace chorus::quality
