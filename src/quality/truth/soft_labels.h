// Soft labels and training weights: what a team trains a model on after truth inference, and a
// check of any TruthEstimate against gold.
//
// Per item i (k classes, n_i votes):
//  - vote_shares: the raw vote distribution s_ic = votes for c / n_i (uniform when n_i = 0).
//  - posterior: the estimate's posterior row (the model's soft label), copied.
//  - vote_entropy / posterior_entropy: normalized Shannon entropy H(p) / log k in [0, 1]
//    (0 for k <= 1): 0 = all mass on one class, 1 = uniform. Shannon, C. E. (1948) "A
//    mathematical theory of communication", Bell System Technical Journal 27:379-423.
//  - track_record: r_i = clamp((A_i - 1/k) / (1 - 1/k), 0, 1), A_i = mean over i's votes of the
//    voter's estimated accuracy (estimate.annotators[a].accuracy): the item's annotators'
//    accuracy rescaled so chance (1/k) is 0 and perfect is 1, the chance correction of Cohen,
//    J. (1960) Educational and Psychological Measurement 20(1):37-46. r_i = A_i when k = 1.
//  - training_weight: w_i = confidence_i x (1 - vote_entropy_i) x r_i, in [0, 1].
//      confidence: the model's probability that the hard label is right;
//      1 - vote_entropy: how much the raw votes agree (1 unanimous, 0 an even split), which
//        keeps contested items down even when a model is sure of them;
//      r_i: whether the people who voted have a good record (annotators at chance give 0).
//    Each factor is in [0, 1] and any one of them near 0 means "do not trust this label", so
//    the product is an AND. Weighting a training loss by the estimated probability that a
//    label is clean follows importance reweighting for noisy labels (Liu, T. & Tao, D. (2016)
//    "Classification with noisy labels by importance reweighting", IEEE TPAMI 38(3):447-461).
//    Caveats: the entropy factor is strict (a 2-1 binary split gives 1 - 0.918 = 0.08); a
//    single vote has entropy 0, so redundancy enters only through confidence and r_i; for MV
//    and Wawa the accuracies are agreement with the aggregate, so r_i is optimistic.
//    Items with no votes get w = 0.
//  - ambiguous: posterior_entropy > options.ambiguous_entropy. The default 0.8 flags a binary
//    item whose top class has probability below about 0.757 (H(0.757) = 0.8 bits), i.e. a
//    label the model itself expects to be wrong about one time in four or more; for larger k
//    it flags posteriors spread over several classes. Items with no votes are ambiguous.
//
// EvaluateAgainstGold: accuracy of the hard labels on gold items with the Wilson (1927) score
// interval (quality/wilson_interval.h), and the model's own estimate of its accuracy on the
// other items, the mean confidence (correct only if the posterior is calibrated). An estimate
// fitted with the same gold clamped scores 1 on gold by construction: hold gold out to test.
//
// Cost: one pass over the table's columns plus O(items x k). Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quality/prob_matrix.h"
#include "quality/statistic.h"
#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct SoftLabelOptions {
  double ambiguous_entropy = 0.8;  // Posterior normalized entropy above which an item is flagged.
};

// Column-wise per item (index = item id); matrices are items x class_count.
struct SoftLabels {
  size_t class_count = 0;
  ProbMatrix vote_shares;                 // Raw vote distribution (uniform when no votes).
  ProbMatrix posterior;                   // The estimate's posterior.
  std::vector<uint32_t> votes;            // Votes on the item.
  std::vector<double> vote_entropy;       // Normalized entropy of vote_shares, in [0, 1].
  std::vector<double> posterior_entropy;  // Normalized entropy of posterior, in [0, 1].
  std::vector<double> track_record;       // Chance-corrected mean accuracy of the voters.
  std::vector<double> training_weight;    // confidence x (1 - vote_entropy) x track_record.
  std::vector<uint8_t> ambiguous;         // 1 when posterior_entropy > ambiguous_entropy.
};

// H(p) / log(k) for a distribution p of k entries; 0 when k <= 1. Zero entries contribute 0.
double NormalizedEntropy(std::span<const double> p);

// REQUIRES: estimate was fitted on `table` (posterior rows = table.item_count(),
// class_count = table.label_count(), annotators.size() = table.annotator_count()).
SoftLabels ComputeSoftLabels(const VoteTable& table, const TruthEstimate& estimate,
                             const SoftLabelOptions& options = {});

struct GoldEvaluation {
  uint64_t gold_items = 0;       // Items with a gold label.
  uint64_t correct = 0;          // Of those, items whose hard label equals gold.
  Statistic accuracy;            // correct / gold_items; ci95 = Wilson score interval.
  uint64_t other_items = 0;      // Items without gold.
  Statistic estimated_accuracy;  // Mean confidence on items without gold.
};

// REQUIRES: every gold label < estimate.class_count. gold may be shorter than the item count.
GoldEvaluation EvaluateAgainstGold(const TruthEstimate& estimate, GoldByItem gold);

}  // namespace chorus::quality
