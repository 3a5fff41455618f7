#include "quality/agreement/fleiss.h"

#include <cstdint>

#include "quality/statistic.h"

namespace chorus::quality {
namespace {

constexpr const char* kNoPairReason =
    "no item has two or more ratings, so there is no pair of ratings to compare";
// Items with at most this many ratings are summed exactly in integers, grouped by their count.
constexpr uint64_t kMaxGroupedRatings = 64;

// Sums over the items with at least two ratings.
struct FleissSums {
  size_t items = 0;                  // Items with >= 2 ratings.
  double agreement = 0.0;            // sum_i P_i.
  std::vector<double> share;         // sum_i n_ij / n_i, per category.
  std::vector<double> disagreement;  // sum_i n_ij (n_i - n_ij) / (n_i (n_i - 1)), per category.
};

// One pass over the counts. Items are grouped by their number of ratings n, and each group's
// sums are kept as exact integers, so there is one division per distinct n rather than per
// item (and the result does not depend on item order). K > 0 fixes the category count at
// compile time so the short per-item loops unroll; K == 0 reads it at run time.
template <size_t K>
FleissSums Accumulate(const CategoryCounts& counts, bool per_category) {
  const size_t k = K > 0 ? K : counts.category_count;
  std::vector<int32_t> group_of(kMaxGroupedRatings + 1, -1);
  std::vector<uint64_t> group_n, group_items, group_agree;  // Per group: n, items, Σ(n_ij²) - n.
  std::vector<uint64_t> group_sum, group_square;  // Per group × category: Σ n_ij, Σ n_ij².
  FleissSums sums;
  sums.share.assign(k, 0.0);
  if (per_category) sums.disagreement.assign(k, 0.0);

  const uint32_t* row = counts.counts.data();
  for (size_t i = 0; i < counts.item_count; ++i, row += k) {
    uint64_t n = 0, same = 0;
    for (size_t j = 0; j < k; ++j) {
      n += row[j];
      same += static_cast<uint64_t>(row[j]) * row[j];
    }
    if (n < 2) continue;
    if (n <= kMaxGroupedRatings) {
      int32_t g = group_of[n];
      if (g < 0) {
        g = group_of[n] = static_cast<int32_t>(group_n.size());
        group_n.push_back(n);
        group_items.push_back(0);
        group_agree.push_back(0);
        group_sum.resize(group_sum.size() + k, 0);
        if (per_category) group_square.resize(group_square.size() + k, 0);
      }
      ++group_items[g];
      group_agree[g] += same - n;
      uint64_t* sum = group_sum.data() + static_cast<size_t>(g) * k;
      for (size_t j = 0; j < k; ++j) sum[j] += row[j];
      if (per_category) {
        uint64_t* square = group_square.data() + static_cast<size_t>(g) * k;
        for (size_t j = 0; j < k; ++j) square[j] += static_cast<uint64_t>(row[j]) * row[j];
      }
      continue;
    }
    // Rare: very many ratings on one item.
    ++sums.items;
    const double nd = static_cast<double>(n);
    const double inv_pairs = 1.0 / (nd * (nd - 1.0));
    sums.agreement += static_cast<double>(same - n) * inv_pairs;
    for (size_t j = 0; j < k; ++j) sums.share[j] += row[j] / nd;
    if (per_category) {
      for (size_t j = 0; j < k; ++j) {
        sums.disagreement[j] += static_cast<double>(row[j] * (n - row[j])) * inv_pairs;
      }
    }
  }
  for (size_t g = 0; g < group_n.size(); ++g) {
    const double nd = static_cast<double>(group_n[g]);
    const double inv_pairs = 1.0 / (nd * (nd - 1.0));
    sums.items += group_items[g];
    sums.agreement += static_cast<double>(group_agree[g]) * inv_pairs;
    for (size_t j = 0; j < k; ++j) {
      const uint64_t s = group_sum[g * k + j];
      sums.share[j] += static_cast<double>(s) / nd;
      // sum_i n_ij (n - n_ij) = n Σ n_ij - Σ n_ij².
      if (per_category) {
        sums.disagreement[j] +=
            static_cast<double>(group_n[g] * s - group_square[g * k + j]) * inv_pairs;
      }
    }
  }
  return sums;
}

FleissSums Accumulate(const CategoryCounts& counts, bool per_category) {
  switch (counts.category_count) {
    case 2: return Accumulate<2>(counts, per_category);
    case 3: return Accumulate<3>(counts, per_category);
    case 4: return Accumulate<4>(counts, per_category);
    case 5: return Accumulate<5>(counts, per_category);
    case 6: return Accumulate<6>(counts, per_category);
    case 7: return Accumulate<7>(counts, per_category);
    case 8: return Accumulate<8>(counts, per_category);
    default: return Accumulate<0>(counts, per_category);
  }
}

}  // namespace

FleissKappa ComputeFleissKappa(const CategoryCounts& counts) {
  const size_t k = counts.category_count;
  const FleissSums sums = Accumulate(counts, /*per_category=*/true);
  FleissKappa result;
  if (sums.items == 0) {
    result.kappa = Statistic::Undefined(kNoPairReason);
    result.per_category.assign(k, Statistic::Undefined(kNoPairReason));
    return result;
  }
  const double items = static_cast<double>(sums.items);
  const double p_bar = sums.agreement / items;
  double p_e = 0.0;
  result.per_category.reserve(k);
  for (size_t j = 0; j < k; ++j) {
    const double p = sums.share[j] / items;
    p_e += p * p;
    const double spread = p * (1.0 - p);
    if (p <= 0.0) {
      result.per_category.push_back(
          Statistic::Undefined("no rater chose this category"));
    } else if (spread < kChanceTolerance) {
      result.per_category.push_back(Statistic::Undefined(
          "every rating was this category, so chance agreement is 1"));
    } else {
      // Fleiss (1971) per-category kappa_j with each item's own n_i.
      result.per_category.push_back(Statistic::Of(1.0 - sums.disagreement[j] / (items * spread)));
    }
  }
  if (1.0 - p_e < kChanceTolerance) {
    result.kappa =
        Statistic::Undefined("only one category was used, so chance agreement is 1");
  } else {
    result.kappa = Statistic::Of((p_bar - p_e) / (1.0 - p_e));
  }
  return result;
}

Statistic RandolphKappa(const CategoryCounts& counts) {
  const size_t k = counts.category_count;
  if (k < 2) {
    return Statistic::Undefined(
        "the scale has fewer than two categories, so chance agreement is 1");
  }
  const FleissSums sums = Accumulate(counts, /*per_category=*/false);
  if (sums.items == 0) return Statistic::Undefined(kNoPairReason);
  const double p_bar = sums.agreement / static_cast<double>(sums.items);
  const double p_e = 1.0 / static_cast<double>(k);
  return Statistic::Of((p_bar - p_e) / (1.0 - p_e));
}

Statistic MultiRaterPercentAgreement(const CategoryCounts& counts) {
  const FleissSums sums = Accumulate(counts, /*per_category=*/false);
  if (sums.items == 0) return Statistic::Undefined(kNoPairReason);
  return Statistic::Of(sums.agreement / static_cast<double>(sums.items));
}

}  // namespace chorus::quality
