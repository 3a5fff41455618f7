#include "cli/numeric_aggregate_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/number_text.h"
#include "cli/text_table.h"
#include "core/csv_writer.h"

namespace chorus::cli {
namespace {

using Json = nlohmann::ordered_json;
using quality::NumericAggregation;
using quality::VoteTable;
using Align = TextTable::Align;

std::string Exact8(double value) { return Exact(value, 8); }
Json JsonOf(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

bool IsNoiseAware(const NumericAggregation& aggregation) {
  return aggregation.method == quality::NumericMethod::kNoiseAware;
}

// Annotators who voted, ordered by `key` descending (stable: ties keep id order).
template <typename Key>
std::vector<quality::AnnotatorId> Ranked(const NumericAggregation& aggregation, Key key) {
  std::vector<quality::AnnotatorId> order;
  for (quality::AnnotatorId a = 0; a < aggregation.annotators.size(); ++a) {
    if (aggregation.annotators[a].votes > 0) order.push_back(a);
  }
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return key(aggregation.annotators[a]) > key(aggregation.annotators[b]);
  });
  return order;
}

std::vector<quality::AnnotatorId> MostBiased(const NumericAggregation& aggregation) {
  return Ranked(aggregation, [](const quality::NumericAnnotator& a) { return std::abs(a.bias); });
}
std::vector<quality::AnnotatorId> Noisiest(const NumericAggregation& aggregation) {
  return Ranked(aggregation, [](const quality::NumericAnnotator& a) { return a.noise_sd; });
}

TextTable AnnotatorTable(const VoteTable& table, const NumericAggregation& aggregation,
                         const std::vector<quality::AnnotatorId>& order, size_t rows) {
  TextTable out({{"Annotator"},
                 {"Votes", Align::kRight},
                 {"Bias", Align::kRight},
                 {"Noise SD", Align::kRight}});
  for (size_t i = 0; i < order.size() && i < rows; ++i) {
    const auto& annotator = aggregation.annotators[order[i]];
    out.AddRow({PrintableName(table.annotator_names().Name(order[i])),
                std::to_string(annotator.votes), fmt::format("{:+.3f}", annotator.bias),
                Number(annotator.noise_sd)});
  }
  return out;
}

Json AnnotatorJson(const VoteTable& table, const NumericAggregation& aggregation,
                   quality::AnnotatorId a) {
  const auto& annotator = aggregation.annotators[a];
  return {{"annotator", table.annotator_names().Name(a)},
          {"votes", annotator.votes},
          {"bias", annotator.bias},
          {"noise_sd", annotator.noise_sd}};
}

Json AnnotatorListJson(const VoteTable& table, const NumericAggregation& aggregation,
                       const std::vector<quality::AnnotatorId>& order, size_t rows) {
  Json out = Json::array();
  for (size_t i = 0; i < order.size() && i < rows; ++i) {
    out.push_back(AnnotatorJson(table, aggregation, order[i]));
  }
  return out;
}

uint64_t ItemsWithoutInterval(const NumericAggregation& aggregation) {
  uint64_t count = 0;
  for (const auto& item : aggregation.items) count += item.value && !item.ci95 && !item.gold;
  return count;
}

}  // namespace

void WriteNumericItems(std::ostream& out, const VoteTable& table,
                       const NumericAggregation& aggregation, ItemFormat format) {
  if (format == ItemFormat::kCsv) {
    out << CsvRecord({"item", "value", "nearest_label", "votes", "spread", "ci_low", "ci_high"});
  }
  for (size_t i = 0; i < aggregation.items.size(); ++i) {
    const quality::NumericItem& item = aggregation.items[i];
    const std::string_view name = table.item_names().Name(i);
    const std::string_view label =
        item.nearest_label ? table.label_names().Name(*item.nearest_label) : "";
    // One vote has spread 0; no votes, no spread.
    if (format == ItemFormat::kCsv) {
      out << CsvRecord({name, item.value ? Exact8(*item.value) : "", label,
                        std::to_string(item.votes), item.votes > 0 ? Exact8(item.spread) : "",
                        item.ci95 ? Exact8(item.ci95->low) : "",
                        item.ci95 ? Exact8(item.ci95->high) : ""});
      continue;
    }
    // Built field by field: std::optional temporaries here trip GCC's maybe-uninitialized.
    Json row = Json::object();
    row["item"] = name;
    row["value"] = item.value ? Json(*item.value) : Json(nullptr);
    row["nearest_label"] = item.nearest_label ? Json(label) : Json(nullptr);
    row["votes"] = item.votes;
    row["spread"] = item.votes > 0 ? Json(item.spread) : Json(nullptr);
    row["ci_low"] = item.ci95 ? Json(item.ci95->low) : Json(nullptr);
    row["ci_high"] = item.ci95 ? Json(item.ci95->high) : Json(nullptr);
    if (!item.undefined_reason.empty()) row["undefined"] = item.undefined_reason;
    out << row.dump() << '\n';
  }
}

std::string RenderNumericSummaryText(const VoteTable& table, const NumericAggregation& aggregation,
                                     const AggregateSource& source, size_t annotator_rows) {
  const std::string file = source.file == "-" ? "standard input" : PrintableName(source.file);
  std::string out = fmt::format("Aggregated {} with the {}\n", file,
                                quality::NumericMethodTitle(aggregation.method));
  out += fmt::format("{} items, {} annotators, {} votes", table.item_count(),
                     table.annotator_count(), table.size());
  if (IsNoiseAware(aggregation)) {
    out +=
        fmt::format("; {} after {} iterations",
                    aggregation.converged ? "converged" : "NOT converged", aggregation.iterations);
    if (aggregation.log_likelihood) {
      out += fmt::format(" (penalised log-likelihood {:.2f})", *aggregation.log_likelihood);
    }
  }
  out += "\n";
  out += fmt::format(
      "{} items without votes (no value); {} items without a 95% interval "
      "(too few votes)\n",
      aggregation.items_without_votes, ItemsWithoutInterval(aggregation));
  if (aggregation.gold) {
    const auto& gold = *aggregation.gold;
    out +=
        gold.gold_items == 0
            ? std::string("No gold item has votes: nothing to compare\n")
            : fmt::format("Error on {} gold items{}: mean absolute {}, root mean squared {}\n",
                          gold.gold_items, IsNoiseAware(aggregation) ? ", fitted without them" : "",
                          Number(gold.mean_absolute_error), Number(gold.root_mean_squared_error));
  }
  if (!aggregation.converged) {
    out +=
        "Warning: the fit stopped at the iteration cap; raise --max-iterations or check the "
        "data\n";
  }
  out += fmt::format("Items written to {}\n",
                     source.out_file.empty() ? "standard output" : PrintableName(source.out_file));
  const auto biased = MostBiased(aggregation);
  const auto noisy = Noisiest(aggregation);
  const size_t rows = std::min(annotator_rows, biased.size());
  const char* against = IsNoiseAware(aggregation) ? "model estimates" : "against the item values";
  out += fmt::format("\nMost biased annotators ({} of {}, {}; chorus annotators lists all)\n", rows,
                     biased.size(), against);
  out += AnnotatorTable(table, aggregation, biased, rows).Render();
  out += fmt::format("\nNoisiest annotators ({} of {})\n", rows, noisy.size());
  return out + AnnotatorTable(table, aggregation, noisy, rows).Render();
}

std::string RenderNumericSummaryJson(const VoteTable& table, const NumericAggregation& aggregation,
                                     const AggregateSource& source, size_t annotator_rows) {
  Json out;
  out["input"] = {{"file", source.file},
                  {"items", table.item_count()},
                  {"annotators", table.annotator_count()},
                  {"votes", table.size()}};
  out["method"] = quality::NumericMethodName(aggregation.method);
  if (IsNoiseAware(aggregation)) {
    out["iterations"] = aggregation.iterations;
    out["converged"] = aggregation.converged;
    out["log_likelihood"] = JsonOf(aggregation.log_likelihood);
    out["prior_variance"] = aggregation.prior_variance;
  }
  out["items_without_votes"] = aggregation.items_without_votes;
  out["items_without_interval"] = ItemsWithoutInterval(aggregation);
  if (aggregation.gold) {
    out["gold"] = {{"file", source.gold_file},
                   {"gold_items", aggregation.gold->gold_items},
                   {"mean_absolute_error", aggregation.gold->mean_absolute_error},
                   {"root_mean_squared_error", aggregation.gold->root_mean_squared_error}};
  }
  out["items_file"] = source.out_file.empty() ? Json(nullptr) : Json(source.out_file);
  out["most_biased"] =
      AnnotatorListJson(table, aggregation, MostBiased(aggregation), annotator_rows);
  out["noisiest"] = AnnotatorListJson(table, aggregation, Noisiest(aggregation), annotator_rows);
  return out.dump(2) + "\n";
}

std::string RenderNumericAnnotatorsText(const VoteTable& table,
                                        const NumericAggregation& aggregation) {
  const auto order = Noisiest(aggregation);
  return fmt::format("Annotators by noise SD ({}), noisiest first; bias = mean of vote - {}\n",
                     quality::NumericMethodName(aggregation.method),
                     IsNoiseAware(aggregation) ? "truth (model)" : "item value") +
         AnnotatorTable(table, aggregation, order, order.size()).Render();
}

std::string RenderNumericAnnotatorsJson(const VoteTable& table,
                                        const NumericAggregation& aggregation) {
  const auto order = Noisiest(aggregation);
  return AnnotatorListJson(table, aggregation, order, order.size()).dump(2) + "\n";
}

std::string RenderNumericAnnotatorsCsv(const VoteTable& table,
                                       const NumericAggregation& aggregation) {
  std::string out = CsvRecord({"annotator", "votes", "bias", "noise_sd"});
  for (quality::AnnotatorId a : Noisiest(aggregation)) {
    const auto& annotator = aggregation.annotators[a];
    out += CsvRecord({table.annotator_names().Name(a), std::to_string(annotator.votes),
                      Exact8(annotator.bias), Exact8(annotator.noise_sd)});
  }
  return out;
}

}  // namespace chorus::cli
