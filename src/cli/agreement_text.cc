#include <fmt/format.h>

#include <algorithm>

#include "cli/agreement_output.h"
#include "cli/number_text.h"
#include "cli/text_table.h"

namespace chorus::cli {
namespace {

using quality::AgreementReport;
using quality::Statistic;
using quality::VoteTable;
using Align = TextTable::Align;

constexpr size_t kMatrixMaxAnnotators = 8;  // Wider matrices wrap on an 80-column terminal.
constexpr size_t kPairRows = 10;

std::string ValueText(const Statistic& statistic) {
  return statistic.defined() ? Number(*statistic.value) : "undefined";
}

std::string Interval(const Statistic& statistic) {
  if (!statistic.defined() || !statistic.ci95) return "";
  return fmt::format("{} to {}", Number(statistic.ci95->low), Number(statistic.ci95->high));
}

std::string Band(const Statistic& statistic, bool chance_corrected) {
  return chance_corrected && statistic.defined() ? quality::LandisKochBand(*statistic.value) : "";
}

std::string Header(const AgreementReport& report, const AgreementSource& source) {
  std::vector<std::string> labels;
  for (const auto& label : report.labels) labels.push_back(PrintableName(label));
  const size_t shown = std::min<size_t>(labels.size(), 8);
  std::string label_list =
      fmt::format("{}", fmt::join(labels.begin(), labels.begin() + shown, ", "));
  if (shown < labels.size()) label_list += fmt::format(", and {} more", labels.size() - shown);
  const std::string file = source.file == "-" ? "standard input" : PrintableName(source.file);
  std::string out = fmt::format("Agreement on {}\n", file);
  out += fmt::format("{} votes on {} items by {} annotators; {} labels ({}); {} level\n",
                     report.votes, report.items, report.annotators, report.labels.size(),
                     label_list, quality::MeasurementLevelName(report.level));
  if (source.missing_skipped) {
    out += fmt::format("{} rows without a label were skipped\n", source.missing_skipped);
  }
  if (source.duplicates_dropped) {
    out += fmt::format("{} repeated votes were dropped\n", source.duplicates_dropped);
  }
  return out + "\n";
}

std::string Statistics(const AgreementReport& report) {
  TextTable table({{"Statistic"}, {"Value", Align::kRight}, {"95% CI"}, {"Band"}, {"Note"}});
  std::string undefined;
  for (const auto& entry : report.entries) {
    table.AddRow({entry.title, ValueText(entry.statistic), Interval(entry.statistic),
                  Band(entry.statistic, entry.chance_corrected), entry.note});
    if (!entry.statistic.defined()) {
      undefined += fmt::format("  {}: {}\n", entry.title, entry.statistic.undefined_reason);
    }
  }
  std::string out = table.Render();
  if (!report.fleiss_per_category.empty()) {
    std::vector<std::string> parts;
    for (size_t c = 0; c < report.fleiss_per_category.size(); ++c) {
      const Statistic& kappa = report.fleiss_per_category[c];
      parts.push_back(fmt::format("{} {}", PrintableName(report.labels[c]), ValueText(kappa)));
    }
    out += fmt::format("\nFleiss' kappa per label: {}\n", fmt::join(parts, ", "));
  }
  if (report.alpha_bootstrap) {
    const auto& boot = *report.alpha_bootstrap;
    std::vector<std::string> parts;
    for (const auto& [threshold, probability] : boot.probability_below) {
      parts.push_back(fmt::format("P(alpha < {:g}) = {:.3f}", threshold, probability));
    }
    out += fmt::format("Krippendorff's alpha bootstrap ({} samples, seed {}): {}\n", boot.samples,
                       report.bootstrap_seed, fmt::join(parts, ", "));
  }
  if (!undefined.empty()) out += "\nUndefined:\n" + undefined;
  for (const auto& warning : report.warnings) out += "\nWarning: " + warning + "\n";
  return out;
}

std::string Items(const AgreementReport& report, const VoteTable& votes, size_t rows) {
  std::vector<const quality::ItemAgreement*> order;
  for (const auto& item : report.by_item) order.push_back(&item);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return a->normalized_entropy > b->normalized_entropy;
  });
  TextTable table({{"Item"},
                   {"Votes", Align::kRight},
                   {"Plurality"},
                   {"Share", Align::kRight},
                   {"Entropy", Align::kRight}});
  for (size_t i = 0; i < order.size() && i < rows; ++i) {
    const auto& item = *order[i];
    table.AddRow({PrintableName(votes.item_names().Name(item.item)), std::to_string(item.votes),
                  PrintableName(report.labels[item.plurality_label]) + (item.tied ? " (tie)" : ""),
                  Number(item.plurality_share), Number(item.normalized_entropy)});
  }
  const size_t shown = std::min(rows, order.size());
  return fmt::format("\nItems with the least agreement ({} of {}; --format json lists all)\n",
                     shown, order.size()) +
         table.Render();
}

std::string Pairwise(const quality::AnnotatorAgreement& pairwise, const VoteTable& votes) {
  const size_t n = votes.annotator_count();
  std::string out = "\nAnnotators: mean Cohen's kappa with the others\n";
  TextTable summary(
      {{"Annotator"}, {"Items", Align::kRight}, {"Mean kappa", Align::kRight}, {"Band"}});
  for (size_t a = 0; a < n; ++a) {
    const Statistic& mean = pairwise.mean_kappa_with_others[a];
    summary.AddRow({PrintableName(votes.annotator_names().Name(a)),
                    std::to_string(pairwise.items_labelled[a]), ValueText(mean), Band(mean, true)});
  }
  out += summary.Render();
  if (n <= kMatrixMaxAnnotators) {
    std::vector<TextTable::Column> columns = {{"Cohen's kappa"}};
    for (size_t a = 0; a < n; ++a) {
      columns.push_back({PrintableName(votes.annotator_names().Name(a)), Align::kRight});
    }
    TextTable matrix(columns);
    std::vector<std::vector<std::string>> cells(n, std::vector<std::string>(n + 1, ""));
    for (size_t a = 0; a < n; ++a) {
      cells[a][0] = PrintableName(votes.annotator_names().Name(a));
      cells[a][a + 1] = "-";
    }
    for (const auto& pair : pairwise.pairs) {
      cells[pair.first][pair.second + 1] = cells[pair.second][pair.first + 1] =
          pair.cohen_kappa.defined() ? Number(*pair.cohen_kappa.value) : "n/a";
    }
    for (auto& row : cells) matrix.AddRow(std::move(row));
    return out + "\n" + matrix.Render() +
           "n/a: fewer shared items than --min-shared, or undefined\n";
  }
  std::vector<const quality::AnnotatorPairAgreement*> defined;
  for (const auto& pair : pairwise.pairs) {
    if (pair.cohen_kappa.defined()) defined.push_back(&pair);
  }
  std::sort(defined.begin(), defined.end(), [](const auto* a, const auto* b) {
    return *a->cohen_kappa.value < *b->cohen_kappa.value;
  });
  TextTable lowest({{"First"}, {"Second"}, {"Shared", Align::kRight}, {"Kappa", Align::kRight}});
  for (size_t i = 0; i < defined.size() && i < kPairRows; ++i) {
    lowest.AddRow({PrintableName(votes.annotator_names().Name(defined[i]->first)),
                   PrintableName(votes.annotator_names().Name(defined[i]->second)),
                   std::to_string(defined[i]->shared_items), ValueText(defined[i]->cohen_kappa)});
  }
  return out +
         fmt::format("\nLeast agreeing pairs ({} of {} with a kappa; --format json lists all)\n",
                     std::min(kPairRows, defined.size()), defined.size()) +
         lowest.Render();
}

std::string Gold(const AgreementReport& report, const VoteTable& votes,
                 const AgreementSource& source) {
  std::vector<const quality::AnnotatorAccuracy*> order;
  for (const auto& accuracy : report.gold) {
    if (accuracy.gold_items_labelled > 0) order.push_back(&accuracy);
  }
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return *a->accuracy.value < *b->accuracy.value;
  });
  TextTable table({{"Annotator"},
                   {"Gold votes", Align::kRight},
                   {"Correct", Align::kRight},
                   {"Accuracy", Align::kRight},
                   {"95% CI (Wilson)"}});
  for (const auto* accuracy : order) {
    table.AddRow({PrintableName(votes.annotator_names().Name(accuracy->annotator)),
                  std::to_string(accuracy->gold_items_labelled), std::to_string(accuracy->correct),
                  ValueText(accuracy->accuracy), Interval(accuracy->accuracy)});
  }
  std::string out = fmt::format("\nAccuracy against gold ({}: {} gold items",
                                PrintableName(source.gold_file), report.gold_items);
  if (source.gold_items_not_in_votes) {
    out += fmt::format(", {} not labelled by anyone", source.gold_items_not_in_votes);
  }
  out += fmt::format("; {} annotators labelled none; confusion matrices: --format json)\n",
                     report.gold.size() - order.size());
  return out + table.Render();
}

}  // namespace

std::string RenderAgreementText(const AgreementReport& report, const VoteTable& table,
                                const AgreementSource& source, const TextOptions& options) {
  std::string out = Header(report, source) + Statistics(report);
  if (!report.by_item.empty()) out += Items(report, table, options.item_rows);
  if (report.pairwise) out += Pairwise(*report.pairwise, table);
  if (!source.gold_file.empty()) out += Gold(report, table, source);
  return out;
}

}  // namespace chorus::cli
