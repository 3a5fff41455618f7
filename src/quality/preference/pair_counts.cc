#include "quality/preference/pair_counts.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>

namespace chorus::quality {

double PairCounts::total_ties() const { return std::accumulate(ties.begin(), ties.end(), 0.0); }

PairIndex IndexPairs(const ComparisonTable& table) {
  PairIndex index;
  index.option_count = table.option_count();
  index.pair_of_row.reserve(table.size());
  index.left_is_first.reserve(table.size());
  std::unordered_map<uint64_t, uint32_t> pair_ids;
  const auto lefts = table.lefts();
  const auto rights = table.rights();
  for (size_t row = 0; row < table.size(); ++row) {
    const bool left_first = lefts[row] < rights[row];
    const OptionId a = left_first ? lefts[row] : rights[row];
    const OptionId b = left_first ? rights[row] : lefts[row];
    const uint64_t key = uint64_t{a} << 32 | b;
    auto [it, inserted] = pair_ids.try_emplace(key, static_cast<uint32_t>(index.first.size()));
    if (inserted) {
      index.first.push_back(a);
      index.second.push_back(b);
    }
    index.pair_of_row.push_back(it->second);
    index.left_is_first.push_back(left_first ? 1 : 0);
  }
  return index;
}

PairCounts CountPairs(const PairIndex& index, std::span<const Outcome> outcomes,
                      std::span<const uint32_t> multiplicity) {
  PairCounts counts;
  counts.first_wins.assign(index.pair_count(), 0);
  counts.second_wins.assign(index.pair_count(), 0);
  counts.ties.assign(index.pair_count(), 0);
  for (size_t row = 0; row < outcomes.size(); ++row) {
    const double times = multiplicity.empty() ? 1.0 : multiplicity[row];
    if (times == 0) continue;
    const uint32_t p = index.pair_of_row[row];
    Outcome outcome = outcomes[row];
    if (!index.left_is_first[row]) outcome = Flipped(outcome);
    switch (outcome) {
      case Outcome::kLeft: counts.first_wins[p] += times; break;
      case Outcome::kRight: counts.second_wins[p] += times; break;
      case Outcome::kTie: counts.ties[p] += times; break;
    }
  }
  return counts;
}

std::vector<uint32_t> ConnectedComponents(const PairIndex& index, uint32_t* count) {
  std::vector<uint32_t> parent(index.option_count);
  std::iota(parent.begin(), parent.end(), 0u);
  const auto find = [&](uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];  // Path halving.
      x = parent[x];
    }
    return x;
  };
  for (size_t p = 0; p < index.pair_count(); ++p) {
    const uint32_t a = find(index.first[p]);
    const uint32_t b = find(index.second[p]);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<uint32_t> component(index.option_count);
  std::vector<uint32_t> id_of_root(index.option_count, UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t option = 0; option < index.option_count; ++option) {
    const uint32_t root = find(option);
    if (id_of_root[root] == UINT32_MAX) id_of_root[root] = next++;
    component[option] = id_of_root[root];
  }
  *count = next;
  return component;
}

}  // namespace chorus::quality
