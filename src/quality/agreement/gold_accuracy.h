// AccuracyAgainstGold: how often each annotator's label matches the gold (reference) label,
// with a confusion matrix showing which labels they mix up.
//
// accuracy = correct / gold votes, with the Wilson (1927) score interval as ci95 (see
// quality/wilson_interval.h: Wilson, E. B., JASA 22:209-212) and the binomial standard error
// sqrt(p(1-p)/n). The confusion matrix is the classic error matrix of an annotator against a
// reference, as used for per-annotator error rates in Dawid, A. P. & Skene, A. M. (1979)
// "Maximum likelihood estimation of observer error-rates using the EM algorithm", Applied
// Statistics 28(1):20-28 (there the matrix is estimated; here gold is known, so it is counted).
// Every vote on a gold item counts: an annotator who labelled one gold item twice is scored
// twice. Votes on items without gold are ignored.
// Undefined (never NaN): an annotator who labelled no gold item.
// Thread-safety: pure function. Cost: O(votes + annotators * label_count²).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "quality/statistic.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct AnnotatorAccuracy {
  AnnotatorId annotator = 0;
  uint64_t gold_items_labelled = 0;  // Votes this annotator cast on items that have gold.
  uint64_t correct = 0;              // Of those, votes equal to the gold label.
  Statistic accuracy;                // correct / gold_items_labelled, ci95 = Wilson score.
  std::vector<uint64_t> confusion;   // label_count² row-major; rows = gold, cols = annotator.
};

// One entry per annotator of the table, indexed by annotator id. gold_by_item[i] is item i's
// gold label or nullopt; items with id >= gold_by_item.size() have no gold.
// REQUIRES: every gold label id < table.label_count().
std::vector<AnnotatorAccuracy> AccuracyAgainstGold(
    const VoteTable& table, std::span<const std::optional<LabelId>> gold_by_item);

}  // namespace chorus::quality
