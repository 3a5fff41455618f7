#include "quality/comparison_table.h"

namespace chorus::quality {

void ComparisonTable::Add(std::string_view item, std::string_view annotator, std::string_view left,
                          std::string_view right, Outcome outcome) {
  const ItemId item_id = item_names_.Intern(item);
  const AnnotatorId annotator_id = annotator_names_.Intern(annotator);
  const OptionId left_id = option_names_.Intern(left);
  AddIds(item_id, annotator_id, left_id, option_names_.Intern(right), outcome);
}

void ComparisonTable::AddIds(ItemId item, AnnotatorId annotator, OptionId left, OptionId right,
                             Outcome outcome) {
  items_.push_back(item);
  annotators_.push_back(annotator);
  lefts_.push_back(left);
  rights_.push_back(right);
  outcomes_.push_back(outcome);
}

void ComparisonTable::Reserve(size_t comparisons) {
  items_.reserve(comparisons);
  annotators_.reserve(comparisons);
  lefts_.reserve(comparisons);
  rights_.reserve(comparisons);
  outcomes_.reserve(comparisons);
}

}  // namespace chorus::quality
