// QualityReport: everything `chorus report` shows about one vote table, in one call: the
// summary counts, the agreement statistics (quality/agreement/report.h, with Krippendorff's
// alpha's KALPHA bootstrap interval, Landis & Koch bands and the < 0.4 advice), the pairwise
// Cohen's kappa matrix, a per-annotator table (votes, mean kappa with the others, agreement
// with the aggregate, accuracy on gold with its Wilson interval, the skill the chosen truth
// method estimates, suspected spam; quality/truth/aggregate.h), confusion matrices of the most
// active annotators (against gold when every one of them has gold votes, else against the
// aggregated labels), the histogram of per-item plurality share, the most disputed items
// (highest normalised entropy, quality/agreement/item_agreement.h) with their votes, and the
// label distribution. Names are resolved, so a renderer needs nothing but the struct.
// It computes nothing new: each figure is the one the existing function gives, gathered.
// Pure: no I/O. Thread-safety: reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "quality/agreement/report.h"
#include "quality/statistic.h"
#include "quality/truth/aggregate.h"
#include "quality/vote_table.h"

namespace chorus::quality {

struct QualityReportOptions {
  TruthMethod method = TruthMethod::kDawidSkene;  // Aggregate, skills and spam come from it.
  std::vector<std::optional<LabelId>> gold;       // By item id; empty = no gold.
  int bootstrap_samples = 1000;      // Resamples for alpha's interval; 0 = no interval.
  uint64_t seed = 1;                 // Bootstrap and tie-breaking seed.
  uint64_t min_shared_items = 5;     // Pairs sharing fewer items get no kappa (as the dashboard).
  size_t heat_map_annotators = 30;   // The pairwise matrix keeps this many most active ones.
  size_t confusion_annotators = 6;   // Confusion matrices for this many most active ones.
  size_t disagreement_examples = 20;  // The most disputed items listed.
  size_t histogram_bins = 10;        // Bins of the per-item plurality share over [0, 1].
  size_t threads = 0;                // For the truth method (0: one per core).
};

struct ReportAnnotator {
  std::string name;
  uint64_t votes = 0;
  uint64_t items = 0;                      // Distinct items labelled.
  Statistic mean_kappa;                    // Mean Cohen's kappa with the others.
  double agreement_with_aggregate = 0;     // Share of their votes equal to the aggregate.
  std::optional<Statistic> gold_accuracy;  // With its Wilson 95% interval, when gold is given.
  double estimated_accuracy = 0;           // The truth method's skill estimate.
  std::optional<double> spam_probability;  // MACE only.
  bool suspected_spam = false;
};

struct ReportConfusion {
  std::string annotator;
  uint64_t compared = 0;          // Votes compared with the reference.
  uint64_t matching = 0;          // Of those, equal to it.
  std::vector<uint64_t> counts;   // labels² row-major: rows = reference, columns = their label.
};

struct ReportDisagreement {
  std::string item;
  double normalized_entropy = 0;
  double plurality_share = 0;
  std::string aggregate_label;          // The truth method's label.
  std::optional<std::string> gold;      // The gold label, when the item has one.
  std::vector<std::pair<std::string, std::string>> votes;  // (annotator, label), by annotator.
  std::string excerpt;                  // The item's text; filled by callers that know it.
};

struct ReportLabelCount {
  std::string label;
  uint64_t votes = 0;
  uint64_t aggregated_items = 0;  // Items the truth method gave this label.
};

struct QualityReport {
  uint64_t votes = 0;
  uint64_t items = 0;
  uint64_t annotators = 0;
  uint64_t gold_items = 0;
  std::vector<std::string> labels;  // By label id.
  std::string method;               // Short name ("ds").
  std::string method_title;         // "Dawid-Skene".

  AgreementReport agreement;  // Statistics, bootstrap, warnings (by_item and pairwise inside).

  // The pairwise kappa matrix over the most active annotators: names, and kappa by
  // (row * n + column), symmetric; the diagonal and undefined pairs are nullopt.
  std::vector<std::string> heat_map_annotators;
  std::vector<std::optional<double>> heat_map_kappa;
  uint64_t min_shared_items = 0;  // Pairs sharing fewer items have no kappa.
  size_t heat_map_left_out = 0;  // Annotators beyond the cap.

  std::vector<ReportAnnotator> annotator_rows;  // Most votes first.

  std::string confusion_reference;  // "gold" or "aggregate".
  std::vector<ReportConfusion> confusion;  // The most active annotators, most votes first.
  size_t confusion_left_out = 0;

  std::vector<uint64_t> agreement_histogram;  // Items per bin of plurality share over [0, 1].
  std::optional<double> mean_plurality_share;  // Undefined when no item has two votes.
  uint64_t unanimous_items = 0;  // Items with two or more votes, all equal.
  uint64_t single_vote_items = 0;

  std::vector<ReportDisagreement> disagreements;  // Highest entropy first.
  std::vector<ReportLabelCount> label_distribution;  // By label id.
};

// REQUIRES: options.gold is empty or has one entry per item, each label < label_count.
// Fails for an empty table (kInvalidArgument) and as Aggregate and ComputeAgreementReport do.
Result<QualityReport> ComputeQualityReport(const VoteTable& table,
                                           const QualityReportOptions& options);

}  // namespace chorus::quality
