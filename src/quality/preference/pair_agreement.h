// Agreement between annotators on each comparison: for every item and unordered option pair
// that at least two distinct annotators compared, the share of its comparisons that agree
// with the majority outcome (first wins, second wins, tie). Used by exports to flag
// contested pairs; 1 means unanimous.
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "quality/comparison_table.h"

namespace chorus::quality {

struct PairAgreement {
  ItemId item = 0;
  OptionId first = 0;  // first < second; outcomes are seen from `first`'s side.
  OptionId second = 0;
  uint32_t annotators = 0;   // Distinct annotators who compared the pair on this item.
  uint32_t comparisons = 0;  // Rows (an annotator may repeat a comparison).
  uint32_t first_wins = 0;
  uint32_t second_wins = 0;
  uint32_t ties = 0;
  // The most frequent outcome; absent when two outcomes share the largest count.
  std::optional<Outcome> majority;  // kLeft = first wins, kRight = second wins.
  double agreement = 0;             // Largest count / comparisons.
};

// Sorted by item, then first, then second.
std::vector<PairAgreement> ComputePairAgreement(const ComparisonTable& table);

}  // namespace chorus::quality
