// TruthEstimate: what every categorical truth-inference method returns.
//
// A hard label per item, the full posterior (the soft label), a confidence, each annotator's
// estimated skill, item difficulty where the model has one, and how the fit went. Methods
// never produce NaN: an item with no votes gets a uniform posterior and is flagged.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "quality/prob_matrix.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct AnnotatorSkill {
  uint64_t votes = 0;   // Votes the annotator cast.
  double accuracy = 0;  // Estimated probability that their vote is the true class.
  // class_count² row-major, rows = true class, columns = the label given, rows sum to 1;
  // empty when the model has no confusion matrix (majority vote, Wawa, GLAD).
  std::vector<double> confusion;
  std::optional<double> spam_probability;  // MACE: probability the annotator is spamming.
};

struct TruthEstimate {
  size_t class_count = 0;          // Columns of posterior (the table's label count).
  std::vector<LabelId> labels;     // Hard label per item: the posterior's argmax.
  std::vector<uint8_t> tied;       // Per item: 1 when the argmax was a tie (broken by seed).
  ProbMatrix posterior;            // Items × classes; each row sums to 1.
  std::vector<double> confidence;  // Per item: posterior of the hard label.
  std::vector<AnnotatorSkill> annotators;  // By annotator id.
  std::vector<double> item_difficulty;     // Per item where the model has one (GLAD), else empty.
  int iterations = 0;                      // EM/gradient iterations run; 0 for closed forms.
  std::optional<double> log_likelihood;    // Final (penalised) log-likelihood for EM models.
  bool converged = true;                   // False when the iteration cap stopped the fit.
  std::string method;                      // "mv", "wmv", "wawa", "ds", "onecoin", ...
};

// Fills labels, tied and confidence from the posterior with SeededArgmax; an item with no
// classes (class_count 0) is marked tied. REQUIRES: posterior is sized items × class_count.
void SetHardLabels(TruthEstimate& estimate, uint64_t seed);

// Gold labels by item id (absent = not gold). Where a method accepts gold, gold items' truth
// is clamped to the gold label during estimation.
using GoldByItem = std::span<const std::optional<LabelId>>;

}  // namespace chorus::quality
