#include "cli/numeric_aggregate_command.h"

#include <optional>
#include <ostream>
#include <vector>

#include "cli/exit_codes.h"
#include "cli/numeric_aggregate_output.h"
#include "cli/output_file.h"
#include "cli/vote_input.h"

namespace chorus::cli {
namespace {

Result<quality::NumericAggregation> AggregateNumbers(const AggregateArgs& args,
                                                     quality::VoteTable* table, std::ostream& err,
                                                     bool err_is_terminal) {
  auto method = quality::ParseNumericMethod(args.method);
  if (!method.ok()) return method.status();
  auto input = ReadVoteInput(args.input, err, err_is_terminal);
  if (!input.ok()) return input.status();
  *table = std::move(input->votes.table);
  quality::NumericAggregateOptions options;
  options.method = *method;
  options.trim = args.trim;
  if (args.max_iterations) options.max_iterations = *args.max_iterations;
  if (args.tolerance) options.tolerance = *args.tolerance;
  // Gold labels were interned with the votes' labels: their values come from the same table.
  std::vector<std::optional<double>> gold;
  if (input->gold) {
    auto values = quality::NumericValuesForAggregation(*table);
    if (!values.ok()) return values.status();
    gold.reserve(input->gold->by_item.size());
    for (const auto& label : input->gold->by_item) {
      gold.push_back(label ? std::optional<double>((*values)[*label]) : std::nullopt);
    }
    options.gold = gold;
  }
  return quality::AggregateNumeric(*table, options);
}

}  // namespace

int RunNumericAggregate(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                        bool err_is_terminal) {
  quality::VoteTable table;
  auto aggregation = AggregateNumbers(args, &table, err, err_is_terminal);
  if (!aggregation.ok()) return ReportFailure(err, "aggregate", aggregation.status());
  AggregateSource source{args.input.file, args.input.gold_file, args.out};
  // Items go to the file, or to standard output with the summary on standard error.
  std::ostream& summary = args.out.empty() ? err : out;
  if (args.out.empty()) {
    WriteNumericItems(out, table, *aggregation, ItemFormat::kCsv);
  } else {
    const ItemFormat format = IsJsonLinesPath(args.out) ? ItemFormat::kJsonl : ItemFormat::kCsv;
    const Status written = WriteFileAtomically(args.out, [&](std::ostream& file) {
      WriteNumericItems(file, table, *aggregation, format);
    });
    if (!written.ok()) return ReportFailure(err, "aggregate", written);
  }
  summary << (args.format == "json"
                  ? RenderNumericSummaryJson(table, *aggregation, source, args.limit)
                  : RenderNumericSummaryText(table, *aggregation, source, args.limit));
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "aggregate", Internal("could not write to standard output"));
}

int RunNumericAnnotators(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                         bool err_is_terminal) {
  quality::VoteTable table;
  auto aggregation = AggregateNumbers(args, &table, err, err_is_terminal);
  if (!aggregation.ok()) return ReportFailure(err, "annotators", aggregation.status());
  if (args.format == "json") {
    out << RenderNumericAnnotatorsJson(table, *aggregation);
  } else if (args.format == "csv") {
    out << RenderNumericAnnotatorsCsv(table, *aggregation);
  } else {
    out << RenderNumericAnnotatorsText(table, *aggregation);
  }
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "annotators", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
