// Weak supervision: labelling functions' votes (items × functions, abstains allowed), the
// statistics that say how each function behaves (Snorkel's LF summary: coverage, overlaps,
// conflicts, accuracy where people labelled), and a label model that learns each function's
// accuracy without gold by EM over the votes, giving probabilistic labels.
//
// The label model is data programming's independent generative model (Ratner et al., NeurIPS
// 2016): functions are independent given the true class, and each has, per true class, a
// distribution over its outputs *including abstaining*. Abstains must be modelled: most
// functions vote one label only ("contains 'unsubscribe' -> spam"), and such a function's
// only signal is that it fires more often on one class than on the others. Treating abstains
// as missing (plain Dawid-Skene) leaves it no information and the fit can collapse to one
// class. EM starts from the functions' plurality vote; a weak prior (one pseudo-count per
// output, two more on the right label) keeps estimates off 0 and 1 and prefers functions
// better than chance, which fixes which class is which.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "quality/prob_matrix.h"
#include "quality/statistic.h"
#include "quality/weak/labelling_function.h"

namespace chorus::quality {

inline constexpr int32_t kAbstain = -1;

struct FunctionVotes {
  size_t items = 0;
  size_t functions = 0;
  std::vector<int32_t> votes;  // items × functions, row-major: a label index or kAbstain.

  int32_t at(size_t item, size_t function) const { return votes[item * functions + function]; }
};

// Applies each function to each text; a function votes the index of its label in `labels`.
// kInvalidArgument naming "functions[i].label" when a function's label is not in `labels`.
Result<FunctionVotes> ApplyFunctions(std::span<const LabellingFunction> functions,
                                     std::span<const std::string> texts,
                                     std::span<const std::string> labels);

struct FunctionSummary {
  double coverage = 0;  // Share of items it votes on.
  double overlap = 0;   // Share of items it votes on that another function also votes on.
  double conflict = 0;  // Share of items it votes on where another function votes differently.
  uint64_t judged = 0;  // Its votes on items with a human label.
  uint64_t correct = 0;
  Statistic accuracy;  // correct / judged with a Wilson 95% interval; undefined when judged = 0.
};

// Per function; `human` is indexed by item (absent: no human label).
std::vector<FunctionSummary> SummariseFunctions(const FunctionVotes& votes,
                                                std::span<const std::optional<size_t>> human);

struct WeakLabels {
  ProbMatrix probs;           // items × classes: the posterior. An item no function voted on
                              // gets the posterior of "all abstained" (near the class balance).
  std::vector<bool> covered;  // Whether any function voted on the item.
  std::vector<double> class_balance;      // The estimated share of each class.
  std::vector<double> function_accuracy;  // P(its vote is right | it votes), estimated.
  int iterations = 0;
  bool converged = true;
};

// kInvalidArgument when no function votes on any item or `classes` < 2.
Result<WeakLabels> FitLabelModel(const FunctionVotes& votes, size_t classes,
                                 int max_iterations = 500, double tolerance = 1e-7);

}  // namespace chorus::quality
