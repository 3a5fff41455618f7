#include "quality/agreement/gold_accuracy.h"

#include <cassert>
#include <cmath>

#include "quality/wilson_interval.h"

namespace chorus::quality {

std::vector<AnnotatorAccuracy> AccuracyAgainstGold(
    const VoteTable& table, std::span<const std::optional<LabelId>> gold_by_item) {
  const size_t k = table.label_count();
  const size_t n_annotators = table.annotator_count();
  // One flat confusion array for everyone: a single allocation in the vote loop's path.
  std::vector<uint64_t> confusion(n_annotators * k * k, 0);
  const auto items = table.items();
  const auto annotators = table.annotators();
  const auto labels = table.labels();
  for (size_t v = 0; v < table.size(); ++v) {
    const ItemId item = items[v];
    if (item >= gold_by_item.size() || !gold_by_item[item].has_value()) continue;
    const LabelId gold = *gold_by_item[item];
    assert(gold < k);
    ++confusion[(annotators[v] * k + gold) * k + labels[v]];
  }

  std::vector<AnnotatorAccuracy> result(n_annotators);
  for (size_t a = 0; a < n_annotators; ++a) {
    AnnotatorAccuracy& out = result[a];
    out.annotator = static_cast<AnnotatorId>(a);
    out.confusion.assign(confusion.begin() + static_cast<ptrdiff_t>(a * k * k),
                         confusion.begin() + static_cast<ptrdiff_t>((a + 1) * k * k));
    for (size_t g = 0; g < k; ++g) {
      for (size_t l = 0; l < k; ++l) out.gold_items_labelled += out.confusion[g * k + l];
      out.correct += out.confusion[g * k + g];
    }
    if (out.gold_items_labelled == 0) {
      out.accuracy = Statistic::Undefined(
          "this annotator labelled no gold item, so there is nothing to score; "
          "assign them gold items");
      continue;
    }
    const double n = static_cast<double>(out.gold_items_labelled);
    const double p = static_cast<double>(out.correct) / n;
    out.accuracy = Statistic::Of(p);
    out.accuracy.standard_error = std::sqrt(p * (1 - p) / n);
    out.accuracy.ci95 = WilsonInterval(out.correct, out.gold_items_labelled);
  }
  return result;
}

}  // namespace chorus::quality
