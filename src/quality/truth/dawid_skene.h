// Dawid-Skene and one-coin Dawid-Skene: truth inference by EM over per-annotator error models.
//
// Dawid-Skene (full confusion matrices). Dawid, A. P. & Skene, A. M. (1979) "Maximum Likelihood
// Estimation of Observer Error-Rates Using the EM Algorithm", Journal of the Royal Statistical
// Society, Series C (Applied Statistics) 28(1):20-28. Each item i has a latent class z_i with
// prior p_c; annotator a, shown an item of class c, answers l with probability π_a[c][l] (rows =
// true class, summing to 1), independently of everything else. With T_ic = P(z_i = c | votes):
//   E-step (eq. 2.5):  T_ic ∝ p_c · Π_{votes (a, l) on i} π_a[c][l]
//   M-step (eq. 2.3, 2.4, with Laplace pseudo-count α = options.smoothing):
//     π_a[c][l] = (n_acl + α) / Σ_l' (n_acl' + α),   n_acl = Σ_{votes (i, a, l)} T_ic
//     p_c       = (Σ_i T_ic + α) / (items + k·α)
//   log-likelihood (eq. 2.7): Σ_i log Σ_c p_c Π π_a[c][l]  (+ α Σ log π + α Σ log p when α > 0:
//     the penalised likelihood that EM with pseudo-counts maximises, Dirichlet(1 + α) priors).
// Initialisation (the paper's eq. 3.1): T_ic = the share of item i's votes that say c (soft
// majority vote, repeated votes counted), then an M-step. crowd-kit's DawidSkene
// (Toloka/crowd-kit, crowdkit/aggregation/classification/dawid_skene.py) is the same model and
// initialisation with α = 0 (it clips probabilities at 1e-10 instead); its stopping rule
// differs (an ELBO that counts the prior once per vote, stopping when it fails to rise by 1e-5),
// so it may stop earlier: on the anaesthesia data after 4 iterations.
//
// One-coin Dawid-Skene: annotator a has one accuracy s_a; π_a[c][c] = s_a and every wrong label
// has π_a[c][l] = (1 − s_a)/(k − 1). M-step: s_a = (Σ_{votes (i, a, l)} T_il + α)/(n_a + k·α),
// the (smoothed) expected share of a's votes that are correct — crowd-kit's OneCoinDawidSkene
// `skills_` (the mean over a's votes of the posterior of the label given) when α = 0.
//
// Convergence: stops when the change of the (penalised) log-likelihood divided by the number of
// votes is below options.tolerance (an absolute change of the mean log-likelihood per vote, as
// crowd-kit does with its ELBO; duplicating the data set leaves it unchanged), or after
// options.max_iterations E+M iterations (converged = false). The log-likelihood never decreases.
// Returned: posterior = the last E-step; confusion/accuracy = the M-step on that posterior;
// log_likelihood = that of the parameters the last E-step used.
// Accuracy reported per annotator: "ds" — the expected share of the annotator's votes that are
// correct under the final posterior, Σ_{votes} T_{i,l} / votes (the confusion's diagonal mass
// under the estimated truth, unsmoothed); "onecoin" — the model's s_a. Annotators with no votes:
// 1/k and uniform confusion rows.
//
// Gold: items with a gold label have T clamped to that label at every E-step (and in the
// initialisation); their votes still train the annotators and they count in the priors; their
// likelihood term is the complete-data one, log p_g + Σ log π_a[g][l].
// Degenerate inputs never give NaN: with α = 0 zero probabilities are floored at 1e-300 before
// taking logs (log ≈ −690.8) and a confusion row with no mass becomes uniform; items with no
// votes and no gold get the uniform posterior (flagged tied) and are left out of the priors and
// the likelihood; k = 1 gives posterior 1 everywhere.
//
// Cost. Setup: O(votes + items) to flatten each vote to one uint32 cell a·k + l. Each iteration
// is ONE fused pass, item-major: per item, sum the precomputed log-table rows (k doubles per
// vote, from a table of annotators·k² doubles), normalise (k exps; one exp when k = 2), write
// the posterior row once, and add it into the M-step counts of the item's votes while they are
// in L1; the per-item normalisers are multiplied, not logged, so a pass takes one log. Then an
// O(annotators·k²) M-step rebuilds the log tables. Nothing is allocated per iteration.
// Large inputs (at least 2^17 votes, and 8× as many votes as count-table cells) are cut into up
// to 16 item blocks by size alone; threads run the blocks, each into its own count tables, which
// are then summed in block order, so a seed gives the same result on any number of threads.
// Bytes of main memory touched per iteration: 4·votes (cells) + 4·(items + 1) (offsets)
// + 8·k·items (posterior written) [+ 4·items gold flags when gold is given]; the log table and
// the counts (8·annotators·k² bytes each) stay in cache for moderate annotators·k². For 5M votes
// on 1M items with k = 2: 40 MB per iteration. Measured on the 2-core benchmark VM
// (BM_DawidSkeneIteration in bench/truth_bench.cc, both cores): 12.5 to 18 ms per iteration,
// 3.2 to 2.1 GB/s, 5 to 7% of the two-thread copy bandwidth (38 to 48 GB/s,
// BM_MemoryBandwidthCopy/2). So an iteration is not memory-bound at 5 votes an item: each vote
// is a gather of k log-probabilities and a scatter of k shares into tables indexed by annotator,
// 5 to 7 ns of a core a vote, where its 8 bytes take 0.2 ns at the copy bandwidth; the exp per
// item is a tenth of the time (measured by replacing it). docs/benchmarks.md has the figures.
// Thread-safety: pure functions.
// REQUIRES: every label id < class_count and annotator id < annotator_count; annotator_count·k
// < 2^32; gold is empty or has one entry per item, each present label < class_count.
#pragma once

#include <cstddef>
#include <cstdint>

#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct DawidSkeneOptions {
  int max_iterations = 100;  // Cap on E+M iterations (at least 1 is run).
  double tolerance = 1e-6;   // Stop when |Δ log-likelihood| / votes falls below this.
  // Laplace pseudo-count added to every confusion cell and every class prior. The default keeps
  // every log finite and moves estimates by about α/(votes per row); 0 is the paper's and
  // crowd-kit's plain maximum likelihood.
  double smoothing = 0.01;
  uint64_t seed = 1;  // Breaks ties between equally probable classes (SeededArgmax).
  // Threads for the EM passes over large inputs (0: one per core). The result does not depend
  // on it: work is cut into blocks by input size alone and summed in a fixed order.
  size_t threads = 0;
};

// Dawid-Skene with full confusion matrices; method "ds".
TruthEstimate DawidSkene(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                         GoldByItem gold = {}, const DawidSkeneOptions& options = {});
TruthEstimate DawidSkene(const VoteTable& table, GoldByItem gold = {},
                         const DawidSkeneOptions& options = {});

// One-coin Dawid-Skene (one accuracy per annotator, errors spread uniformly); method "onecoin".
TruthEstimate OneCoinDawidSkene(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                                GoldByItem gold = {}, const DawidSkeneOptions& options = {});
TruthEstimate OneCoinDawidSkene(const VoteTable& table, GoldByItem gold = {},
                                const DawidSkeneOptions& options = {});

}  // namespace chorus::quality
