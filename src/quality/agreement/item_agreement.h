// PerItemAgreement: how much the annotators of each item agree, so that disagreement can be
// inspected item by item (which items to review, re-label or send to adjudication).
//
// For an item with m votes and n_c votes for category c:
//   plurality share  = max_c n_c / m (the "majority" of a majority vote; 1 = unanimous);
//   normalized entropy = H / log(K_used), H = -sum_c (n_c / m) log(n_c / m)
//     (Shannon, C. E. (1948) "A mathematical theory of communication", Bell System Technical
//     Journal 27(3):379-423, section 6, the entropy H = -sum p_i log p_i), where K_used is the
//     number of categories that received at least one vote anywhere in the table.
// Why that normaliser: one common scale for every item, so items can be ranked against each
// other; log(category_count) would let labels nobody ever used deflate every value, and
// log(min(m, K)) would call a 1-1 split of two votes as "uniform" as a 5-way split of five.
// Consequence: an item with fewer votes than K_used can never reach 1 (two votes split 1-1 in
// a table using 4 categories give log 2 / log 4 = 0.5). When K_used <= 1 every item is
// unanimous and the entropy is reported as 0.
// Items with no votes are omitted; the output is in increasing item order and each entry
// carries its item id.
// Thread-safety: pure function. Cost: O(item_count * category_count), one allocation.
#pragma once

#include <cstdint>
#include <vector>

#include "quality/vote_table.h"

namespace chorus::quality {

struct ItemAgreement {
  ItemId item = 0;
  uint32_t votes = 0;             // Votes on the item (repeated votes of one annotator count).
  LabelId plurality_label = 0;    // The most voted label; ties broken by the lowest label id.
  bool tied = false;              // True when another label has as many votes as the plurality.
  double plurality_share = 0;     // Votes for the plurality label / votes, in (0, 1].
  double normalized_entropy = 0;  // Entropy of the vote shares / log(K_used), in [0, 1].
};

// One entry per item with at least one vote, in increasing item id.
std::vector<ItemAgreement> PerItemAgreement(const CategoryCounts& counts);

}  // namespace chorus::quality
