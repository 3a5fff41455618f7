// ProbMatrix: a dense rows × columns matrix of probabilities (items × classes, typically).
//
// The posterior of truth inference and the soft labels a team trains on. Row-major, so one
// item's distribution is contiguous.
// Thread-safety: value type.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace chorus::quality {

struct ProbMatrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<double> values;  // rows * cols entries.

  ProbMatrix() = default;
  ProbMatrix(size_t row_count, size_t col_count, double fill = 0)
      : rows(row_count), cols(col_count), values(row_count * col_count, fill) {}

  double& at(size_t row, size_t col) { return values[row * cols + col]; }
  double at(size_t row, size_t col) const { return values[row * cols + col]; }
  std::span<double> row(size_t r) { return {values.data() + r * cols, cols}; }
  std::span<const double> row(size_t r) const { return {values.data() + r * cols, cols}; }
};

}  // namespace chorus::quality
