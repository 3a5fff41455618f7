// PairCounts: comparisons folded into unordered option pairs, the sufficient statistics of the
// Bradley-Terry and Davidson models, and the connected components of the comparison graph.
//
// Pair p joins options first[p] < second[p]; PairIndex remembers which pair each comparison
// row belongs to and whether its left option is `first`, so weighted or resampled counts can
// be re-folded in O(rows) without hashing again.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quality/comparison_table.h"

namespace chorus::quality {

struct PairIndex {
  size_t option_count = 0;
  std::vector<OptionId> first;         // Per pair; first[p] < second[p].
  std::vector<OptionId> second;        // Per pair.
  std::vector<uint32_t> pair_of_row;   // Per comparison row.
  std::vector<uint8_t> left_is_first;  // Per comparison row: 1 when left == first[pair].
  size_t pair_count() const { return first.size(); }
};

// Per pair, how often `first` won, `second` won, and how many ties (real-valued so that
// weighted wins, resampling multiplicities and the half-win tie rule fit the same type).
struct PairCounts {
  std::vector<double> first_wins;
  std::vector<double> second_wins;
  std::vector<double> ties;
  double total_ties() const;
};

// Groups the table's rows by unordered option pair, in order of first appearance.
PairIndex IndexPairs(const ComparisonTable& table);

// Folds every row once (or `multiplicity[row]` times when given) into pair counts.
// REQUIRES: multiplicity is empty or has one entry per row.
PairCounts CountPairs(const PairIndex& index, std::span<const Outcome> outcomes,
                      std::span<const uint32_t> multiplicity = {});

// Connected components of the comparison graph: a component id per option, numbered in order
// of the lowest option id in each; *count receives the number of components. Options that
// were never compared are components of their own.
std::vector<uint32_t> ConnectedComponents(const PairIndex& index, uint32_t* count);

}  // namespace chorus::quality
