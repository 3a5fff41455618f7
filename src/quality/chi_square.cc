#include "quality/chi_square.h"

#include <cmath>
#include <limits>

namespace chorus::quality {
namespace {

constexpr int kMaxIterations = 500;
constexpr double kEpsilon = 1e-15;

// P(a, x) by its series (A&S 6.5.29), for x < a + 1.
double LowerGammaSeries(double a, double x) {
  double term = 1.0 / a, sum = term;
  for (int n = 1; n < kMaxIterations; ++n) {
    term *= x / (a + n);
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * kEpsilon) break;
  }
  return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Q(a, x) by its continued fraction (A&S 6.5.31, modified Lentz), for x >= a + 1.
double UpperGammaFraction(double a, double x) {
  const double tiny = std::numeric_limits<double>::min() / kEpsilon;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

}  // namespace

double ChiSquareSurvival(double x, double df) {
  if (x <= 0) return 1;
  const double a = df / 2, half = x / 2;
  return half < a + 1 ? 1 - LowerGammaSeries(a, half) : UpperGammaFraction(a, half);
}

ChiSquareTest ChiSquareHomogeneity(const std::vector<std::vector<int64_t>>& table) {
  ChiSquareTest out;
  const size_t columns = table.empty() ? 0 : table[0].size();
  std::vector<double> row_total(table.size(), 0), column_total(columns, 0);
  double n = 0;
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j = 0; j < columns; ++j) {
      row_total[i] += double(table[i][j]);
      column_total[j] += double(table[i][j]);
      n += double(table[i][j]);
    }
  }
  int64_t rows_used = 0, columns_used = 0;
  for (double r : row_total) rows_used += r > 0;
  for (double c : column_total) columns_used += c > 0;
  if (rows_used < 2) {
    out.chi_square = Statistic::Undefined("fewer than two groups gave labels");
    return out;
  }
  if (columns_used < 2) {
    out.chi_square = Statistic::Undefined("every label given is the same answer");
    return out;
  }
  double x2 = 0;
  for (size_t i = 0; i < table.size(); ++i) {
    if (row_total[i] == 0) continue;
    for (size_t j = 0; j < columns; ++j) {
      if (column_total[j] == 0) continue;
      const double expected = row_total[i] * column_total[j] / n;
      const double diff = double(table[i][j]) - expected;
      x2 += diff * diff / expected;
      out.sparse_cells += expected < 5;
      ++out.cells;
    }
  }
  out.df = (rows_used - 1) * (columns_used - 1);
  out.chi_square = Statistic::Of(x2);
  out.p_value = ChiSquareSurvival(x2, double(out.df));
  return out;
}

}  // namespace chorus::quality
