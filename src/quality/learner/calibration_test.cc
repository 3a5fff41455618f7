#include "quality/learner/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace chorus::quality {
namespace {

// Labels drawn from softmax(z / 2): the fitted temperature recovers 2.
TEST(CalibrationTest, FittedTemperatureRecoversTheOneThatMadeTheLabels) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> logit(0, 3);
  const size_t n = 20000, classes = 3;
  std::vector<double> logits(n * classes);
  std::vector<size_t> labels(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < classes; ++k) logits[i * classes + k] = logit(rng);
    const auto p =
        SoftmaxWithTemperature(std::span<const double>(logits).subspan(i * classes, classes), 2.0);
    labels[i] = std::discrete_distribution<size_t>(p.begin(), p.end())(rng);
  }
  EXPECT_NEAR(FitTemperature(logits, labels, classes), 2.0, 0.1);
}

TEST(CalibrationTest, LogLossAndCalibrationErrorByHand) {
  ProbMatrix probs(4, 2);
  const double rows[4][2] = {{0.9, 0.1}, {0.9, 0.1}, {0.6, 0.4}, {0.3, 0.7}};
  for (size_t i = 0; i < 4; ++i) {
    probs.at(i, 0) = rows[i][0];
    probs.at(i, 1) = rows[i][1];
  }
  const std::vector<size_t> labels = {0, 1, 0, 1};
  EXPECT_NEAR(LogLoss(probs, labels),
              -(std::log(0.9) + std::log(0.1) + std::log(0.6) + std::log(0.7)) / 4, 1e-12);
  // Bin 0.9: two items, confidence 1.8, one right: gap 0.8. Bin 0.6: 0.6 vs 1: 0.4. Bin 0.7:
  // 0.7 vs 1: 0.3. (0.8 + 0.4 + 0.3) / 4.
  EXPECT_NEAR(ExpectedCalibrationError(probs, labels), 1.5 / 4, 1e-12);
}

}  // namespace
}  // namespace chorus::quality
