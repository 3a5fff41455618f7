#include "cli/report_command.h"

#include <ostream>

#include "cli/exit_codes.h"
#include "cli/existing_store.h"
#include "cli/output_file.h"
#include "service/project_quality_report.h"
#include "service/quality_report_render.h"

namespace chorus::cli {
namespace {

int ReportUsage(std::ostream& err, const std::string& message) {
  err << "chorus report: " << message << "\nRun 'chorus report --help' for the options.\n";
  return kExitUsage;
}

struct Built {
  quality::QualityReport report;
  service::QualityReportSource source;
};

Result<Built> FromFile(const ReportArgs& args, const quality::QualityReportOptions& options,
                       std::ostream& err, bool err_is_terminal) {
  auto input = ReadVoteInput(args.input, err, err_is_terminal);
  if (!input.ok()) return input.status();
  Built built;
  built.source.title = args.input.file == "-" ? "standard input" : args.input.file;
  built.source.file = built.source.title;
  built.source.missing_skipped = input->votes.report.missing_skipped;
  built.source.duplicates_dropped = input->votes.report.duplicates_dropped;
  quality::QualityReportOptions with_gold = options;
  if (input->gold) {
    built.source.gold_file = args.input.gold_file;
    built.source.gold_items_not_in_votes = input->gold->items_not_in_votes;
    with_gold.gold = std::move(input->gold->by_item);
    with_gold.gold.resize(input->votes.table.item_count());
  }
  auto report = quality::ComputeQualityReport(input->votes.table, with_gold);
  if (!report.ok()) return report.status();
  built.report = std::move(report).value();
  return built;
}

Result<Built> FromProject(const ReportArgs& args, const quality::QualityReportOptions& options) {
  auto opened = OpenExistingStore(args.db, args.data_dir);
  if (!opened.ok()) return opened.status();
  auto project = service::BuildProjectQualityReport(*opened->store, args.project, options);
  if (!project.ok())
    return NoSuchProject(project.status(), args.project, opened->description, "--project");
  Built built;
  built.source.title = project->project_name;
  built.source.project_id = project->project_id;
  built.source.control = project->control;
  built.report = std::move(project->report);
  return built;
}

}  // namespace

int RunReport(const ReportArgs& args, std::ostream& out, std::ostream& err, bool err_is_terminal) {
  const bool from_file = !args.input.file.empty();
  if (from_file == (args.project > 0)) {
    return ReportUsage(err, from_file ? "give a vote FILE or --project, not both"
                                      : "give a vote FILE, or --project with --data or --db");
  }
  if (!from_file && !args.input.gold_file.empty()) {
    return ReportUsage(err, "--gold reads a file; a project's gold items are read from its database");
  }
  auto method = quality::ParseTruthMethod(args.method);
  if (!method.ok()) {
    return ReportFailure(err, "report",
                         InvalidArgument(method.status().message() +
                                             " (the report takes the categorical methods of "
                                             "chorus aggregate)",
                                         "--method"));
  }
  quality::QualityReportOptions options;
  options.method = *method;
  options.bootstrap_samples = args.bootstrap;
  options.seed = args.seed;
  options.min_shared_items = args.min_shared;
  options.confusion_annotators = args.confusion_annotators;
  options.disagreement_examples = args.examples;
  options.threads = args.input.threads;

  auto built = from_file ? FromFile(args, options, err, err_is_terminal) : FromProject(args, options);
  if (!built.ok()) return ReportFailure(err, "report", built.status());
  const std::string text =
      args.format == "json" ? service::QualityReportJson(built->report, built->source).dump(2) + "\n"
                            : service::QualityReportHtml(built->report, built->source);
  if (args.out.empty()) {
    out << text;
    out.flush();
    return out ? kExitOk
               : ReportFailure(err, "report", Internal("could not write to standard output"));
  }
  const Status written = WriteFileAtomically(args.out, [&](std::ostream& file) { file << text; });
  if (!written.ok()) return ReportFailure(err, "report", written);
  err << "Wrote the quality report of " << built->source.title << " (" << built->report.items
      << " items, " << built->report.annotators << " annotators, " << built->report.votes
      << " votes) to " << args.out << ".\n";
  return kExitOk;
}

}  // namespace chorus::cli
