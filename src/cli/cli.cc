// The only file that includes CLI11 (its header is slow to compile): it maps arguments onto
// each command's argument struct and leaves the work to the command's Run function.
#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/agreement_command.h"
#include "cli/exit_codes.h"

#ifndef CHORUS_VERSION
#define CHORUS_VERSION "0.0.0"
#endif

namespace chorus::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 bad input (the message names the file, line and field), "
    "2 usage error, 3 internal error.";

void AddAgreementOptions(CLI::App& command, AgreementArgs& args) {
  command.footer(
      "Long format: a header naming item, annotator and label columns (other columns are "
      "ignored); CSV, TSV or JSONL by extension. Wide format (--wide): first column the "
      "annotator, then one column per unit; blank, * or NA is missing.\n"
      "Example: chorus agreement votes.csv --pairwise --bootstrap 1000 --seed 7\n");
  command.add_option("FILE", args.file, "Vote file (\"-\" reads standard input)")->required();
  command.add_option("--format", args.format, "Output: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  command.add_option("--metric", args.metrics,
                     "Statistics to compute (repeat or comma-separate): percent, cohen, scott, "
                     "fleiss, randolph, alpha, gwet; default: all that apply")
      ->delimiter(',');
  command.add_option("--level", args.level, "Scale of the labels: nominal, ordinal, interval, ratio")
      ->check(CLI::IsMember({"nominal", "ordinal", "interval", "ratio"}))
      ->capture_default_str();
  command.add_flag("--by-item", args.by_item, "Per-item agreement: plurality share and entropy");
  command.add_option("--limit", args.limit, "Rows of --by-item in text output")->capture_default_str();
  command.add_flag("--pairwise", args.pairwise,
                   "Cohen's kappa for every annotator pair and each annotator's mean");
  command.add_option("--min-shared", args.min_shared,
                     "Shared items a pair needs before its kappa is reported")
      ->capture_default_str();
  command.add_option("--gold", args.gold_file,
                     "Gold labels (item,label): each annotator's accuracy with a Wilson 95% CI");
  command.add_option("--bootstrap", args.bootstrap,
                     "Bootstrap samples for Krippendorff's alpha's CI (Hayes & Krippendorff 2007)")
      ->check(CLI::Range(0, 1000000));
  command.add_option("--seed", args.seed, "Seed for the bootstrap")->capture_default_str();
  command.add_option("--input-format", args.input_format, "auto (by extension), csv, tsv, jsonl")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl"}))
      ->capture_default_str();
  command.add_flag("--wide", args.wide, "Read a reliability matrix (annotators × units)");
  command.add_flag("--units-as-rows", args.units_as_rows,
                   "With --wide: rows are units and columns are annotators");
  command.add_option("--duplicates", args.duplicates,
                     "An annotator labelling an item twice: error, keep-all, first, last")
      ->check(CLI::IsMember({"error", "keep-all", "first", "last"}))
      ->capture_default_str();
}

}  // namespace

int Run(int argc, const char* const* argv) {
  CLI::App app{"Chorus: labelled data you can trust.", "chorus"};
  app.set_version_flag("--version", "chorus " CHORUS_VERSION);
  app.require_subcommand(1);
  app.footer(kExitCodes);

  AgreementArgs agreement;
  CLI::App* agreement_command =
      app.add_subcommand("agreement", "Inter-annotator agreement of a vote file");
  AddAgreementOptions(*agreement_command, agreement);

  CLI::App* quality = app.add_subcommand("quality", "Quality statistics (noun form)");
  quality->require_subcommand(1);
  CLI::App* quality_agreement =
      quality->add_subcommand("agreement", "Same as 'chorus agreement'");
  AddAgreementOptions(*quality_agreement, agreement);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  try {
    return RunAgreement(agreement, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
  } catch (const std::exception& e) {
    std::cerr << "chorus: internal error: " << e.what()
              << "\nPlease report this with the command you ran.\n";
    return kExitInternal;
  }
}

}  // namespace chorus::cli
