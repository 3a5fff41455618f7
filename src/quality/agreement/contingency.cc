#include "quality/agreement/contingency.h"

#include <algorithm>
#include <numeric>

namespace chorus::quality {

double ContingencyTable::at(size_t row, size_t col) const {
  return counts[row * category_count + col];
}

double ContingencyTable::total() const {
  return std::accumulate(counts.begin(), counts.end(), 0.0);
}

ContingencyTable ContingencyFromRows(const std::vector<std::vector<double>>& rows) {
  ContingencyTable table;
  table.category_count = rows.size();
  table.counts.reserve(rows.size() * rows.size());
  for (const auto& row : rows) table.counts.insert(table.counts.end(), row.begin(), row.end());
  return table;
}

namespace {

// The label of `annotator`'s first vote in [begin, end), or label_count when there is none.
LabelId FirstLabel(const ItemVotes& votes, uint32_t begin, uint32_t end, AnnotatorId annotator,
                   size_t label_count) {
  // Votes are sorted by annotator within an item, so the first match is the lower bound.
  const auto first = votes.annotators.begin() + begin;
  const auto last = votes.annotators.begin() + end;
  const auto it = std::lower_bound(first, last, annotator);
  if (it == last || *it != annotator) return static_cast<LabelId>(label_count);
  return votes.labels[static_cast<size_t>(it - votes.annotators.begin())];
}

}  // namespace

ContingencyTable PairTable(const ItemVotes& votes, size_t label_count, AnnotatorId a,
                           AnnotatorId b) {
  ContingencyTable table;
  table.category_count = label_count;
  table.counts.assign(label_count * label_count, 0.0);
  for (size_t item = 0; item < votes.item_count(); ++item) {
    const uint32_t begin = votes.offsets[item], end = votes.offsets[item + 1];
    const LabelId la = FirstLabel(votes, begin, end, a, label_count);
    if (la >= label_count) continue;
    const LabelId lb = FirstLabel(votes, begin, end, b, label_count);
    if (lb >= label_count) continue;
    table.counts[la * label_count + lb] += 1.0;
  }
  return table;
}

ContingencyTable PairTable(const VoteTable& table, AnnotatorId a, AnnotatorId b) {
  const auto items = table.items();
  const size_t k = table.label_count();
  if (!std::is_sorted(items.begin(), items.end())) return PairTable(GroupByItem(table), k, a, b);
  const auto annotators = table.annotators();
  const auto labels = table.labels();
  ContingencyTable result;
  result.category_count = k;
  result.counts.assign(k * k, 0.0);
  const auto none = static_cast<LabelId>(k);
  for (size_t v = 0; v < items.size();) {
    // Each annotator's smallest label on the item: the first in ItemVotes order.
    LabelId la = none, lb = none;
    for (const ItemId item = items[v]; v < items.size() && items[v] == item; ++v) {
      if (annotators[v] == a) la = std::min(la, labels[v]);
      if (annotators[v] == b) lb = std::min(lb, labels[v]);
    }
    if (la != none && lb != none) result.counts[la * k + lb] += 1.0;
  }
  return result;
}

}  // namespace chorus::quality
