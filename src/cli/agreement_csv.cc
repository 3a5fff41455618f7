#include <fmt/format.h>

#include "cli/agreement_output.h"
#include "core/csv_writer.h"

namespace chorus::cli {
namespace {

using quality::Statistic;

// Full precision so a CSV consumer loses nothing; empty when absent.
// Shortest text that reads back as the same double.
std::string Shortest(double value) { return fmt::format("{}", value); }
std::string ValueCell(const Statistic& s) { return s.defined() ? Shortest(*s.value) : ""; }
std::string LowCell(const Statistic& s) {
  return s.defined() && s.ci95 ? Shortest(s.ci95->low) : "";
}
std::string HighCell(const Statistic& s) {
  return s.defined() && s.ci95 ? Shortest(s.ci95->high) : "";
}

}  // namespace

std::string RenderAgreementCsv(const quality::AgreementReport& report,
                               const quality::VoteTable& table, CsvSection section) {
  std::string out;
  switch (section) {
    case CsvSection::kStatistics:
      out = CsvRecord({"statistic", "value", "ci_low", "ci_high", "standard_error", "band",
                       "undefined_reason"});
      for (const auto& entry : report.entries) {
        const Statistic& s = entry.statistic;
        out += CsvRecord(
            {entry.key, ValueCell(s), LowCell(s), HighCell(s),
             s.defined() && s.standard_error ? Shortest(*s.standard_error) : "",
             entry.chance_corrected && s.defined() ? quality::LandisKochBand(*s.value) : "",
             s.undefined_reason});
      }
      break;
    case CsvSection::kItems:
      out = CsvRecord(
          {"item", "votes", "plurality_label", "plurality_share", "normalized_entropy", "tied"});
      for (const auto& item : report.by_item) {
        out += CsvRecord({table.item_names().Name(item.item), std::to_string(item.votes),
                          report.labels[item.plurality_label], Shortest(item.plurality_share),
                          Shortest(item.normalized_entropy), item.tied ? "true" : "false"});
      }
      break;
    case CsvSection::kPairs:
      out = CsvRecord({"first", "second", "shared_items", "percent_agreement", "cohen_kappa"});
      for (const auto& pair : report.pairwise->pairs) {
        out +=
            CsvRecord({table.annotator_names().Name(pair.first),
                       table.annotator_names().Name(pair.second), std::to_string(pair.shared_items),
                       ValueCell(pair.percent_agreement), ValueCell(pair.cohen_kappa)});
      }
      break;
    case CsvSection::kGold:
      out = CsvRecord(
          {"annotator", "gold_items_labelled", "correct", "accuracy", "ci_low", "ci_high"});
      for (const auto& accuracy : report.gold) {
        out += CsvRecord({table.annotator_names().Name(accuracy.annotator),
                          std::to_string(accuracy.gold_items_labelled),
                          std::to_string(accuracy.correct), ValueCell(accuracy.accuracy),
                          LowCell(accuracy.accuracy), HighCell(accuracy.accuracy)});
      }
      break;
  }
  return out;
}

}  // namespace chorus::cli
