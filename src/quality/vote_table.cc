#include "quality/vote_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>

namespace chorus::quality {

VoteTable::VoteTable(Interner items, Interner annotators, Interner labels,
                     std::vector<ItemId> item_column, std::vector<AnnotatorId> annotator_column,
                     std::vector<LabelId> label_column)
    : items_(std::move(item_column)),
      annotators_(std::move(annotator_column)),
      labels_(std::move(label_column)),
      item_names_(std::move(items)),
      annotator_names_(std::move(annotators)),
      label_names_(std::move(labels)) {}

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

Result<std::vector<double>> VoteTable::NumericLabelValues(std::string_view advice) const {
  std::vector<double> values(label_count());
  for (LabelId id = 0; id < label_count(); ++id) {
    const std::string_view name = label_names_.Name(id);
    const char* end = name.data() + name.size();
    auto [ptr, ec] = std::from_chars(name.data(), end, values[id]);
    if (ec != std::errc() || ptr != end || !std::isfinite(values[id])) {
      return InvalidArgument("label \"" + std::string(name) + "\" is not a number; " +
                                 std::string(advice),
                             "label");
    }
  }
  return values;
}

ItemVotes GroupByItem(const VoteTable& table) {
  const size_t n = table.size();
  ItemVotes grouped;
  grouped.offsets.assign(table.item_count() + 1, 0);
  for (ItemId item : table.items()) ++grouped.offsets[item + 1];
  std::partial_sum(grouped.offsets.begin(), grouped.offsets.end(), grouped.offsets.begin());
  // One scatter into item order, with (annotator, label) packed so each item's few votes sort
  // as single integers, in place and in cache.
  std::vector<uint64_t> packed(n);
  std::vector<uint32_t> cursor(grouped.offsets.begin(), grouped.offsets.end() - 1);
  for (size_t v = 0; v < n; ++v) {
    packed[cursor[table.items()[v]]++] =
        (uint64_t{table.annotators()[v]} << 32) | table.labels()[v];
  }
  constexpr uint32_t kInsertionSortMax = 32;
  for (size_t i = 0; i < grouped.item_count(); ++i) {
    uint64_t* begin = packed.data() + grouped.offsets[i];
    uint64_t* end = packed.data() + grouped.offsets[i + 1];
    if (end - begin > kInsertionSortMax) {
      std::sort(begin, end);
      continue;
    }
    for (uint64_t* p = begin + 1; p < end; ++p) {
      const uint64_t key = *p;
      uint64_t* q = p;
      for (; q > begin && *(q - 1) > key; --q) *q = *(q - 1);
      *q = key;
    }
  }
  grouped.annotators.resize(n);
  grouped.labels.resize(n);
  for (size_t slot = 0; slot < n; ++slot) {
    grouped.annotators[slot] = static_cast<AnnotatorId>(packed[slot] >> 32);
    grouped.labels[slot] = static_cast<LabelId>(packed[slot]);
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
