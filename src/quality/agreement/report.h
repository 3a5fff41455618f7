// AgreementReport: every agreement statistic Chorus computes for one vote table, in one call.
//
// The single place that decides which statistics apply to a table (Cohen's kappa needs exactly
// two annotators, weighted statistics need numeric labels, ...) so the CLI and, later, the
// server show the same figures. Pure: no I/O; rendering is the caller's job.
// Thread-safety: ComputeAgreementReport is reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "quality/agreement/annotator_agreement.h"
#include "quality/agreement/gold_accuracy.h"
#include "quality/agreement/item_agreement.h"
#include "quality/agreement/krippendorff_bootstrap.h"
#include "quality/agreement/measurement_level.h"
#include "quality/statistic.h"
#include "quality/vote_table.h"

namespace chorus::quality {

// The statistics a report can hold; their stable names are the JSON keys.
enum class Metric {
  kPercentAgreement,  // "percent_agreement"
  kCohenKappa,        // "cohen_kappa" (two annotators) and "light_kappa" (mean over pairs)
  kScottPi,           // "scott_pi" (two annotators)
  kFleissKappa,       // "fleiss_kappa"
  kRandolphKappa,     // "randolph_kappa"
  kKrippendorffAlpha, // "krippendorff_alpha"
  kGwetAc,            // "gwet_ac1" (nominal) or "gwet_ac2" (weighted)
};

// Parses a --metric value: a key above or a short name (percent, cohen, scott, fleiss,
// randolph, alpha, krippendorff, gwet, ac1, ac2).
Result<Metric> ParseMetric(std::string_view name);
std::vector<Metric> AllMetrics();

struct AgreementReportOptions {
  MeasurementLevel level = MeasurementLevel::kNominal;  // Scale of the labels.
  std::set<Metric> metrics;            // Empty = every metric that applies to the table.
  bool by_item = false;                // Compute per-item agreement.
  bool pairwise = false;               // Compute the annotator × annotator matrix.
  uint64_t min_shared_items = 10;      // Pairs sharing fewer items get no kappa.
  int bootstrap_samples = 0;           // > 0: bootstrap CI for Krippendorff's alpha.
  uint64_t seed = 1;                   // Seed of the bootstrap.
  std::optional<std::vector<std::optional<LabelId>>> gold;  // By item id, when a gold file is given.
};

// One statistic in the report.
struct ReportEntry {
  std::string key;          // Stable JSON key, e.g. "fleiss_kappa".
  std::string title;        // Human name, e.g. "Fleiss' kappa".
  Statistic statistic;
  bool chance_corrected;    // Kappa-type: a Landis & Koch band applies.
  std::string note;         // What the value is computed over, e.g. "linear weights".
};

struct AgreementReport {
  uint64_t votes = 0;
  uint64_t items = 0;
  uint64_t annotators = 0;
  std::vector<std::string> labels;  // By label id.
  MeasurementLevel level = MeasurementLevel::kNominal;

  std::vector<ReportEntry> entries;            // In display order.
  std::vector<Statistic> fleiss_per_category;  // By label id; empty unless Fleiss ran.
  std::optional<AlphaBootstrap> alpha_bootstrap;
  uint64_t bootstrap_seed = 0;                 // The seed alpha_bootstrap was drawn with.
  std::vector<std::string> warnings;           // Plain advice, e.g. low agreement.

  std::vector<ItemAgreement> by_item;          // When options.by_item.
  std::optional<AnnotatorAgreement> pairwise;  // When options.pairwise.
  std::vector<AnnotatorAccuracy> gold;         // When options.gold.
  uint64_t gold_items = 0;

  const ReportEntry* Find(std::string_view key) const;
};

// REQUIRES: for any level other than nominal, every label is a number (else kInvalidArgument).
Result<AgreementReport> ComputeAgreementReport(const VoteTable& table,
                                               const AgreementReportOptions& options);

}  // namespace chorus::quality
