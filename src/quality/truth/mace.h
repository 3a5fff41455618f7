// MACE: truth inference that separates careful annotators from spammers.
//
// Hovy, Berg-Kirkpatrick, Vaswani & Hovy (2013), "Learning Whom to Trust with MACE",
// NAACL-HLT, pp. 1120-1130. The true class T_j of item j is uniform over the k classes;
// annotator i spams on an item with probability 1 − θ_i (S_ij ~ Bernoulli(1 − θ_i)); when not
// spamming the vote is T_j, when spamming it is drawn from the annotator's own spam
// distribution ξ_i over the classes (§2, Figure 2). Hence
//   P(vote = l | T = t) = θ_i [l = t] + (1 − θ_i) ξ_i(l).
// Fitted by EM (§2.1, the paper's "EM with restarts"): the E-step is each item's exact
// posterior over T (in log space, so items with many votes cannot underflow) and the expected
// "knowing" count of each vote, E[1 − S_ij] = P(T = l | votes) θ_i / (θ_i + (1 − θ_i) ξ_i(l));
// the M-step normalises the expected counts after adding `smoothing` to each (the reference
// implementation's default 0.01 / k, as in crowd-kit's method="em"). `restarts` starts are run
// and the one with the highest log-likelihood is kept; start 0 is the fixed start θ = 0.5,
// ξ uniform (so it does not depend on id order), the others draw every unnormalised parameter
// from U[1, 1 + init_noise] with a generator seeded by (seed, start) and normalise, as MACE
// and crowd-kit do. Variational Bayes (the reference tool's default, and crowd-kit's) is not
// implemented.
//
// Outputs: TruthEstimate with method "mace"; per annotator spam_probability = 1 − θ_i;
// confusion[t][l] = θ_i [l = t] + (1 − θ_i) ξ_i(l); accuracy = Σ_t π_t confusion[t][t] =
// θ_i + (1 − θ_i) Σ_t π_t ξ_i(t), where π is the mean posterior over items with votes (the
// estimated class prevalence); log_likelihood = Σ_j log Σ_t (1/k) Π_votes P(vote | t) of the
// kept start (smoothing not included); iterations and converged of the kept start. Gold items
// have T clamped to the gold class. Repeated votes by one annotator on one item count as
// separate votes. Without gold or label priors the model is symmetric under renaming classes
// only as far as the starts are: results are equal up to the convergence tolerance.
//
// Cost per EM iteration: one pass over the votes reading 8 bytes a vote (annotator, label) and
// per-(annotator, label) tables of k·n doubles (spam term, boost, knowing share, rebuilt each
// iteration), so no transcendental per vote; per item one log (the posterior is a product of
// boosts ≥ 1 in linear space, falling back to log space only if it would overflow); state θ
// (8 B/annotator), ξ and counts (8·k B/annotator each), the posterior (8·k B/item). Nothing is
// allocated inside the loop.
// Total work: restarts × iterations × votes.
//
// Degenerate inputs: no classes → label 0, confidence 0, tied = 1 for every item; an item with
// no votes keeps the uniform posterior (tied = 1); an annotator with no votes has θ = 0.5 and a
// uniform ξ. Smoothing > 0 keeps every θ in (0, 1) and every ξ(l) > 0, so no log is of 0.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>

#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct MaceOptions {
  int restarts = 10;                // Starts run; the best log-likelihood is kept (MACE: 10).
  int max_iterations = 50;          // EM iterations per start at most (MACE --iterations: 50).
  double tolerance = 1e-7;          // A start stops once the log-likelihood gains < this per vote.
  std::optional<double> smoothing;  // Added to expected counts; unset = 0.01 / class_count.
  double init_noise = 0.5;          // Random starts draw from U[1, 1 + init_noise] (crowd-kit).
  uint64_t seed = 1;                // Seeds the random starts and breaks ties of the hard label.
  // Threads running starts (0: one per core). Starts are independent and the earliest of equally
  // good fits wins, so the result does not depend on it.
  size_t threads = 0;
};

// REQUIRES: every label id < class_count, annotator id < annotator_count; gold is empty or
// indexed by item id (entries past its end, or with a label ≥ class_count, are not gold);
// restarts ≥ 1 (fewer is treated as 1); smoothing > 0.
TruthEstimate Mace(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                   GoldByItem gold = {}, const MaceOptions& options = {});

// The same on a whole table (groups it by item first).
TruthEstimate Mace(const VoteTable& table, GoldByItem gold = {}, const MaceOptions& options = {});

}  // namespace chorus::quality
