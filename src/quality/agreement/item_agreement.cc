#include "quality/agreement/item_agreement.h"

#include <algorithm>
#include <cmath>

namespace chorus::quality {

std::vector<ItemAgreement> PerItemAgreement(const CategoryCounts& counts) {
  const size_t k = counts.category_count;
  std::vector<bool> used(k, false);
  size_t voted_items = 0;
  for (size_t i = 0; i < counts.item_count; ++i) {
    bool any = false;
    for (size_t c = 0; c < k; ++c) {
      if (counts.at(i, c) == 0) continue;
      used[c] = true;
      any = true;
    }
    voted_items += any ? 1 : 0;
  }
  const auto used_count = static_cast<size_t>(std::count(used.begin(), used.end(), true));
  // With one category (or none) in use every item is unanimous: entropy 0, no division by log 1.
  const double log_used = used_count > 1 ? std::log(static_cast<double>(used_count)) : 0.0;

  std::vector<ItemAgreement> result;
  result.reserve(voted_items);
  for (size_t i = 0; i < counts.item_count; ++i) {
    const auto row = counts.row(i);
    uint64_t total = 0;
    uint32_t best = 0;
    LabelId best_label = 0;
    bool tied = false;
    for (size_t c = 0; c < k; ++c) {
      total += row[c];
      if (row[c] > best) {
        best = row[c];
        best_label = static_cast<LabelId>(c);
        tied = false;
      } else if (row[c] == best && best > 0) {
        tied = true;
      }
    }
    if (total == 0) continue;
    const double m = static_cast<double>(total);
    // H = log m - (1/m) sum n_c log n_c: one log per used category, no division inside the sum.
    double sum_n_log_n = 0;
    for (size_t c = 0; c < k; ++c) {
      if (row[c] > 1) sum_n_log_n += row[c] * std::log(static_cast<double>(row[c]));
    }
    // A unanimous item is exactly 0, not a rounding residue of log m - log m.
    const double entropy = best == total ? 0.0 : std::log(m) - sum_n_log_n / m;
    ItemAgreement item;
    item.item = static_cast<ItemId>(i);
    item.votes = static_cast<uint32_t>(total);
    item.plurality_label = best_label;
    item.tied = tied;
    item.plurality_share = best / m;
    item.normalized_entropy =
        log_used > 0 ? std::clamp(std::max(entropy, 0.0) / log_used, 0.0, 1.0) : 0.0;
    result.push_back(item);
  }
  return result;
}

}  // namespace chorus::quality
