#include "cli/aggregate_command.h"

#include <ostream>

#include "cli/aggregate_output.h"
#include "cli/exit_codes.h"
#include "cli/numeric_aggregate_command.h"
#include "cli/output_file.h"
#include "cli/preference_command.h"
#include "quality/truth/numeric_aggregate.h"

namespace chorus::cli {
namespace {

Result<quality::Aggregation> AggregateLabels(const AggregateArgs& args, quality::VoteTable* table,
                                             std::ostream& err, bool err_is_terminal) {
  auto method = quality::ParseTruthMethod(args.method);
  if (!method.ok()) return method.status();
  auto input = ReadVoteInput(args.input, err, err_is_terminal);
  if (!input.ok()) return input.status();
  *table = std::move(input->votes.table);
  quality::AggregateOptions options;
  options.method = *method;
  options.seed = args.seed;
  options.threads = args.input.threads;
  options.max_iterations = args.max_iterations;
  options.tolerance = args.tolerance;
  if (input->gold) options.gold = std::move(input->gold->by_item);
  return quality::Aggregate(*table, options);
}

ItemFormat FormatOf(const std::string& path) {
  return IsJsonLinesPath(path) ? ItemFormat::kJsonl : ItemFormat::kCsv;
}

Status WriteItemsFile(const std::string& path, const quality::VoteTable& table,
                      const quality::Aggregation& aggregation, bool soft, unsigned threads) {
  return WriteFileAtomically(path, [&](std::ostream& file) {
    WriteAggregatedItems(file, table, aggregation, FormatOf(path), soft, threads);
  });
}

}  // namespace

int RunAggregate(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal) {
  if (quality::IsNumericMethod(args.method)) {
    return RunNumericAggregate(args, out, err, err_is_terminal);
  }
  if (IsPreferenceMethod(args.method)) {
    return RunPreferenceAggregate(args, out, err, err_is_terminal);
  }
  quality::VoteTable table;
  auto aggregation = AggregateLabels(args, &table, err, err_is_terminal);
  if (!aggregation.ok()) return ReportFailure(err, "aggregate", aggregation.status());
  AggregateSource source{args.input.file, args.input.gold_file, args.out};
  // Items go to the file, or to standard output with the summary on standard error.
  std::ostream& summary = args.out.empty() ? err : out;
  if (args.out.empty()) {
    WriteAggregatedItems(out, table, *aggregation, ItemFormat::kCsv, args.soft, args.input.threads);
  } else {
    const Status written =
        WriteItemsFile(args.out, table, *aggregation, args.soft, args.input.threads);
    if (!written.ok()) return ReportFailure(err, "aggregate", written);
  }
  summary << (args.format == "json"
                  ? RenderAggregateSummaryJson(table, *aggregation, source)
                  : RenderAggregateSummaryText(table, *aggregation, source, args.limit));
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "aggregate", Internal("could not write to standard output"));
}

int RunAnnotators(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                  bool err_is_terminal) {
  if (quality::IsNumericMethod(args.method)) {
    return RunNumericAnnotators(args, out, err, err_is_terminal);
  }
  if (IsPreferenceMethod(args.method)) {
    return ReportFailure(
        err, "annotators",
        InvalidArgument("chorus annotators does not take pairwise methods; run chorus "
                        "aggregate FILE --method crowdbt --format json for each "
                        "annotator's reliability",
                        "--method"));
  }
  quality::VoteTable table;
  auto aggregation = AggregateLabels(args, &table, err, err_is_terminal);
  if (!aggregation.ok()) return ReportFailure(err, "annotators", aggregation.status());
  if (args.format == "json") {
    out << RenderAnnotatorsJson(table, *aggregation);
  } else if (args.format == "csv") {
    out << RenderAnnotatorsCsv(table, *aggregation);
  } else {
    out << RenderAnnotatorsText(table, *aggregation);
  }
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "annotators", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
