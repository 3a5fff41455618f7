#include "quality/truth/quality_report.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace chorus::quality {
namespace {

// Annotator ids, most votes first, ties by name (a stable order for the report).
std::vector<AnnotatorId> ByActivity(const VoteTable& table, const Aggregation& aggregation) {
  std::vector<AnnotatorId> order(table.annotator_count());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](AnnotatorId a, AnnotatorId b) {
    const uint64_t va = aggregation.annotators[a].skill.votes;
    const uint64_t vb = aggregation.annotators[b].skill.votes;
    if (va != vb) return va > vb;
    return table.annotator_names().Name(a) < table.annotator_names().Name(b);
  });
  return order;
}

std::string NameOf(const Interner& names, uint32_t id) { return std::string(names.Name(id)); }

// The kappa of pair (a, b) as the pairwise report gives it, or nullopt.
std::optional<double> PairKappa(const AnnotatorAgreement& pairwise, AnnotatorId a, AnnotatorId b) {
  if (a == b) return std::nullopt;
  const AnnotatorId first = std::min(a, b), second = std::max(a, b);
  auto it = std::lower_bound(pairwise.pairs.begin(), pairwise.pairs.end(),
                             std::make_pair(first, second), [](const auto& pair, const auto& key) {
                               return std::make_pair(pair.first, pair.second) < key;
                             });
  if (it == pairwise.pairs.end() || it->first != first || it->second != second) return std::nullopt;
  return it->cohen_kappa.value;
}

void FillHeatMap(const VoteTable& table, const std::vector<AnnotatorId>& order,
                 const QualityReportOptions& options, QualityReport& report) {
  if (!report.agreement.pairwise) return;
  const size_t n = std::min(order.size(), options.heat_map_annotators);
  report.heat_map_left_out = order.size() - n;
  for (size_t i = 0; i < n; ++i)
    report.heat_map_annotators.push_back(NameOf(table.annotator_names(), order[i]));
  report.heat_map_kappa.assign(n * n, std::nullopt);
  for (size_t r = 0; r < n; ++r)
    for (size_t c = 0; c < n; ++c)
      report.heat_map_kappa[r * n + c] = PairKappa(*report.agreement.pairwise, order[r], order[c]);
}

void FillAnnotators(const VoteTable& table, const Aggregation& aggregation,
                    const std::vector<AnnotatorId>& order, QualityReport& report) {
  for (AnnotatorId a : order) {
    const AnnotatorReport& source = aggregation.annotators[a];
    ReportAnnotator row;
    row.name = NameOf(table.annotator_names(), a);
    row.votes = source.skill.votes;
    if (report.agreement.pairwise) {
      row.items = report.agreement.pairwise->items_labelled[a];
      row.mean_kappa = report.agreement.pairwise->mean_kappa_with_others[a];
    } else {
      row.mean_kappa = Statistic::Undefined("no pairwise agreement computed");
    }
    row.agreement_with_aggregate = source.agreement_with_aggregate;
    row.gold_accuracy = source.gold_accuracy;
    row.estimated_accuracy = source.skill.accuracy;
    row.spam_probability = source.skill.spam_probability;
    row.suspected_spam = source.suspected_spam;
    report.annotator_rows.push_back(std::move(row));
  }
}

// Confusion matrices of the most active annotators: against gold (the counted error matrix of
// AccuracyAgainstGold) when every one of them labelled gold items, else (one annotator's blank
// matrix would say nothing) all against the aggregated label of each item.
void FillConfusion(const VoteTable& table, const Aggregation& aggregation,
                   const std::vector<AnnotatorId>& order, const QualityReportOptions& options,
                   QualityReport& report) {
  const size_t k = table.label_count();
  const size_t n = std::min(order.size(), options.confusion_annotators);
  report.confusion_left_out = order.size() - n;
  const bool gold = report.gold_items > 0 && !report.agreement.gold.empty() &&
                    std::all_of(order.begin(), order.begin() + static_cast<ptrdiff_t>(n),
                                [&](AnnotatorId a) {
                                  const auto& c = report.agreement.gold[a].confusion;
                                  return std::accumulate(c.begin(), c.end(), uint64_t{0}) > 0;
                                });
  report.confusion_reference = gold ? "gold" : "aggregate";
  std::vector<std::vector<uint64_t>> counts(table.annotator_count());
  if (!gold) {
    for (auto& c : counts) c.assign(k * k, 0);
    const auto items = table.items();
    const auto annotators = table.annotators();
    const auto labels = table.labels();
    for (size_t v = 0; v < table.size(); ++v) {
      const LabelId reference = aggregation.estimate.labels[items[v]];
      ++counts[annotators[v]][reference * k + labels[v]];
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const AnnotatorId a = order[i];
    ReportConfusion matrix;
    matrix.annotator = NameOf(table.annotator_names(), a);
    matrix.counts = gold ? report.agreement.gold[a].confusion : counts[a];
    for (size_t r = 0; r < k; ++r) {
      for (size_t c = 0; c < k; ++c) {
        matrix.compared += matrix.counts[r * k + c];
        if (r == c) matrix.matching += matrix.counts[r * k + c];
      }
    }
    report.confusion.push_back(std::move(matrix));
  }
}

void FillItems(const VoteTable& table, const Aggregation& aggregation,
               const QualityReportOptions& options, QualityReport& report) {
  const size_t bins = std::max<size_t>(1, options.histogram_bins);
  report.agreement_histogram.assign(bins, 0);
  double share_sum = 0;
  uint64_t multi = 0;
  for (const ItemAgreement& item : report.agreement.by_item) {
    if (item.votes < 2) {
      ++report.single_vote_items;
      continue;
    }
    ++multi;
    share_sum += item.plurality_share;
    if (item.plurality_share >= 1.0) ++report.unanimous_items;
    const auto bin = static_cast<size_t>(std::floor(item.plurality_share * static_cast<double>(bins)));
    ++report.agreement_histogram[std::min(bin, bins - 1)];
  }
  if (multi > 0) report.mean_plurality_share = share_sum / static_cast<double>(multi);

  std::vector<const ItemAgreement*> disputed;
  for (const ItemAgreement& item : report.agreement.by_item)
    if (item.normalized_entropy > 0) disputed.push_back(&item);
  std::sort(disputed.begin(), disputed.end(), [](const ItemAgreement* a, const ItemAgreement* b) {
    if (a->normalized_entropy != b->normalized_entropy)
      return a->normalized_entropy > b->normalized_entropy;
    if (a->votes != b->votes) return a->votes > b->votes;
    return a->item < b->item;
  });
  if (disputed.size() > options.disagreement_examples) disputed.resize(options.disagreement_examples);
  const ItemVotes grouped = GroupByItem(table);
  for (const ItemAgreement* item : disputed) {
    ReportDisagreement row;
    row.item = NameOf(table.item_names(), item->item);
    row.normalized_entropy = item->normalized_entropy;
    row.plurality_share = item->plurality_share;
    row.aggregate_label = NameOf(table.label_names(), aggregation.estimate.labels[item->item]);
    if (item->item < options.gold.size() && options.gold[item->item])
      row.gold = NameOf(table.label_names(), *options.gold[item->item]);
    for (uint32_t v = grouped.offsets[item->item]; v < grouped.offsets[item->item + 1]; ++v) {
      row.votes.emplace_back(NameOf(table.annotator_names(), grouped.annotators[v]),
                             NameOf(table.label_names(), grouped.labels[v]));
    }
    report.disagreements.push_back(std::move(row));
  }

  report.label_distribution.resize(table.label_count());
  for (LabelId l = 0; l < table.label_count(); ++l)
    report.label_distribution[l].label = NameOf(table.label_names(), l);
  for (LabelId l : table.labels()) ++report.label_distribution[l].votes;
  for (LabelId l : aggregation.estimate.labels) ++report.label_distribution[l].aggregated_items;
}

}  // namespace

Result<QualityReport> ComputeQualityReport(const VoteTable& table,
                                           const QualityReportOptions& options) {
  if (table.empty()) {
    return InvalidArgument("the vote table has no votes: a report needs at least one label",
                           "votes");
  }
  QualityReport report;
  report.votes = table.size();
  report.items = table.item_count();
  report.annotators = table.annotator_count();
  report.labels = table.label_names().Names();
  for (const auto& g : options.gold) report.gold_items += g.has_value();
  report.method = TruthMethodName(options.method);
  report.method_title = TruthMethodTitle(options.method);
  report.min_shared_items = options.min_shared_items;

  AgreementReportOptions agreement;
  agreement.by_item = true;
  agreement.pairwise = true;
  agreement.min_shared_items = options.min_shared_items;
  agreement.bootstrap_samples = options.bootstrap_samples;
  agreement.seed = options.seed;
  if (report.gold_items > 0) agreement.gold = options.gold;
  auto computed = ComputeAgreementReport(table, agreement);
  if (!computed.ok()) return computed.status();
  report.agreement = std::move(computed).value();

  AggregateOptions aggregate;
  aggregate.method = options.method;
  aggregate.seed = options.seed;
  aggregate.threads = options.threads;
  if (report.gold_items > 0) aggregate.gold = options.gold;
  auto aggregation = Aggregate(table, aggregate);
  if (!aggregation.ok()) return aggregation.status();

  const std::vector<AnnotatorId> order = ByActivity(table, *aggregation);
  FillHeatMap(table, order, options, report);
  FillAnnotators(table, *aggregation, order, report);
  FillConfusion(table, *aggregation, order, options, report);
  FillItems(table, *aggregation, options, report);
  return report;
}

}  // namespace chorus::quality
