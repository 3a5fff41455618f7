// The posterior over one item's true class given its votes and each voter's known accuracy:
// the E-step of one-coin Dawid-Skene (quality/truth/dawid_skene.h) for a single item, with the
// annotators' skills fixed instead of re-estimated. Dynamic overlap (service/routing.h) uses
// it to stop asking for labels once the labels so far settle the item.
//
// Dawid, A. P. & Skene, A. M. (1979) "Maximum Likelihood Estimation of Observer Error-Rates
// Using the EM Algorithm", Applied Statistics 28(1):20-28, eq. 2.5, with the one-coin confusion
// π_a[c][c] = s_a, π_a[c][l] = (1 − s_a)/(k − 1) for l ≠ c, and a uniform prior p_c = 1/k:
//   P(z = c | votes) ∝ Π_{votes (a, l)} (l = c ? s_a : (1 − s_a)/(k − 1)).
// Skills are clamped to [0.01, 0.99] so one vote never makes a class impossible; k = 1 gives
// posterior 1; no votes give the uniform 1/k. Computed in log space (no underflow).
// Thread-safety: pure function. Cost: O(votes + k).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace chorus::quality {

struct SkilledVote {
  size_t label = 0;  // The class voted for, < k.
  double skill = 0;  // The voter's accuracy (probability of voting the true class).
};

// P(true class = c | votes) for c in [0, k). REQUIRES: every vote's label < class_count.
std::vector<double> ItemPosterior(std::span<const SkilledVote> votes, size_t class_count);

}  // namespace chorus::quality
