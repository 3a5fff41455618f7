// Aggregate: runs one truth-inference method on a vote table and gathers what a report needs:
// the estimate, soft labels and training weights, agreement with majority vote, accuracy on
// gold, and a per-annotator view with suspected spammers.
//
// The single place that maps a method name to its function, so the CLI and, later, the server
// aggregate the same way. Pure: no I/O.
// Thread-safety: Aggregate is reentrant.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "quality/statistic.h"
#include "quality/truth/soft_labels.h"
#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

enum class TruthMethod {
  kMajorityVote,          // "mv"
  kWeightedMajorityVote,  // "wmv": weights from accuracy on gold
  kWawa,                  // "wawa"
  kDawidSkene,            // "ds"
  kOneCoin,               // "onecoin"
  kGlad,                  // "glad"
  kMace,                  // "mace"
};

Result<TruthMethod> ParseTruthMethod(std::string_view name);
const char* TruthMethodName(TruthMethod method);   // The short name above.
const char* TruthMethodTitle(TruthMethod method);  // "Dawid-Skene", ...

struct AggregateOptions {
  TruthMethod method = TruthMethod::kDawidSkene;
  uint64_t seed = 1;                   // Ties and random restarts.
  size_t threads = 0;                  // For the methods that use several (0: one per core).
  std::optional<int> max_iterations;   // Absent: the method's own default.
  std::optional<double> tolerance;     // Absent: the method's own default.
  std::vector<std::optional<LabelId>> gold;  // By item id; empty = no gold.
  SoftLabelOptions soft;
  // An annotator with at least this many votes whose estimated accuracy is within
  // spam_margin of chance (1/classes), or whose MACE spam probability is at least 0.5, is
  // flagged as a suspected spammer.
  uint64_t spam_min_votes = 5;
  double spam_margin = 0.05;
};

struct AnnotatorReport {
  AnnotatorSkill skill;
  double agreement_with_aggregate = 0;  // Share of their votes equal to the item's hard label.
  std::optional<Statistic> gold_accuracy;  // Against gold, with a Wilson CI, when gold is given.
  bool suspected_spam = false;
};

struct Aggregation {
  TruthEstimate estimate;
  SoftLabels soft;
  double agreement_with_majority = 0;  // Share of items whose label equals majority vote's.
  uint64_t ties = 0;                   // Items whose hard label was a broken tie.
  uint64_t ambiguous = 0;              // Items flagged ambiguous.
  // Accuracy on gold of a second fit that did not see the gold labels: the clamped fit that
  // produces the labels is right on every gold item by construction, so it cannot be judged
  // there (wmv's held-out fit still takes its weights from gold, so it is optimistic).
  // estimated_accuracy is the clamped fit's mean confidence on the other items.
  std::optional<GoldEvaluation> gold;
  std::vector<AnnotatorReport> annotators;  // By annotator id.
};

// REQUIRES: options.gold is empty or has one entry per item. Fails for an empty table, and for
// wmv without gold (its weights come from accuracy on gold).
Result<Aggregation> Aggregate(const VoteTable& table, const AggregateOptions& options);

}  // namespace chorus::quality
