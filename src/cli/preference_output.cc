#include "cli/preference_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

#include "cli/number_text.h"
#include "cli/text_table.h"
#include "core/csv_writer.h"

namespace chorus::cli {
namespace {

using Json = nlohmann::ordered_json;
using quality::ComparisonTable;
using quality::PreferenceFit;
using Align = TextTable::Align;

std::vector<uint32_t> ByRank(const PreferenceFit& fit) {
  std::vector<uint32_t> order(fit.options.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return fit.options[a].rank < fit.options[b].rank;
  });
  return order;
}

// Annotators by ascending reliability: the least reliable first.
std::vector<uint32_t> ByReliability(const std::vector<quality::AnnotatorReliability>& annotators) {
  std::vector<uint32_t> order(annotators.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return annotators[a].eta < annotators[b].eta; });
  return order;
}

std::string MethodTitle(const std::string& method) {
  return method == "crowdbt" ? "Crowd-BT (Chen et al. 2013), Davidson ties"
                             : "Bradley-Terry (Hunter's MM), Davidson ties";
}

}  // namespace

void WritePreferenceOptions(std::ostream& out, const ComparisonTable& table,
                            const PreferenceFit& fit, ItemFormat format) {
  if (format == ItemFormat::kCsv) {
    std::string header;
    for (const char* column : kPreferenceColumns) {
      header += header.empty() ? "" : ",";
      header += column;
    }
    out << header << '\n';
  }
  for (uint32_t id : ByRank(fit)) {
    const quality::OptionScore& o = fit.options[id];
    const std::string_view name = table.option_names().Name(id);
    if (format == ItemFormat::kCsv) {
      out << CsvRecord({name, Exact(o.score), Exact(o.ci95.low), Exact(o.ci95.high),
                        std::to_string(o.rank), std::to_string(o.rank_low),
                        std::to_string(o.rank_high), std::to_string(o.wins),
                        std::to_string(o.losses), std::to_string(o.ties),
                        std::to_string(o.comparisons), std::to_string(o.component)});
      continue;
    }
    const Json row = {{"option", name},
                      {"score", o.score},
                      {"score_low", o.ci95.low},
                      {"score_high", o.ci95.high},
                      {"rank", o.rank},
                      {"rank_low", o.rank_low},
                      {"rank_high", o.rank_high},
                      {"wins", o.wins},
                      {"losses", o.losses},
                      {"ties", o.ties},
                      {"comparisons", o.comparisons},
                      {"component", o.component}};
    out << row.dump() << '\n';
  }
}

std::string RenderPreferenceSummaryText(const PreferenceSummaryInput& input, size_t rows) {
  const ComparisonTable& table = input.file->table;
  const quality::ComparisonReadReport& report = input.file->report;
  const PreferenceFit& fit = *input.fit;
  const std::string file =
      input.source_file == "-" ? "standard input" : PrintableName(input.source_file);
  std::string out = fmt::format("Ranked {} options of {} with {}\n", table.option_count(), file,
                                MethodTitle(fit.method));
  out += fmt::format(
      "{} comparisons ({} ties, {} of them both-bad) by {} annotators on {} items; "
      "{} after {} iterations (log-likelihood {:.2f})\n",
      report.comparisons, report.ties, report.both_bad, table.annotator_count(), table.item_count(),
      fit.converged ? "converged" : "NOT converged", fit.iterations, fit.log_likelihood);
  out += fmt::format("Tie parameter nu = {} (two equal options tie {:.1f}% of the time)\n",
                     Number(fit.tie_parameter), 100 * fit.tie_parameter / (2 + fit.tie_parameter));
  out += fmt::format("95% intervals from {}\n",
                     fit.uncertainty == quality::ScoreUncertainty::kBootstrap
                         ? fmt::format("a bootstrap of {} resamples", fit.bootstrap_samples)
                         : std::string("the observed information"));
  for (const std::string& note : fit.notes) out += "Warning: " + note + "\n";
  out += fmt::format("Options written to {}\n",
                     input.out_file.empty() ? "standard output" : PrintableName(input.out_file));

  const auto order = ByRank(fit);
  const size_t shown = std::min(rows, order.size());
  out += fmt::format("\nTop options ({} of {})\n", shown, order.size());
  TextTable top({{"Rank", Align::kRight},
                 {"Option"},
                 {"Score (95% CI)"},
                 {"Rank range"},
                 {"Comparisons", Align::kRight}});
  for (size_t i = 0; i < shown; ++i) {
    const quality::OptionScore& o = fit.options[order[i]];
    top.AddRow(
        {std::to_string(o.rank), PrintableName(table.option_names().Name(order[i])),
         fmt::format("{} ({} to {})", Number(o.score), Number(o.ci95.low), Number(o.ci95.high)),
         fmt::format("{}-{}", o.rank_low, o.rank_high), std::to_string(o.comparisons)});
  }
  out += top.Render();

  if (input.annotators != nullptr) {
    const auto& annotators = *input.annotators;
    const auto by_reliability = ByReliability(annotators);
    const size_t listed = std::min(rows, by_reliability.size());
    out += fmt::format("\nLeast reliable annotators ({} of {})\n", listed, annotators.size());
    TextTable table_out({{"Annotator"},
                         {"Votes", Align::kRight},
                         {"Reliability", Align::kRight},
                         {"Agrees with ranking", Align::kRight}});
    for (size_t i = 0; i < listed; ++i) {
      const auto& a = annotators[by_reliability[i]];
      table_out.AddRow({PrintableName(table.annotator_names().Name(by_reliability[i])),
                        std::to_string(a.votes), Number(a.eta),
                        a.agreement ? Number(*a.agreement) : "only ties"});
    }
    out += table_out.Render();
  }
  return out;
}

std::string RenderPreferenceSummaryJson(const PreferenceSummaryInput& input) {
  const ComparisonTable& table = input.file->table;
  const quality::ComparisonReadReport& report = input.file->report;
  const PreferenceFit& fit = *input.fit;
  Json out;
  out["input"] = {{"file", input.source_file},         {"options", table.option_count()},
                  {"comparisons", report.comparisons}, {"ties", report.ties},
                  {"both_bad", report.both_bad},       {"annotators", table.annotator_count()},
                  {"items", table.item_count()}};
  out["method"] = fit.method;
  out["iterations"] = fit.iterations;
  out["converged"] = fit.converged;
  out["log_likelihood"] = fit.log_likelihood;
  out["tie_parameter"] = fit.tie_parameter;
  out["uncertainty"] = quality::ScoreUncertaintyName(fit.uncertainty);
  if (fit.uncertainty == quality::ScoreUncertainty::kBootstrap) {
    out["bootstrap_samples"] = fit.bootstrap_samples;
  }
  out["components"] = fit.component_count;
  out["warnings"] = fit.notes;
  out["items_file"] = input.out_file.empty() ? Json(nullptr) : Json(input.out_file);
  if (input.annotators != nullptr) {
    Json rows = Json::array();
    for (uint32_t k : ByReliability(*input.annotators)) {
      const auto& a = (*input.annotators)[k];
      rows.push_back(
          {{"annotator", table.annotator_names().Name(k)},
           {"votes", a.votes},
           {"decisive_votes", a.decisive_votes},
           {"reliability", a.eta},
           {"agreement_with_ranking", a.agreement ? Json(*a.agreement) : Json(nullptr)}});
    }
    out["annotators"] = rows;
  }
  return out.dump(2) + "\n";
}

}  // namespace chorus::cli
