// KendallTau: agreement of two rankings of the same items, in [−1, 1].
//
// Kendall, M. G. (1938) "A new measure of rank correlation", Biometrika 30(1/2):81-93:
//   τ = (concordant pairs − discordant pairs) / (n(n−1)/2).
// Rankings here are permutations (no ties), so τ_a = τ_b. 1: the same order; −1: reversed.
// Thread-safety: pure function. Cost: O(n²).
#pragma once

#include <cstdint>
#include <vector>

namespace chorus::quality {

// `reference` and `answer` list item indices best first. Items missing from one of them are
// left out of the pairs; fewer than two shared items: 1 when the lists are equal, else −1.
double KendallTau(const std::vector<int64_t>& reference, const std::vector<int64_t>& answer);

}  // namespace chorus::quality
