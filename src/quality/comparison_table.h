// ComparisonTable: every pairwise preference that every annotator gave, as parallel columns of
// dense ids (the input of the preference models in quality/preference/).
//
// One row per comparison: the item (the context, e.g. a prompt id), the annotator, the option
// shown on the left, the option shown on the right, and the outcome (left wins, right wins, a
// tie). Options (the things compared: model names, response ids) share one interner, so the
// same option on the left in one row and on the right in another has one id.
// Repeated comparisons (one annotator judging one pair twice) are kept; models treat each row
// as one observation.
// Thread-safety: safe to read concurrently; not to mutate concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/interner.h"
#include "quality/vote_table.h"

namespace chorus::quality {

using OptionId = uint32_t;

enum class Outcome : uint8_t {
  kLeft,   // The left option was preferred.
  kRight,  // The right option was preferred.
  kTie,    // Neither (equally good, or both bad).
};

// The outcome seen from the other side: kLeft <-> kRight; kTie stays.
inline Outcome Flipped(Outcome outcome) {
  switch (outcome) {
    case Outcome::kLeft: return Outcome::kRight;
    case Outcome::kRight: return Outcome::kLeft;
    case Outcome::kTie: return Outcome::kTie;
  }
  return outcome;
}

class ComparisonTable {
 public:
  ComparisonTable() = default;

  // Appends one comparison, interning the names. REQUIRES: left != right.
  void Add(std::string_view item, std::string_view annotator, std::string_view left,
           std::string_view right, Outcome outcome);
  // Appends one comparison by ids. REQUIRES: each id was interned here; left != right.
  void AddIds(ItemId item, AnnotatorId annotator, OptionId left, OptionId right, Outcome outcome);
  void Reserve(size_t comparisons);

  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  size_t item_count() const { return item_names_.size(); }
  size_t annotator_count() const { return annotator_names_.size(); }
  size_t option_count() const { return option_names_.size(); }

  std::span<const ItemId> items() const { return items_; }
  std::span<const AnnotatorId> annotators() const { return annotators_; }
  std::span<const OptionId> lefts() const { return lefts_; }
  std::span<const OptionId> rights() const { return rights_; }
  std::span<const Outcome> outcomes() const { return outcomes_; }

  Interner& item_names() { return item_names_; }
  Interner& annotator_names() { return annotator_names_; }
  Interner& option_names() { return option_names_; }
  const Interner& item_names() const { return item_names_; }
  const Interner& annotator_names() const { return annotator_names_; }
  const Interner& option_names() const { return option_names_; }

 private:
  std::vector<ItemId> items_;
  std::vector<AnnotatorId> annotators_;
  std::vector<OptionId> lefts_;
  std::vector<OptionId> rights_;
  std::vector<Outcome> outcomes_;
  Interner item_names_;
  Interner annotator_names_;
  Interner option_names_;
};

}  // namespace chorus::quality
