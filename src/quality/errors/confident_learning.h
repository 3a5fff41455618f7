// Confident learning: which given labels are likely wrong, from out-of-fold predicted
// probabilities (Northcutt, Jiang & Chuang, "Confident Learning: Estimating Uncertainty in
// Dataset Labels", JAIR 70, 2021). The same steps as cleanlab's find_label_issues with its
// defaults (filter_by="prune_by_noise_rate", min_examples_per_class=1, frac_noise=1):
//   1. per-class thresholds t_k: the mean predicted probability of class k over the items
//      labelled k (a class nobody used has no threshold and is never confident);
//   2. the confident joint C[given][true]: each item counts once, under the class whose
//      probability reaches its threshold (the largest probability when several do); items
//      that reach none are left out; each diagonal cell is at least 1;
//   3. calibration: each row scaled to the number of items given that label, the whole to the
//      number of items, rounded preserving row totals;
//   4. pruning by noise rate: for each given label k and each other class j, the C[k][j]
//      items labelled k with the largest margin p_j - p_k are suspects (ties at the cut all
//      count), keeping at least one item per given label;
//   5. an item whose most probable class is its given label is never a suspect.
// Suspects are ranked by a label quality score, lowest (most suspect) first.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "quality/prob_matrix.h"

namespace chorus::quality {

enum class IssueRanking {
  kSelfConfidence,    // p(given label): the default, as in cleanlab.
  kNormalizedMargin,  // (p(given) - max p(other) + 1) / 2, in [0, 1].
};

struct LabelIssue {
  size_t item = 0;       // Row of the probability matrix.
  size_t given = 0;      // The label the item has.
  size_t suggested = 0;  // The most probable class.
  double score = 0;      // The label quality score (lower: more likely wrong).

  bool operator==(const LabelIssue&) const = default;
};

struct LabelIssueReport {
  std::vector<double> thresholds;        // Per class; +infinity for a class nobody was given.
  std::vector<int64_t> confident_joint;  // Calibrated, classes × classes, row = given label.
  std::vector<LabelIssue> issues;        // Ranked, most suspect first.
  double estimated_noise = 0;  // Off-diagonal share of the calibrated joint: the estimated
                               // share of wrong labels.
};

// The label quality score of each item under `ranking`.
// REQUIRES: labels.size() == probs.rows, every label < probs.cols.
std::vector<double> LabelQualityScores(std::span<const size_t> labels, const ProbMatrix& probs,
                                       IssueRanking ranking);

// kInvalidArgument when the sizes disagree, a label is out of range, there are fewer than two
// classes or a probability is negative or not finite.
Result<LabelIssueReport> FindLabelIssues(std::span<const size_t> labels, const ProbMatrix& probs,
                                         IssueRanking ranking = IssueRanking::kSelfConfidence);

// Rounds each value so that the rounded values add up to their sum rounded, changing those
// nearest the other way first (cleanlab's round_preserving_sum).
std::vector<int64_t> RoundPreservingSum(std::span<const double> values);

}  // namespace chorus::quality
