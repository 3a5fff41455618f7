#include "quality/vote_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>

namespace chorus::quality {

void VoteTable::Add(std::string_view item, std::string_view annotator, std::string_view label) {
  AddIds(item_names_.Intern(item), annotator_names_.Intern(annotator), label_names_.Intern(label));
}

void VoteTable::AddIds(ItemId item, AnnotatorId annotator, LabelId label) {
  items_.push_back(item);
  annotators_.push_back(annotator);
  labels_.push_back(label);
}

void VoteTable::Reserve(size_t votes) {
  items_.reserve(votes);
  annotators_.reserve(votes);
  labels_.reserve(votes);
}

Result<std::vector<double>> VoteTable::NumericLabelValues() const {
  std::vector<double> values(label_count());
  for (LabelId id = 0; id < label_count(); ++id) {
    const std::string& name = label_names_.Name(id);
    const char* end = name.data() + name.size();
    auto [ptr, ec] = std::from_chars(name.data(), end, values[id]);
    if (ec != std::errc() || ptr != end || !std::isfinite(values[id])) {
      return InvalidArgument("label \"" + name +
                                 "\" is not a number; ordinal, interval and ratio statistics need "
                                 "numeric labels (use --level nominal for categories)",
                             "label");
    }
  }
  return values;
}

ItemVotes GroupByItem(const VoteTable& table) {
  ItemVotes grouped;
  const size_t n_items = table.item_count();
  grouped.offsets.assign(n_items + 1, 0);
  for (ItemId item : table.items()) ++grouped.offsets[item + 1];
  std::partial_sum(grouped.offsets.begin(), grouped.offsets.end(), grouped.offsets.begin());
  grouped.annotators.resize(table.size());
  grouped.labels.resize(table.size());
  std::vector<uint32_t> cursor(grouped.offsets.begin(), grouped.offsets.end() - 1);
  for (size_t v = 0; v < table.size(); ++v) {
    const uint32_t slot = cursor[table.items()[v]]++;
    grouped.annotators[slot] = table.annotators()[v];
    grouped.labels[slot] = table.labels()[v];
  }
  // Sort each item's few votes by (annotator, label) so pairing statistics can merge them.
  std::vector<std::pair<AnnotatorId, LabelId>> scratch;
  for (size_t i = 0; i < n_items; ++i) {
    const uint32_t begin = grouped.offsets[i], end = grouped.offsets[i + 1];
    bool sorted = true;
    for (uint32_t k = begin + 1; k < end && sorted; ++k) {
      sorted = std::pair(grouped.annotators[k - 1], grouped.labels[k - 1]) <=
               std::pair(grouped.annotators[k], grouped.labels[k]);
    }
    if (sorted) continue;
    scratch.clear();
    for (uint32_t k = begin; k < end; ++k) scratch.emplace_back(grouped.annotators[k], grouped.labels[k]);
    std::sort(scratch.begin(), scratch.end());
    for (uint32_t k = begin; k < end; ++k) {
      grouped.annotators[k] = scratch[k - begin].first;
      grouped.labels[k] = scratch[k - begin].second;
    }
  }
  return grouped;
}

CategoryCounts CountByItem(const VoteTable& table) {
  CategoryCounts result;
  result.item_count = table.item_count();
  result.category_count = table.label_count();
  result.counts.assign(result.item_count * result.category_count, 0);
  for (size_t v = 0; v < table.size(); ++v) {
    ++result.counts[table.items()[v] * result.category_count + table.labels()[v]];
  }
  return result;
}

CategoryCounts CountsFromRows(const std::vector<std::vector<uint32_t>>& rows) {
  CategoryCounts result;
  result.item_count = rows.size();
  result.category_count = rows.empty() ? 0 : rows.front().size();
  for (const auto& row : rows) result.counts.insert(result.counts.end(), row.begin(), row.end());
  return result;
}

}  // namespace chorus::quality
