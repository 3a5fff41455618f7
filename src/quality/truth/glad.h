// GLAD: truth inference with per-annotator ability and per-item difficulty.
//
// Whitehill, Ruvolo, Wu, Bergsma & Movellan (2009), "Whose Vote Should Count More: Optimal
// Integration of Labels from Labelers of Unknown Expertise", NIPS 22. Annotator i has an
// ability α_i ∈ ℝ, item j an inverse difficulty β_j > 0 (parametrised as b_j = log β_j), and
//   P(vote of i on j is correct) = σ(α_i β_j)                                     (paper eq. 1)
// with the wrong votes spread evenly over the other k − 1 classes (the paper's multi-class
// extension, as in crowd-kit's GLAD). The true class has a fixed uniform prior. The fit is
// EM (paper §3): the E-step is the exact posterior of each item's class (eq. 3 summed in log
// space); the M-step takes a few preconditioned gradient-ascent steps on the expected
// complete-data log-likelihood plus Gaussian priors on α and b (eq. 4-6; the same objective
// and defaults as crowd-kit's GLAD: α and b start at, and are pulled towards, 1 with unit
// variance). Each step first moves every α_i (independent given b), then every b_j
// (independent given α), by gradient / (Gauss-Newton curvature + prior precision), clipped to
// ±max_step: a diagonal Newton step, so no learning rate has to be tuned to the data size.
//
// Outputs: TruthEstimate with method "glad"; item_difficulty[j] = 1/β_j = exp(−b_j) (larger
// is harder; the prior centre is e^−1 ≈ 0.37); annotator accuracy = the model's probability
// that the annotator's vote is correct, averaged over the items they labelled,
// mean_j σ(α_i β_j) (σ(α_i · mean β) for an annotator with no votes); no confusion matrix;
// log_likelihood = the penalised marginal log-likelihood
//   Σ_j log Σ_c p(c) Π_votes P(vote | c) + Σ_i log N(α_i; μ_α, s_α²) + Σ_j log N(b_j; μ_b, s_b²).
// Gold items have their class clamped (their likelihood term is the joint with the gold class).
// Repeated votes by one annotator on one item count as separate votes.
//
// Cost per EM iteration: (1 + 2·m_step_iterations) passes over the votes, each reading
// 8 bytes a vote (annotator, label) plus the item's posterior row and one exp (the E-step
// also a log1p) per vote; state is α (8 B/annotator), b (8 B/item) and the posterior
// (8·k B/item). Nothing is allocated inside the loop.
//
// Degenerate inputs: no classes → every item gets label 0 with confidence 0 and tied = 1; an
// item with no votes keeps the uniform prior (tied = 1) and the prior difficulty; one class →
// every posterior is 1. Never NaN: b is kept in [−30, 30] and every log-probability is formed
// by a softplus that cannot overflow.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct GladOptions {
  int max_iterations = 100;         // EM iterations at most (crowd-kit n_iter = 100).
  double tolerance = 1e-5;          // Stop when the penalised log-likelihood gains < this per vote.
  int m_step_iterations = 3;        // Gradient steps (α block, then log β block) per M-step.
  double learning_rate = 1.0;       // Fraction of the diagonal Newton step taken (1 = full).
  double max_step = 1.0;            // Largest change of one α or log β in one step.
  double ability_prior_mean = 1.0;  // Mean of the Gaussian prior on α (crowd-kit: 1).
  double ability_prior_sd = 1.0;    // Its standard deviation (crowd-kit: 1).
  double log_beta_prior_mean = 1.0;  // Mean of the Gaussian prior on log β (crowd-kit: 1).
  double log_beta_prior_sd = 1.0;    // Its standard deviation (crowd-kit: 1).
  uint64_t seed = 1;                 // Breaks ties of the hard label; the fit itself is fixed.
};

// The fitted parameters besides the estimate.
struct GladFit {
  TruthEstimate estimate;
  std::vector<double> ability;   // α_i by annotator id.
  std::vector<double> log_beta;  // b_j = log β_j by item id (difficulty is exp(−b_j)).
};

// REQUIRES: every label id < class_count, annotator id < annotator_count; gold is empty or
// indexed by item id (entries past its end, or with a label ≥ class_count, are not gold).
GladFit FitGlad(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                GoldByItem gold = {}, const GladOptions& options = {});

// The estimate alone; method "glad".
TruthEstimate Glad(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                   GoldByItem gold = {}, const GladOptions& options = {});

// The same on a whole table (groups it by item first).
TruthEstimate Glad(const VoteTable& table, GoldByItem gold = {}, const GladOptions& options = {});

}  // namespace chorus::quality
