// Wawa, "worker agreement with aggregate": majority vote, then each annotator's skill is their
// agreement with the majority-vote labels, then a weighted majority vote with those skills as
// weights. A cheap, robust upgrade over plain majority vote when annotators differ in quality.
//
// Reproduces crowd-kit's Wawa (Toloka/crowd-kit, crowdkit/aggregation/classification/wawa.py;
// Ustalov, Pavlichenko & Tseitlin (2023) "Learning from crowds with Crowd-Kit",
// arXiv:2109.08584): (1) MV labels; (2) skill_a = share of a's votes equal to the MV label,
// identical repeated (item, annotator, label) votes counted once (crowd-kit's get_accuracy);
// (3) posterior_ic = sum of skill_a over votes for c on i / sum of skill_a over votes on i
// (crowd-kit's MajorityVote with skills: every vote row counts, repeats included). Skills are
// used as linear weights, not log-odds. The reported annotator accuracy is the step-(2) skill,
// as crowd-kit's skills_; it is agreement with the aggregate, not true accuracy.
// Differences from crowd-kit, both deliberate: ties (in step 1 and step 3) are broken by
// SeededArgmax (seeded, order-independent) instead of crowd-kit's first-column rule; and gold
// (options.gold, an extension) clamps gold items in both votes, so skills on gold items are
// agreement with gold.
// Degenerate inputs as in majority_vote.h: an item with no votes, or whose voters all have
// skill 0 (impossible without gold, since some voter on every item agrees with its MV label),
// gets the uniform posterior and tied = 1; never NaN.
// Cost: GroupByItem plus four passes over the grouped votes. Thread-safety: pure functions.
#pragma once

#include "quality/truth/majority_vote.h"
#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

// Method "wawa".
// REQUIRES: every gold label < table.label_count().
TruthEstimate Wawa(const VoteTable& table, const MajorityVoteOptions& options = {});
// REQUIRES: votes' ids < item_count (= votes.item_count()), annotator_count, label_count.
TruthEstimate Wawa(const ItemVotes& votes, size_t label_count, size_t annotator_count,
                   const MajorityVoteOptions& options = {});

}  // namespace chorus::quality
