#include "cli/preference_command.h"

#include <ostream>

#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "cli/preference_output.h"
#include "cli/progress.h"
#include "quality/preference/bradley_terry.h"

namespace chorus::cli {
namespace {

Status CheckArguments(const AggregateArgs& args) {
  const char* unsupported = !args.input.gold_file.empty() ? "--gold"
                            : args.input.wide             ? "--wide"
                            : args.soft                   ? "--soft"
                                                          : nullptr;
  if (unsupported != nullptr) {
    return InvalidArgument(std::string(unsupported) + " does not apply to --method " + args.method +
                               " (pairwise preferences); remove it",
                           unsupported);
  }
  return Status::Ok();
}

}  // namespace

bool IsPreferenceMethod(std::string_view method) { return method == "bt" || method == "crowdbt"; }

int RunPreferenceAggregate(const AggregateArgs& args, std::ostream& out, std::ostream& err,
                           bool err_is_terminal) {
  if (Status status = CheckArguments(args); !status.ok())
    return ReportFailure(err, "aggregate", status);
  quality::VoteReadOptions read_options;
  auto format = quality::ParseVoteFormat(args.input.input_format);
  if (!format.ok()) return ReportFailure(err, "aggregate", format.status());
  read_options.format = *format;
  Progress progress(err, "reading " + args.input.file, err_is_terminal);
  read_options.on_progress = [&](const quality::ReadProgress& p) {
    progress.Update(p.bytes_read, p.total_bytes);
  };
  auto file = quality::ReadComparisons(args.input.file, read_options);
  if (!file.ok()) return ReportFailure(err, "aggregate", file.status());
  const quality::ComparisonTable& table = file->table;

  quality::UncertaintyOptions uncertainty;
  uncertainty.seed = args.seed;
  quality::PreferenceFit fit;
  std::vector<quality::AnnotatorReliability> annotators;
  if (args.method == "crowdbt") {
    quality::CrowdBtOptions options;
    if (args.max_iterations) options.max_iterations = *args.max_iterations;
    if (args.tolerance) options.tolerance = *args.tolerance;
    options.uncertainty = uncertainty;
    quality::CrowdBtFit crowd = quality::FitCrowdBt(table, options);
    fit = std::move(crowd.fit);
    annotators = std::move(crowd.annotators);
  } else {
    quality::BradleyTerryOptions options;
    if (args.max_iterations) options.max_iterations = *args.max_iterations;
    if (args.tolerance) options.tolerance = *args.tolerance;
    options.uncertainty = uncertainty;
    fit = quality::FitBradleyTerry(table, options);
  }

  // Options go to the file, or to standard output with the summary on standard error.
  std::ostream& summary = args.out.empty() ? err : out;
  if (args.out.empty()) {
    WritePreferenceOptions(out, table, fit, ItemFormat::kCsv);
  } else {
    const Status written = WriteFileAtomically(args.out, [&](std::ostream& file) {
      WritePreferenceOptions(file, table, fit,
                             IsJsonLinesPath(args.out) ? ItemFormat::kJsonl : ItemFormat::kCsv);
    });
    if (!written.ok()) return ReportFailure(err, "aggregate", written);
  }
  PreferenceSummaryInput input{&*file, &fit, args.method == "crowdbt" ? &annotators : nullptr,
                               args.input.file, args.out};
  summary << (args.format == "json" ? RenderPreferenceSummaryJson(input)
                                    : RenderPreferenceSummaryText(input, args.limit));
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "aggregate", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
