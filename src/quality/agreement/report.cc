#include "quality/agreement/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "quality/agreement/cohen.h"
#include "quality/agreement/contingency.h"
#include "quality/agreement/fleiss.h"
#include "quality/agreement/gwet.h"
#include "quality/agreement/krippendorff.h"
#include "quality/agreement/weights.h"

namespace chorus::quality {
namespace {

// Weighted statistics follow the scale: distances count linearly on an ordinal scale and
// quadratically on interval and ratio scales (the usual choice, Cohen 1968; Gwet 2014 §3).
Weighting WeightingFor(MeasurementLevel level) {
  switch (level) {
    case MeasurementLevel::kNominal: return Weighting::kUnweighted;
    case MeasurementLevel::kOrdinal: return Weighting::kLinear;
    case MeasurementLevel::kInterval:
    case MeasurementLevel::kRatio: return Weighting::kQuadratic;
  }
  return Weighting::kUnweighted;
}

// The mean of the defined pairwise kappas: Light's (1971) kappa for more than two annotators.
Statistic LightKappa(const AnnotatorAgreement& pairs, uint64_t min_shared_items) {
  double sum = 0;
  size_t n = 0;
  for (const auto& pair : pairs.pairs) {
    if (!pair.cohen_kappa.defined()) continue;
    sum += *pair.cohen_kappa.value;
    ++n;
  }
  if (n == 0) {
    return Statistic::Undefined(fmt::format(
        "no annotator pair shares {} or more items with a defined kappa; lower --min-shared "
        "or collect overlapping labels",
        min_shared_items));
  }
  return Statistic::Of(sum / static_cast<double>(n));
}

class ReportBuilder {
 public:
  ReportBuilder(const VoteTable& table, const AgreementReportOptions& options,
                std::vector<double> values)
      : table_(table), options_(options), values_(std::move(values)) {}

  AgreementReport Build() {
    report_.votes = table_.size();
    report_.items = table_.item_count();
    report_.annotators = table_.annotator_count();
    report_.labels = table_.label_names().Names();
    report_.level = options_.level;
    const bool two = table_.annotator_count() == 2;
    if (Wants(Metric::kPercentAgreement, true)) AddPercent();
    if (Wants(Metric::kCohenKappa, true)) two ? AddCohen() : AddLight();
    if (Wants(Metric::kScottPi, two)) AddScott(two);
    if (Wants(Metric::kFleissKappa, true)) AddFleiss();
    if (Wants(Metric::kRandolphKappa, true)) AddRandolph();
    if (Wants(Metric::kKrippendorffAlpha, true)) AddAlpha();
    if (Wants(Metric::kGwetAc, true)) AddGwet();
    AddWarnings();
    if (options_.by_item) report_.by_item = PerItemAgreement(counts());
    if (options_.pairwise && !report_.pairwise) report_.pairwise = Pairwise();
    if (options_.gold) AddGold();
    return std::move(report_);
  }

 private:
  // Explicitly requested metrics always appear (undefined when they do not apply);
  // by default only those that apply.
  bool Wants(Metric metric, bool applies) const {
    if (options_.metrics.empty()) return applies;
    return options_.metrics.contains(metric);
  }

  void Add(std::string key, std::string title, Statistic statistic, bool chance_corrected,
           std::string note = {}) {
    report_.entries.push_back({std::move(key), std::move(title), std::move(statistic),
                               chance_corrected, std::move(note)});
  }

  AnnotatorAgreement Pairwise() const {
    AnnotatorAgreementOptions pair_options;
    pair_options.min_shared_items = options_.min_shared_items;
    return ComputeAnnotatorAgreement(votes(), table_.label_count(), table_.annotator_count(),
                                     pair_options);
  }

  void AddPercent() {
    Add("percent_agreement", "Percent agreement", MultiRaterPercentAgreement(counts()), false,
        "share of agreeing annotator pairs per item, averaged");
  }

  void AddCohen() {
    const ContingencyTable& pair = pair_table();
    Add("cohen_kappa", "Cohen's kappa", CohenKappa(pair), true);
    if (options_.level == MeasurementLevel::kNominal) return;
    Add("cohen_kappa_linear", "Cohen's kappa, linear weights",
        CohenKappa(pair, Weighting::kLinear, values_), true, "weights on the label values");
    Add("cohen_kappa_quadratic", "Cohen's kappa, quadratic weights",
        CohenKappa(pair, Weighting::kQuadratic, values_), true, "weights on the label values");
  }

  void AddLight() {
    if (table_.annotator_count() < 2) {
      Add("light_kappa", "Light's kappa (mean pairwise Cohen)",
          Statistic::Undefined("needs at least two annotators"), true);
      return;
    }
    AnnotatorAgreement pairs = Pairwise();
    Add("light_kappa", "Light's kappa (mean pairwise Cohen)",
        LightKappa(pairs, options_.min_shared_items), true,
        fmt::format("pairs sharing at least {} items", options_.min_shared_items));
    if (options_.pairwise) report_.pairwise = std::move(pairs);
  }

  void AddScott(bool two) {
    Statistic pi = two ? ScottPi(pair_table())
                       : Statistic::Undefined(
                             "Scott's pi compares exactly two annotators; Fleiss' kappa "
                             "generalises it to more");
    Add("scott_pi", "Scott's pi", std::move(pi), true);
  }

  void AddFleiss() {
    FleissKappa fleiss = ComputeFleissKappa(counts());
    Add("fleiss_kappa", "Fleiss' kappa", std::move(fleiss.kappa), true);
    report_.fleiss_per_category = std::move(fleiss.per_category);
  }

  void AddRandolph() {
    Add("randolph_kappa", "Randolph's free-marginal kappa", RandolphKappa(counts()), true);
  }

  void AddAlpha() {
    const std::span<const double> values =
        options_.level == MeasurementLevel::kNominal ? std::span<const double>() : values_;
    Add("krippendorff_alpha", "Krippendorff's alpha",
        KrippendorffAlpha(votes(), table_.label_count(), options_.level, values), true,
        std::string(MeasurementLevelName(options_.level)));
    if (options_.bootstrap_samples <= 0 || !report_.entries.back().statistic.defined()) return;
    AlphaBootstrapOptions bootstrap;
    bootstrap.samples = options_.bootstrap_samples;
    bootstrap.seed = options_.seed;
    auto resampled = KrippendorffAlphaBootstrap(votes(), table_.label_count(), options_.level,
                                                values, bootstrap);
    if (!resampled.ok()) {
      report_.warnings.push_back("no bootstrap interval: " + resampled.status().message());
      return;
    }
    report_.entries.back().statistic.ci95 = resampled->ci95;
    report_.alpha_bootstrap = std::move(resampled).value();
    report_.alpha_bootstrap->distribution.clear();  // Reports show the interval, not every draw.
    report_.bootstrap_seed = options_.seed;
  }

  void AddGwet() {
    const Weighting weighting = WeightingFor(options_.level);
    if (weighting == Weighting::kUnweighted) {
      Add("gwet_ac1", "Gwet's AC1", GwetAc(counts()), true);
    } else {
      Add("gwet_ac2", "Gwet's AC2", GwetAc(counts(), weighting, values_), true,
          fmt::format("{} weights on the label values", WeightingName(weighting)));
    }
  }

  void AddWarnings() {
    std::vector<std::string> low;
    for (const auto& entry : report_.entries) {
      if (entry.chance_corrected && entry.statistic.defined() &&
          *entry.statistic.value < kLowAgreementThreshold) {
        low.push_back(fmt::format("{} = {:.3f}", entry.title, *entry.statistic.value));
      }
    }
    if (!low.empty()) {
      report_.warnings.push_back(fmt::format("{}: {}", fmt::join(low, ", "), kLowAgreementAdvice));
    }
  }

  void AddGold() {
    report_.gold = AccuracyAgainstGold(table_, *options_.gold);
    report_.gold_items =
        static_cast<uint64_t>(std::count_if(options_.gold->begin(), options_.gold->end(),
                                            [](const auto& label) { return label.has_value(); }));
  }

  const VoteTable& table_;
  const AgreementReportOptions& options_;
  const std::vector<double> values_;
  // Each view is built on first use: Cohen alone needs no counts, the count-based statistics
  // (Fleiss, Randolph, Gwet) no grouping, and each is tens of MB on a million items.
  const CategoryCounts& counts() const {
    if (!counts_) counts_ = CountByItem(table_);
    return *counts_;
  }
  const ItemVotes& votes() const {
    if (!votes_) votes_ = GroupByItem(table_);
    return *votes_;
  }
  // The two annotators' table (Cohen, Scott): one pass over an item-sorted table, else from
  // the grouped votes.
  const ContingencyTable& pair_table() const {
    if (!pair_table_) {
      // An unsorted table must be grouped anyway: group it once, for the other statistics too.
      const auto items = table_.items();
      pair_table_ = votes_ || !std::is_sorted(items.begin(), items.end())
                        ? PairTable(votes(), table_.label_count(), 0, 1)
                        : PairTable(table_, 0, 1);
    }
    return *pair_table_;
  }
  mutable std::optional<CategoryCounts> counts_;
  mutable std::optional<ContingencyTable> pair_table_;
  mutable std::optional<ItemVotes> votes_;
  AgreementReport report_;
};

}  // namespace

Result<Metric> ParseMetric(std::string_view name) {
  struct Alias {
    std::string_view name;
    Metric metric;
  };
  static constexpr Alias kAliases[] = {
      {"percent_agreement", Metric::kPercentAgreement},
      {"percent", Metric::kPercentAgreement},
      {"cohen_kappa", Metric::kCohenKappa},
      {"cohen", Metric::kCohenKappa},
      {"light_kappa", Metric::kCohenKappa},
      {"light", Metric::kCohenKappa},
      {"scott_pi", Metric::kScottPi},
      {"scott", Metric::kScottPi},
      {"fleiss_kappa", Metric::kFleissKappa},
      {"fleiss", Metric::kFleissKappa},
      {"randolph_kappa", Metric::kRandolphKappa},
      {"randolph", Metric::kRandolphKappa},
      {"krippendorff_alpha", Metric::kKrippendorffAlpha},
      {"krippendorff", Metric::kKrippendorffAlpha},
      {"alpha", Metric::kKrippendorffAlpha},
      {"gwet", Metric::kGwetAc},
      {"gwet_ac1", Metric::kGwetAc},
      {"gwet_ac2", Metric::kGwetAc},
      {"ac1", Metric::kGwetAc},
      {"ac2", Metric::kGwetAc},
  };
  for (const auto& alias : kAliases) {
    if (alias.name == name) return alias.metric;
  }
  return InvalidArgument(
      fmt::format("unknown metric \"{}\"; choose from percent, cohen, scott, fleiss, randolph, "
                  "alpha, gwet",
                  name),
      "--metric");
}

std::vector<Metric> AllMetrics() {
  return {
      Metric::kPercentAgreement, Metric::kCohenKappa,        Metric::kScottPi, Metric::kFleissKappa,
      Metric::kRandolphKappa,    Metric::kKrippendorffAlpha, Metric::kGwetAc};
}

const ReportEntry* AgreementReport::Find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

Result<AgreementReport> ComputeAgreementReport(const VoteTable& table,
                                               const AgreementReportOptions& options) {
  if (table.empty()) {
    return InvalidArgument(
        "the input holds no votes; check that it has item, annotator and "
        "label columns with values");
  }
  std::vector<double> values;
  if (options.level != MeasurementLevel::kNominal) {
    auto numeric = table.NumericLabelValues();
    if (!numeric.ok()) return numeric.status();
    values = std::move(numeric).value();
  }
  return ReportBuilder(table, options, std::move(values)).Build();
}

}  // namespace chorus::quality
