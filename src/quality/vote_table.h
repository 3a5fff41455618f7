// VoteTable: every label that every annotator gave, as three parallel columns of dense ids.
//
// The input type of the quality engine. One row per vote (item, annotator, label); names are
// interned once, so a table of n votes costs 12 bytes a vote plus the distinct names.
// Repeated votes by one annotator on one item are allowed here; statistics that need one
// vote per annotator and item say so in their REQUIRES lines.
// Thread-safety: safe to read concurrently; not to mutate concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/interner.h"
#include "core/status.h"

namespace chorus::quality {

using ItemId = uint32_t;
using AnnotatorId = uint32_t;
using LabelId = uint32_t;

class VoteTable {
 public:
  VoteTable() = default;
  // Adopts finished columns and names without copying them (readers build both at once).
  // REQUIRES: the three columns have equal lengths; every id is below its interner's size.
  VoteTable(Interner items, Interner annotators, Interner labels, std::vector<ItemId> item_column,
            std::vector<AnnotatorId> annotator_column, std::vector<LabelId> label_column);

  // Appends one vote, interning the three names.
  void Add(std::string_view item, std::string_view annotator, std::string_view label);
  // Appends one vote by ids. REQUIRES: each id was interned in this table.
  void AddIds(ItemId item, AnnotatorId annotator, LabelId label);
  void Reserve(size_t votes);

  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  size_t item_count() const { return item_names_.size(); }
  size_t annotator_count() const { return annotator_names_.size(); }
  size_t label_count() const { return label_names_.size(); }

  std::span<const ItemId> items() const { return items_; }
  std::span<const AnnotatorId> annotators() const { return annotators_; }
  std::span<const LabelId> labels() const { return labels_; }

  Interner& item_names() { return item_names_; }
  Interner& annotator_names() { return annotator_names_; }
  Interner& label_names() { return label_names_; }
  const Interner& item_names() const { return item_names_; }
  const Interner& annotator_names() const { return annotator_names_; }
  const Interner& label_names() const { return label_names_; }

  // The numeric value of each label id, for ordinal, interval and ratio statistics.
  // Fails naming the first label that is not a finite number, followed by `advice`.
  Result<std::vector<double>> NumericLabelValues(
      std::string_view advice = "ordinal, interval and ratio statistics need numeric labels "
                                "(use --level nominal for categories)") const;

 private:
  std::vector<ItemId> items_;
  std::vector<AnnotatorId> annotators_;
  std::vector<LabelId> labels_;
  Interner item_names_;
  Interner annotator_names_;
  Interner label_names_;
};

// Votes grouped by item (compressed sparse rows): item i's votes are the entries
// [offsets[i], offsets[i + 1]) of `annotators` and `labels`, sorted by annotator, then label.
struct ItemVotes {
  std::vector<uint32_t> offsets;  // item_count + 1 entries.
  std::vector<AnnotatorId> annotators;
  std::vector<LabelId> labels;

  size_t item_count() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  size_t VotesOn(ItemId item) const { return offsets[item + 1] - offsets[item]; }
};

// Groups a table's votes by item in O(votes) time.
ItemVotes GroupByItem(const VoteTable& table);

// Items × categories vote counts, dense and row-major: the input of Fleiss-type statistics.
struct CategoryCounts {
  size_t item_count = 0;
  size_t category_count = 0;
  std::vector<uint32_t> counts;  // item_count * category_count entries.

  uint32_t at(size_t item, size_t category) const { return counts[item * category_count + category]; }
  std::span<const uint32_t> row(size_t item) const {
    return {counts.data() + item * category_count, category_count};
  }
};

// Counts each item's votes per label id.
CategoryCounts CountByItem(const VoteTable& table);

// Builds counts from a typed table. REQUIRES: every row has `category_count` entries.
CategoryCounts CountsFromRows(const std::vector<std::vector<uint32_t>>& rows);

}  // namespace chorus::quality
