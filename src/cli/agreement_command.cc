#include "cli/agreement_command.h"

#include <fmt/format.h>

#include <ostream>

#include "cli/agreement_output.h"
#include "cli/exit_codes.h"
#include "quality/agreement/report.h"

namespace chorus::cli {
namespace {

using quality::AgreementReportOptions;

int Usage(std::ostream& err, const std::string& message) {
  err << "chorus agreement: " << message << "\nRun 'chorus agreement --help' for the options.\n";
  return kExitUsage;
}

// CSV holds one table: the statistics, or the one section asked for.
Result<CsvSection> ChooseCsvSection(const AgreementArgs& args) {
  const int sections = args.by_item + args.pairwise + !args.input.gold_file.empty();
  if (sections > 1) {
    return InvalidArgument(
        "--format csv prints one table; ask for one of --by-item, --pairwise, "
        "--gold at a time, or use --format json",
        "--format");
  }
  if (args.by_item) return CsvSection::kItems;
  if (args.pairwise) return CsvSection::kPairs;
  if (!args.input.gold_file.empty()) return CsvSection::kGold;
  return CsvSection::kStatistics;
}

}  // namespace

int RunAgreement(const AgreementArgs& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal) {
  AgreementReportOptions options;
  for (const auto& name : args.metrics) {
    auto metric = quality::ParseMetric(name);
    if (!metric.ok()) return Usage(err, metric.status().message());
    options.metrics.insert(*metric);
  }
  auto level = quality::ParseMeasurementLevel(args.level);
  if (!level.ok()) return Usage(err, level.status().message());
  options.level = *level;
  options.by_item = args.by_item;
  options.pairwise = args.pairwise;
  options.min_shared_items = args.min_shared;
  options.bootstrap_samples = args.bootstrap;
  options.seed = args.seed;
  Result<CsvSection> csv_section = CsvSection::kStatistics;
  if (args.format == "csv") {
    csv_section = ChooseCsvSection(args);
    if (!csv_section.ok()) return Usage(err, csv_section.status().message());
  }

  auto input = ReadVoteInput(args.input, err, err_is_terminal);
  if (!input.ok()) return ReportFailure(err, "agreement", input.status());
  const quality::VoteTable& table = input->votes.table;
  AgreementSource source;
  source.file = args.input.file;
  source.missing_skipped = input->votes.report.missing_skipped;
  source.duplicates_dropped = input->votes.report.duplicates_dropped;
  if (input->gold) {
    source.gold_file = args.input.gold_file;
    source.gold_items_not_in_votes = input->gold->items_not_in_votes;
    options.gold = std::move(input->gold->by_item);
  }

  auto report = quality::ComputeAgreementReport(table, options);
  if (!report.ok()) return ReportFailure(err, "agreement", report.status());
  if (args.format == "json") {
    out << RenderAgreementJson(*report, table, source);
  } else if (args.format == "csv") {
    out << RenderAgreementCsv(*report, table, *csv_section);
  } else {
    out << RenderAgreementText(*report, table, source, TextOptions{args.limit});
  }
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "agreement",
                             Internal("could not write the report to standard output"));
}

}  // namespace chorus::cli
