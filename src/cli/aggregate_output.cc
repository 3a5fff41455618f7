#include "cli/aggregate_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <numeric>

#include "cli/number_text.h"
#include "cli/parallel_writer.h"
#include "cli/text_table.h"
#include "core/csv_writer.h"
#include "core/format_number.h"

namespace chorus::cli {
namespace {

using Json = nlohmann::ordered_json;
using quality::Aggregation;
using quality::VoteTable;
using Align = TextTable::Align;

Json StatisticJson(const quality::Statistic& s) {
  Json out;
  out["value"] = s.value ? Json(*s.value) : Json(nullptr);
  if (!s.defined()) out["undefined"] = s.undefined_reason;
  if (s.ci95) out["ci95"] = {s.ci95->low, s.ci95->high};
  return out;
}

// Annotators in ascending estimated accuracy: the least reliable first.
std::vector<quality::AnnotatorId> ByAccuracy(const Aggregation& aggregation) {
  std::vector<quality::AnnotatorId> order(aggregation.annotators.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return aggregation.annotators[a].skill.accuracy < aggregation.annotators[b].skill.accuracy;
  });
  return order;
}

TextTable AnnotatorTable(const VoteTable& table, const Aggregation& aggregation, size_t rows) {
  const bool gold = aggregation.gold.has_value();
  std::vector<TextTable::Column> columns = {{"Annotator"},
                                            {"Votes", Align::kRight},
                                            {"Est. accuracy", Align::kRight},
                                            {"Agrees with aggregate", Align::kRight}};
  if (gold) columns.push_back({"Gold accuracy (95% CI)"});
  columns.push_back({"Suspected spam"});
  TextTable out(columns);
  const auto order = ByAccuracy(aggregation);
  for (size_t i = 0; i < order.size() && i < rows; ++i) {
    const auto& report = aggregation.annotators[order[i]];
    std::vector<std::string> cells = {
        PrintableName(table.annotator_names().Name(order[i])), std::to_string(report.skill.votes),
        Number(report.skill.accuracy), Number(report.agreement_with_aggregate)};
    if (gold) {
      const auto& accuracy = *report.gold_accuracy;
      cells.push_back(accuracy.defined() && accuracy.ci95
                          ? fmt::format("{} ({} to {})", Number(*accuracy.value),
                                        Number(accuracy.ci95->low), Number(accuracy.ci95->high))
                          : "no gold votes");
    }
    cells.emplace_back(report.suspected_spam ? "yes" : "");
    out.AddRow(std::move(cells));
  }
  return out;
}

// printf's %.6g, many times faster than a format string.
void AppendNumber(std::string& text, double value) { AppendGeneral(text, value, 6); }

void SetNumber(std::string& text, double value) {
  text.clear();
  AppendNumber(text, value);
}

// "label:p;label:p" over every class.
void SetDistribution(std::string& text, const VoteTable& table, std::span<const double> p) {
  text.clear();
  for (size_t c = 0; c < p.size(); ++c) {
    if (c > 0) text.push_back(';');
    text.append(table.label_names().Name(c));
    text.push_back(':');
    AppendNumber(text, p[c]);
  }
}

// The annotator rows, least reliable first: the `chorus annotators` output and the summary's.
Json AnnotatorsJson(const VoteTable& table, const Aggregation& aggregation) {
  Json rows = Json::array();
  for (quality::AnnotatorId a : ByAccuracy(aggregation)) {
    const auto& report = aggregation.annotators[a];
    Json row = {{"annotator", table.annotator_names().Name(a)},
                {"votes", report.skill.votes},
                {"estimated_accuracy", report.skill.accuracy},
                {"agreement_with_aggregate", report.agreement_with_aggregate},
                {"suspected_spam", report.suspected_spam}};
    if (report.skill.spam_probability) row["spam_probability"] = *report.skill.spam_probability;
    if (report.gold_accuracy) row["gold_accuracy"] = StatisticJson(*report.gold_accuracy);
    if (!report.skill.confusion.empty()) {
      const size_t k = aggregation.estimate.class_count;
      Json confusion = Json::object();
      for (size_t t = 0; t < k; ++t) {
        Json given = Json::object();
        for (size_t g = 0; g < k; ++g) {
          given[std::string(table.label_names().Name(g))] = report.skill.confusion[t * k + g];
        }
        confusion[std::string(table.label_names().Name(t))] = given;
      }
      row["confusion"] = confusion;
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

void WriteAggregatedItems(std::ostream& out, const VoteTable& table, const Aggregation& aggregation,
                          ItemFormat format, bool with_vote_distribution, unsigned threads) {
  const auto& estimate = aggregation.estimate;
  const auto& soft = aggregation.soft;
  if (format == ItemFormat::kCsv) {
    out << (with_vote_distribution ? CsvRecord({"item", "label", "confidence", "weight",
                                                "ambiguous", "distribution", "vote_distribution"})
                                   : CsvRecord({"item", "label", "confidence", "weight",
                                                "ambiguous", "distribution"}));
  }
  const auto csv_rows = [&](size_t first, size_t last, std::string& text) {
    std::string distribution, votes, confidence, weight;
    for (size_t i = first; i < last; ++i) {
      SetNumber(confidence, estimate.confidence[i]);
      SetNumber(weight, soft.training_weight[i]);
      SetDistribution(distribution, table, estimate.posterior.row(i));
      const std::string_view item = table.item_names().Name(i);
      const std::string_view label = table.label_names().Name(estimate.labels[i]);
      const std::string_view ambiguous = soft.ambiguous[i] != 0 ? "true" : "false";
      if (with_vote_distribution) {
        SetDistribution(votes, table, soft.vote_shares.row(i));
        AppendCsvRecord(text, {item, label, confidence, weight, ambiguous, distribution, votes});
      } else {
        AppendCsvRecord(text, {item, label, confidence, weight, ambiguous, distribution});
      }
    }
  };
  const auto json_rows = [&](size_t first, size_t last, std::string& text) {
    const auto named = [&](std::span<const double> p) {
      Json object = Json::object();
      for (size_t c = 0; c < p.size(); ++c) object[std::string(table.label_names().Name(c))] = p[c];
      return object;
    };
    for (size_t i = first; i < last; ++i) {
      Json row = {{"item", table.item_names().Name(i)},
                  {"label", table.label_names().Name(estimate.labels[i])},
                  {"confidence", estimate.confidence[i]},
                  {"weight", soft.training_weight[i]},
                  {"ambiguous", soft.ambiguous[i] != 0},
                  {"distribution", named(estimate.posterior.row(i))}};
      if (with_vote_distribution) row["vote_distribution"] = named(soft.vote_shares.row(i));
      text += row.dump();
      text.push_back('\n');
    }
  };
  if (format == ItemFormat::kCsv) {
    WriteInOrder(out, estimate.labels.size(), threads, csv_rows);
  } else {
    WriteInOrder(out, estimate.labels.size(), threads, json_rows);
  }
}

std::string RenderAggregateSummaryText(const VoteTable& table, const Aggregation& aggregation,
                                       const AggregateSource& source, size_t annotator_rows) {
  const auto& estimate = aggregation.estimate;
  const std::string file = source.file == "-" ? "standard input" : PrintableName(source.file);
  auto method = quality::ParseTruthMethod(estimate.method);
  std::string out = fmt::format("Aggregated {} with {}\n", file,
                                method.ok() ? quality::TruthMethodTitle(*method) : estimate.method);
  out += fmt::format("{} items, {} annotators, {} votes, {} classes", table.item_count(),
                     table.annotator_count(), table.size(), table.label_count());
  if (estimate.iterations > 0) {
    out += fmt::format("; {} after {} iterations",
                       estimate.converged ? "converged" : "NOT converged", estimate.iterations);
  }
  if (estimate.log_likelihood)
    out += fmt::format(" (log-likelihood {:.2f})", *estimate.log_likelihood);
  out += "\n";
  out += fmt::format(
      "Agrees with majority vote on {:.1f}% of items; {} ties broken by the seed; "
      "{} ambiguous items\n",
      100 * aggregation.agreement_with_majority, aggregation.ties, aggregation.ambiguous);
  if (aggregation.gold) {
    const auto& gold = *aggregation.gold;
    if (gold.accuracy.defined() && gold.accuracy.ci95) {
      out += fmt::format("Accuracy on {} gold items, fitted without them: {} (95% CI {} to {})",
                         gold.gold_items, Number(*gold.accuracy.value),
                         Number(gold.accuracy.ci95->low), Number(gold.accuracy.ci95->high));
    } else {
      out += "Accuracy on gold: " + gold.accuracy.undefined_reason;
    }
    if (gold.estimated_accuracy.defined()) {
      out += fmt::format("; estimated accuracy on the {} other items: {}", gold.other_items,
                         Number(*gold.estimated_accuracy.value));
    }
    out += "\n";
  }
  if (!estimate.converged) {
    out +=
        "Warning: the fit stopped at the iteration cap; raise --max-iterations or check the "
        "data\n";
  }
  out += fmt::format("Items written to {}\n",
                     source.out_file.empty() ? "standard output" : PrintableName(source.out_file));
  const size_t rows = std::min(annotator_rows, aggregation.annotators.size());
  out += fmt::format("\nLeast reliable annotators ({} of {}; chorus annotators lists all)\n", rows,
                     aggregation.annotators.size());
  return out + AnnotatorTable(table, aggregation, rows).Render();
}

std::string RenderAggregateSummaryJson(const VoteTable& table, const Aggregation& aggregation,
                                       const AggregateSource& source) {
  const auto& estimate = aggregation.estimate;
  Json out;
  out["input"] = {{"file", source.file},
                  {"items", table.item_count()},
                  {"annotators", table.annotator_count()},
                  {"votes", table.size()},
                  {"classes", table.label_names().Names()}};
  out["method"] = estimate.method;
  out["iterations"] = estimate.iterations;
  out["converged"] = estimate.converged;
  out["log_likelihood"] = estimate.log_likelihood ? Json(*estimate.log_likelihood) : Json(nullptr);
  out["agreement_with_majority"] = aggregation.agreement_with_majority;
  out["ties"] = aggregation.ties;
  out["ambiguous"] = aggregation.ambiguous;
  if (aggregation.gold) {
    out["gold"] = {
        {"file", source.gold_file},
        {"gold_items", aggregation.gold->gold_items},
        {"correct", aggregation.gold->correct},
        {"accuracy", StatisticJson(aggregation.gold->accuracy)},
        {"estimated_accuracy_elsewhere", StatisticJson(aggregation.gold->estimated_accuracy)}};
  }
  out["items_file"] = source.out_file.empty() ? Json(nullptr) : Json(source.out_file);
  out["annotators"] = AnnotatorsJson(table, aggregation);
  return out.dump(2) + "\n";
}

std::string RenderAnnotatorsText(const VoteTable& table, const Aggregation& aggregation) {
  return fmt::format("Annotators by estimated accuracy ({}), least reliable first\n",
                     aggregation.estimate.method) +
         AnnotatorTable(table, aggregation, aggregation.annotators.size()).Render();
}

std::string RenderAnnotatorsJson(const VoteTable& table, const Aggregation& aggregation) {
  return AnnotatorsJson(table, aggregation).dump(2) + "\n";
}

std::string RenderAnnotatorsCsv(const VoteTable& table, const Aggregation& aggregation) {
  std::string out = CsvRecord({"annotator", "votes", "estimated_accuracy",
                               "agreement_with_aggregate", "gold_accuracy", "suspected_spam"});
  for (quality::AnnotatorId a : ByAccuracy(aggregation)) {
    const auto& report = aggregation.annotators[a];
    const std::string gold = report.gold_accuracy && report.gold_accuracy->defined()
                                 ? Exact(*report.gold_accuracy->value)
                                 : "";
    out += CsvRecord({table.annotator_names().Name(a), std::to_string(report.skill.votes),
                      Exact(report.skill.accuracy), Exact(report.agreement_with_aggregate), gold,
                      report.suspected_spam ? "true" : "false"});
  }
  return out;
}

}  // namespace chorus::cli
