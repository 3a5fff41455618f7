// The hard label of a distribution, with ties broken by a seeded rule that does not depend on
// the order of the input: among the tied classes, the one with the smallest
// SplitMix64(seed ^ SplitMix64(item) ^ class) wins. Renaming items or shuffling votes therefore
// never changes which tied class is chosen for a given item id and seed.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>

#include "quality/vote_table.h"

namespace chorus::quality {

// Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators", OOPSLA.
inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

struct Argmax {
  LabelId label = 0;
  bool tied = false;  // Another class had the same (within relative 1e-12) maximum.
};

// REQUIRES: !values.empty().
inline Argmax SeededArgmax(std::span<const double> values, uint64_t seed, ItemId item) {
  LabelId first_best = 0;
  for (LabelId c = 1; c < values.size(); ++c)
    first_best = values[c] > values[first_best] ? c : first_best;
  const double best = values[first_best];
  const double tolerance = 1e-12 * (best > 0 ? best : -best);
  int candidates = 0;
  for (double v : values) candidates += v >= best - tolerance ? 1 : 0;
  // A unique maximum (the common case) needs no hashing.
  if (candidates == 1) return Argmax{first_best, false};
  const uint64_t item_key = seed ^ SplitMix64(item);
  Argmax result{0, true};
  uint64_t best_key = 0;
  bool seen = false;
  for (LabelId c = 0; c < values.size(); ++c) {
    if (values[c] < best - tolerance) continue;
    const uint64_t key = SplitMix64(item_key ^ c);
    if (!seen || key < best_key) {
      best_key = key;
      result.label = c;
      seen = true;
    }
  }
  return result;
}

}  // namespace chorus::quality
