#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/agreement_output.h"

namespace chorus::cli {
namespace {

using Json = nlohmann::ordered_json;
using quality::Statistic;

Json StatisticJson(const Statistic& statistic, bool chance_corrected) {
  Json out;
  if (!statistic.defined()) {
    out["value"] = nullptr;
    out["undefined"] = statistic.undefined_reason;
    return out;
  }
  out["value"] = *statistic.value;
  if (statistic.standard_error) out["standard_error"] = *statistic.standard_error;
  if (statistic.ci95) out["ci95"] = {statistic.ci95->low, statistic.ci95->high};
  if (chance_corrected) out["band"] = quality::LandisKochBand(*statistic.value);
  return out;
}

const std::string& LabelName(const quality::AgreementReport& report, quality::LabelId id) {
  return report.labels[id];
}

}  // namespace

std::string RenderAgreementJson(const quality::AgreementReport& report,
                                const quality::VoteTable& table, const AgreementSource& source) {
  Json out;
  out["input"] = {{"file", source.file},
                  {"votes", report.votes},
                  {"items", report.items},
                  {"annotators", report.annotators},
                  {"labels", report.labels},
                  {"level", quality::MeasurementLevelName(report.level)},
                  {"missing_skipped", source.missing_skipped},
                  {"duplicates_dropped", source.duplicates_dropped}};
  for (const auto& entry : report.entries) {
    Json stat = StatisticJson(entry.statistic, entry.chance_corrected);
    if (!entry.note.empty()) stat["note"] = entry.note;
    if (entry.key == "fleiss_kappa" && !report.fleiss_per_category.empty()) {
      Json per_category = Json::object();
      for (size_t c = 0; c < report.fleiss_per_category.size(); ++c) {
        per_category[LabelName(report, c)] = StatisticJson(report.fleiss_per_category[c], true);
      }
      stat["per_category"] = per_category;
    }
    if (entry.key == "krippendorff_alpha" && report.alpha_bootstrap) {
      const auto& boot = *report.alpha_bootstrap;
      Json below = Json::object();
      for (const auto& [threshold, probability] : boot.probability_below) {
        below[fmt::format("{:g}", threshold)] = probability;
      }
      stat["bootstrap"] = {{"samples", boot.samples},
                           {"seed", report.bootstrap_seed},
                           {"ci95", {boot.ci95.low, boot.ci95.high}},
                           {"probability_below", below}};
    }
    out[entry.key] = stat;
  }
  out["warnings"] = report.warnings;
  if (!report.by_item.empty()) {
    Json items = Json::array();
    for (const auto& item : report.by_item) {
      items.push_back({{"item", table.item_names().Name(item.item)},
                       {"votes", item.votes},
                       {"plurality_label", LabelName(report, item.plurality_label)},
                       {"plurality_share", item.plurality_share},
                       {"normalized_entropy", item.normalized_entropy},
                       {"tied", item.tied}});
    }
    out["by_item"] = items;
  }
  if (report.pairwise) {
    Json annotators = Json::array();
    for (size_t a = 0; a < table.annotator_count(); ++a) {
      annotators.push_back({{"annotator", table.annotator_names().Name(a)},
                            {"items_labelled", report.pairwise->items_labelled[a]},
                            {"mean_kappa_with_others",
                             StatisticJson(report.pairwise->mean_kappa_with_others[a], true)}});
    }
    Json pairs = Json::array();
    for (const auto& pair : report.pairwise->pairs) {
      pairs.push_back({{"first", table.annotator_names().Name(pair.first)},
                       {"second", table.annotator_names().Name(pair.second)},
                       {"shared_items", pair.shared_items},
                       {"percent_agreement", StatisticJson(pair.percent_agreement, false)},
                       {"cohen_kappa", StatisticJson(pair.cohen_kappa, true)}});
    }
    out["pairwise"] = {{"annotators", annotators}, {"pairs", pairs}};
  }
  if (!source.gold_file.empty()) {
    Json annotators = Json::array();
    for (const auto& accuracy : report.gold) {
      const size_t k = report.labels.size();
      Json confusion = Json::object();
      for (size_t g = 0; g < k; ++g) {
        Json row = Json::object();
        for (size_t l = 0; l < k; ++l) {
          if (uint64_t n = accuracy.confusion[g * k + l]) row[LabelName(report, l)] = n;
        }
        if (!row.empty()) confusion[LabelName(report, g)] = row;
      }
      annotators.push_back({{"annotator", table.annotator_names().Name(accuracy.annotator)},
                            {"gold_items_labelled", accuracy.gold_items_labelled},
                            {"correct", accuracy.correct},
                            {"accuracy", StatisticJson(accuracy.accuracy, false)},
                            {"confusion", confusion}});
    }
    out["gold"] = {{"file", source.gold_file},
                   {"gold_items", report.gold_items},
                   {"gold_items_not_in_votes", source.gold_items_not_in_votes},
                   {"annotators", annotators}};
  }
  return out.dump(2) + "\n";
}

}  // namespace chorus::cli
