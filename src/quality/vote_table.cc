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
      return InvalidArgument(
          "label \"" + std::string(name) + "\" is not a number; " + std::string(advice), "label");
    }
  }
  return values;
}

namespace {

// Sorts each item's votes by (annotator, label), in place: items have few votes, so a packed
// insertion sort in cache beats anything general; long items go through a packed std::sort.
void SortWithinItems(ItemVotes& grouped) {
  constexpr uint32_t kInsertionSortMax = 32;
  std::vector<uint64_t> packed;
  AnnotatorId* annotators = grouped.annotators.data();
  LabelId* labels = grouped.labels.data();
  const auto key = [&](uint32_t k) { return (uint64_t{annotators[k]} << 32) | labels[k]; };
  for (size_t i = 0; i < grouped.item_count(); ++i) {
    const uint32_t begin = grouped.offsets[i];
    const uint32_t end = grouped.offsets[i + 1];
    if (end - begin > kInsertionSortMax) {
      packed.clear();
      for (uint32_t k = begin; k < end; ++k) packed.push_back(key(k));
      std::sort(packed.begin(), packed.end());
      for (uint32_t k = begin; k < end; ++k) {
        annotators[k] = static_cast<AnnotatorId>(packed[k - begin] >> 32);
        labels[k] = static_cast<LabelId>(packed[k - begin]);
      }
      continue;
    }
    for (uint32_t p = begin + 1; p < end; ++p) {
      const uint64_t moving = key(p);
      uint32_t q = p;
      for (; q > begin && key(q - 1) > moving; --q) {
        annotators[q] = annotators[q - 1];
        labels[q] = labels[q - 1];
      }
      annotators[q] = static_cast<AnnotatorId>(moving >> 32);
      labels[q] = static_cast<LabelId>(moving);
    }
  }
}

}  // namespace

ItemVotes GroupByItem(const VoteTable& table) {
  const size_t n = table.size();
  const std::span<const ItemId> items = table.items();
  ItemVotes grouped;
  grouped.offsets.reserve(table.item_count() + 1);
  grouped.annotators.reserve(n);
  grouped.labels.reserve(n);
  grouped.offsets.assign(table.item_count() + 1, 0);
  for (ItemId item : items) ++grouped.offsets[item + 1];
  std::partial_sum(grouped.offsets.begin(), grouped.offsets.end(), grouped.offsets.begin());
  if (std::is_sorted(items.begin(), items.end())) {
    // Files grouped by item (the usual export order) are in item order already.
    grouped.annotators.assign(table.annotators().begin(), table.annotators().end());
    grouped.labels.assign(table.labels().begin(), table.labels().end());
  } else {
    grouped.annotators.resize(n);
    grouped.labels.resize(n);
    std::vector<uint32_t> cursor(grouped.offsets.begin(), grouped.offsets.end() - 1);
    for (size_t v = 0; v < n; ++v) {
      const uint32_t slot = cursor[items[v]]++;
      grouped.annotators[slot] = table.annotators()[v];
      grouped.labels[slot] = table.labels()[v];
    }
  }
  SortWithinItems(grouped);
  return grouped;
}

CategoryCounts CountByItem(const VoteTable& table) {
  CategoryCounts result;
  result.item_count = table.item_count();
  result.category_count = table.label_count();
  result.counts.reserve(result.item_count * result.category_count);
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
