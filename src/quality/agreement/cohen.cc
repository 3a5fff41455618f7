#include "quality/agreement/cohen.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "quality/statistic.h"

namespace chorus::quality {
namespace {

// Below this, chance agreement is treated as 1: the coefficient would divide by ~zero.

constexpr const char* kEmptyReason =
    "the two annotators share no labelled item, so there is nothing to compare";
constexpr const char* kOneCategoryReason =
    "only one category was used, so chance agreement is 1";

Interval Clipped(double value, double half_width, double low, double high) {
  return {std::clamp(value - half_width, low, high), std::clamp(value + half_width, low, high)};
}

struct Marginals {
  std::vector<double> rows;  // p_i.
  std::vector<double> cols;  // p_.j
};

Marginals ComputeMarginals(const ContingencyTable& table, double n) {
  const size_t k = table.category_count;
  Marginals m{std::vector<double>(k, 0.0), std::vector<double>(k, 0.0)};
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      const double p = table.at(i, j) / n;
      m.rows[i] += p;
      m.cols[j] += p;
    }
  }
  return m;
}

}  // namespace

Statistic CohenKappa(const ContingencyTable& table, Weighting weighting,
                     std::span<const double> category_values) {
  const size_t k = table.category_count;
  const double n = table.total();
  if (k == 0 || !(n > 0.0)) return Statistic::Undefined(kEmptyReason);
  const std::vector<double> w = AgreementWeights(weighting, k, category_values);
  const Marginals m = ComputeMarginals(table, n);

  double p_o = 0.0, p_e = 0.0;
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      p_o += w[i * k + j] * table.at(i, j) / n;
      p_e += w[i * k + j] * m.rows[i] * m.cols[j];
    }
  }
  if (1.0 - p_e < kChanceTolerance) return Statistic::Undefined(kOneCategoryReason);
  const double kappa = (p_o - p_e) / (1.0 - p_e);

  // Fleiss, Cohen & Everitt (1969), non-null variance: w-bar_i. = sum_j p_.j w_ij, w-bar_.j = sum_i
  // p_i. w_ij.
  std::vector<double> w_row(k, 0.0), w_col(k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      w_row[i] += m.cols[j] * w[i * k + j];
      w_col[j] += m.rows[i] * w[i * k + j];
    }
  }
  double sum = 0.0;
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j < k; ++j) {
      const double d = w[i * k + j] - (w_row[i] + w_col[j]) * (1.0 - kappa);
      sum += table.at(i, j) / n * d * d;
    }
  }
  const double tail = kappa - p_e * (1.0 - kappa);
  // Rounding can push a zero variance (perfect agreement) slightly negative.
  const double variance = std::max(0.0, (sum - tail * tail) / (n * (1.0 - p_e) * (1.0 - p_e)));

  Statistic result = Statistic::Of(kappa);
  result.standard_error = std::sqrt(variance);
  result.ci95 = Clipped(kappa, kZ95AsPublished * *result.standard_error, -1.0, 1.0);
  return result;
}

Statistic ScottPi(const ContingencyTable& table) {
  const size_t k = table.category_count;
  const double n = table.total();
  if (k == 0 || !(n > 0.0)) return Statistic::Undefined(kEmptyReason);
  const Marginals m = ComputeMarginals(table, n);
  double p_o = 0.0, p_e = 0.0;
  for (size_t i = 0; i < k; ++i) {
    p_o += table.at(i, i) / n;
    const double pooled = (m.rows[i] + m.cols[i]) / 2.0;
    p_e += pooled * pooled;
  }
  if (1.0 - p_e < kChanceTolerance) return Statistic::Undefined(kOneCategoryReason);
  return Statistic::Of((p_o - p_e) / (1.0 - p_e));
}

Statistic PercentAgreement(const ContingencyTable& table) {
  const size_t k = table.category_count;
  const double n = table.total();
  if (k == 0 || !(n > 0.0)) return Statistic::Undefined(kEmptyReason);
  double agree = 0.0;
  for (size_t i = 0; i < k; ++i) agree += table.at(i, i);
  const double p = agree / n;
  Statistic result = Statistic::Of(p);
  result.standard_error = std::sqrt(std::max(0.0, p * (1.0 - p) / n));
  result.ci95 = Clipped(p, kZ95AsPublished * *result.standard_error, 0.0, 1.0);
  return result;
}

}  // namespace chorus::quality
