// Majority vote and weighted majority vote: the closed-form baselines of truth inference.
//
// Majority vote (MV): an item's posterior is the share of its votes each class received, the
// hard label the most voted class. Weighted majority vote (WMV): each vote counts with its
// annotator's weight, posterior_c = sum of weights of votes for c / sum of weights of all votes.
// Both match crowd-kit's MajorityVote (Toloka/crowd-kit, crowdkit/aggregation/classification/
// majority_vote.py: value_counts, or a sum of skills, per (task, label), then normalize_rows)
// except for ties: crowd-kit takes the first maximum in its column order, this library breaks
// ties with SeededArgmax (quality/truth/argmax.h), seeded and independent of input order, and
// reports them in TruthEstimate::tied.
//
// Weights from gold: the log-odds weight w = log((k - 1) p / (1 - p)) makes WMV the Bayes
// (MAP) rule when annotators are independent and each is right with probability p and
// otherwise picks one of the k - 1 wrong classes uniformly (the "one-coin" model; log P(votes | c)
// = sum over votes for c of log((k - 1) p / (1 - p)) + a term free of c): Nitzan, S. & Paroush, J.
// (1982) "Optimal decision rules in uncertain dichotomous choice situations", International
// Economic Review 23(2):289-297 (k = 2, w = log(p / (1 - p))); Li, H. & Yu, B. (2014) "Error rate
// bounds and iterative weighted majority voting for crowdsourcing", arXiv:1411.4086 (the oracle MAP
// rule under the homogeneous Dawid-Skene model is WMV with weights log((L - 1) w_i / (1 - w_i)));
// Berend, D. & Kontorovich, A. (2014) "Consistency of weighted majority votes", NIPS 27:3446-3454,
// analyse this Nitzan-Paroush rule when the competences are estimated from data rather than known.
// p is estimated from gold with Laplace's rule of succession, p = (correct + 1) / (gold votes + 2),
// so it is never 0 or 1 and the weight is finite. Annotators at or below chance (p <= 1/k) would
// get a weight <= 0, which under the model means "vote against them"; we clamp to 0 and ignore them
// instead, because a low gold score more often means a confused or careless annotator than an
// adversarial one.
//
// Annotator skill: accuracy = the share of an annotator's votes that equal the method's own
// hard label (crowd-kit's get_accuracy: identical repeated (item, annotator, label) votes count
// once). This is agreement with the aggregate, not true accuracy: it is biased upward (every
// annotator helped make the labels) and measures nothing on items with one vote.
//
// Degenerate inputs: an item with no votes (or whose voters all have weight 0) gets the uniform
// posterior 1/k, confidence 1/k and tied = 1 (when k > 1). A gold item (options.gold) gets the
// one-hot posterior of its gold label, confidence 1, tied = 0. An annotator with no votes gets
// votes = 0, accuracy = 0 (no estimate). With no classes (k = 0) labels are 0 and confidence 0.
//
// Cost: GroupByItem plus two passes over the grouped votes (counts, then skills); memory
// items x k doubles for the posterior. The ItemVotes overloads skip the grouping.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct MajorityVoteOptions {
  uint64_t seed = 1;     // Seeds SeededArgmax, which breaks ties between top classes.
  GoldByItem gold = {};  // Gold label per item (absent or past the end = not gold); clamps.
};

// Method "mv".
// REQUIRES: every gold label < table.label_count().
TruthEstimate MajorityVote(const VoteTable& table, const MajorityVoteOptions& options = {});
// REQUIRES: votes' ids < item_count (= votes.item_count()), annotator_count, label_count.
TruthEstimate MajorityVote(const ItemVotes& votes, size_t label_count, size_t annotator_count,
                           const MajorityVoteOptions& options = {});

// Method "wmv". weights[a] is annotator a's weight; negative weights count as 0.
// REQUIRES: weights.size() >= annotator count; weights finite.
TruthEstimate WeightedMajorityVote(const VoteTable& table, std::span<const double> weights,
                                   const MajorityVoteOptions& options = {});
TruthEstimate WeightedMajorityVote(const ItemVotes& votes, size_t label_count,
                                   size_t annotator_count, std::span<const double> weights,
                                   const MajorityVoteOptions& options = {});

struct LogOddsWeightOptions {
  // Weight of an annotator who voted on no gold item; negative = the mean weight of those who
  // did (they count as a typical annotator), or 1 when nobody did (WMV then equals MV).
  double weight_without_gold = -1;
};

// Per annotator id: max(0, log(k - 1) + log(p / (1 - p))), p = (correct + 1) / (gold votes + 2)
// over the annotator's votes on gold items (every vote counts). For k = 1 every weight is 1.
// REQUIRES: every gold label < table.label_count().
std::vector<double> LogOddsWeightsFromGold(const VoteTable& table, GoldByItem gold,
                                           const LogOddsWeightOptions& options = {});

}  // namespace chorus::quality
