#include "quality/independence.h"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numeric>
#include <vector>

namespace chorus::quality {
namespace {

enum class TestStatistic { kPearson, kLikelihoodRatio };

Result<IndependenceTest> TestIndependence(std::span<const double> counts, size_t rows, size_t cols,
                                          TestStatistic statistic) {
  if (counts.size() != rows * cols) {
    return InvalidArgument("the table has " + std::to_string(counts.size()) + " cells, not " +
                           std::to_string(rows) + " × " + std::to_string(cols));
  }
  std::vector<double> row_total(rows, 0), col_total(cols, 0);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) {
      const double n = counts[r * cols + c];
      if (!std::isfinite(n) || n < 0) return InvalidArgument("a count is negative or not finite");
      row_total[r] += n;
      col_total[c] += n;
    }
  }
  const double total = std::accumulate(row_total.begin(), row_total.end(), 0.0);
  const auto used = [](const std::vector<double>& totals) {
    return static_cast<int64_t>(
        std::count_if(totals.begin(), totals.end(), [](double t) { return t > 0; }));
  };
  IndependenceTest test;
  test.degrees_of_freedom =
      std::max<int64_t>(used(row_total) - 1, 0) * std::max<int64_t>(used(col_total) - 1, 0);
  if (test.degrees_of_freedom == 0) return test;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) {
      const double expected = row_total[r] * col_total[c] / total;
      if (expected <= 0) continue;  // An empty row or column.
      const double observed = counts[r * cols + c];
      if (statistic == TestStatistic::kPearson) {
        test.statistic += (observed - expected) * (observed - expected) / expected;
      } else if (observed > 0) {
        test.statistic += 2 * observed * std::log(observed / expected);
      }
    }
  }
  test.p_value = ChiSquareSurvival(test.statistic, static_cast<double>(test.degrees_of_freedom));
  return test;
}

// Kullback-Leibler divergence in bits of p from m, both normalised.
double KlBits(std::span<const double> p, std::span<const double> m) {
  double kl = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] > 0) kl += p[i] * std::log2(p[i] / m[i]);
  }
  return kl;
}

std::vector<double> Normalised(std::span<const double> weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> out(weights.begin(), weights.end());
  for (double& w : out) w /= sum;
  return out;
}

}  // namespace

Result<IndependenceTest> ChiSquareTest(std::span<const double> counts, size_t rows, size_t cols) {
  return TestIndependence(counts, rows, cols, TestStatistic::kPearson);
}

Result<IndependenceTest> GTest(std::span<const double> counts, size_t rows, size_t cols) {
  return TestIndependence(counts, rows, cols, TestStatistic::kLikelihoodRatio);
}

double ChiSquareSurvival(double x, double degrees_of_freedom) {
  if (x <= 0) return 1;
  return boost::math::gamma_q(degrees_of_freedom / 2, x / 2);
}

double JensenShannonDistance(std::span<const double> p, std::span<const double> q) {
  const std::vector<double> a = Normalised(p), b = Normalised(q);
  std::vector<double> mid(a.size());
  for (size_t i = 0; i < a.size(); ++i) mid[i] = (a[i] + b[i]) / 2;
  const double divergence = (KlBits(a, mid) + KlBits(b, mid)) / 2;
  return std::sqrt(std::max(divergence, 0.0));
}

}  // namespace chorus::quality
