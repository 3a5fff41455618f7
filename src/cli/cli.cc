// The only file that includes CLI11 (its header is slow to compile): it maps arguments onto
// each command's argument struct and leaves the work to the command's Run function.
#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/aggregate_command.h"
#include "cli/agreement_command.h"
#include "cli/autolabel_command.h"
#include "cli/datasheet_command.h"
#include "cli/errors_command.h"
#include "cli/exit_codes.h"
#include "cli/learn_command.h"
#include "cli/report_command.h"
#include "cli/serve_command.h"
#include "cli/weak_command.h"

#ifndef CHORUS_VERSION
#define CHORUS_VERSION "0.0.0"
#endif

namespace chorus::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 bad input (the message names the file, line and field), "
    "2 usage error, 3 internal error.";

// The vote-file options every quality command shares.
void AddInputOptions(CLI::App& command, VoteInputArgs& args, bool file_required = true) {
  command.add_option("FILE", args.file, "Vote file (\"-\" reads standard input)")
      ->required(file_required);
  command.add_option("--gold", args.gold_file, "Gold labels (item,label)");
  command.add_option("--input-format", args.input_format, "auto (by extension), csv, tsv, jsonl")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl"}))
      ->capture_default_str();
  command.add_flag("--wide", args.wide, "Read a reliability matrix (annotators × units)");
  command.add_flag("--units-as-rows", args.units_as_rows,
                   "With --wide: rows are units and columns are annotators");
  command
      .add_option("--duplicates", args.duplicates,
                  "An annotator labelling an item twice: error, keep-all, first, last")
      ->check(CLI::IsMember({"error", "keep-all", "first", "last"}))
      ->capture_default_str();
  command
      .add_option("--threads", args.threads,
                  "Threads for reading a large CSV/TSV file, Dawid-Skene, MACE and writing the "
                  "items file (0: one per core)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
}

void AddAgreementOptions(CLI::App& command, AgreementArgs& args) {
  command.footer(
      "Long format: a header naming item, annotator and label columns (other columns are "
      "ignored); CSV, TSV or JSONL by extension. Wide format (--wide): first column the "
      "annotator, then one column per unit; blank, * or NA is missing.\n"
      "With --gold: each annotator's accuracy with a Wilson 95% CI and confusion matrix.\n"
      "Example: chorus agreement votes.csv --pairwise --bootstrap 1000 --seed 7\n");
  AddInputOptions(command, args.input);
  command.add_option("--format", args.format, "Output: text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  command
      .add_option("--metric", args.metrics,
                  "Statistics to compute (repeat or comma-separate): percent, cohen, scott, "
                  "fleiss, randolph, alpha, gwet; default: all that apply")
      ->delimiter(',');
  command
      .add_option("--level", args.level, "Scale of the labels: nominal, ordinal, interval, ratio")
      ->check(CLI::IsMember({"nominal", "ordinal", "interval", "ratio"}))
      ->capture_default_str();
  command.add_flag("--by-item", args.by_item, "Per-item agreement: plurality share and entropy");
  command.add_option("--limit", args.limit, "Rows of --by-item in text output")
      ->capture_default_str();
  command.add_flag("--pairwise", args.pairwise,
                   "Cohen's kappa for every annotator pair and each annotator's mean");
  command
      .add_option("--min-shared", args.min_shared,
                  "Shared items a pair needs before its kappa is reported")
      ->capture_default_str();
  command
      .add_option("--bootstrap", args.bootstrap,
                  "Bootstrap samples for Krippendorff's alpha's CI (Hayes & Krippendorff 2007)")
      ->check(CLI::Range(0, 1000000));
  command.add_option("--seed", args.seed, "Seed for the bootstrap")->capture_default_str();
}

// Options shared by aggregate and annotators; `formats` lists the output formats allowed.
void AddAggregateOptions(CLI::App& command, AggregateArgs& args,
                         const std::vector<std::string>& formats) {
  AddInputOptions(command, args.input);
  command
      .add_option("--method", args.method,
                  "Categories: mv, wmv (needs --gold), wawa, ds (Dawid-Skene), onecoin, glad, "
                  "mace. Numbers and Likert scales: mean, median, trimmed-mean, noise-aware. "
                  "Pairwise input item,annotator,left,right,winner (aggregate only): bt "
                  "(Bradley-Terry), crowdbt (Crowd-BT)")
      ->check(CLI::IsMember({"mv", "wmv", "wawa", "ds", "onecoin", "glad", "mace", "mean", "median",
                             "trimmed-mean", "noise-aware", "bt", "crowdbt"}))
      ->capture_default_str();
  command
      .add_option("--trim", args.trim,
                  "trimmed-mean: share of votes cut from each end, floor(trim × votes)")
      ->check(CLI::Range(0.0, 0.5))
      ->capture_default_str();
  command.add_option("--seed", args.seed, "Seed for ties and random restarts")
      ->capture_default_str();
  command
      .add_option("--max-iterations", args.max_iterations, "Iteration cap (default: the method's)")
      ->check(CLI::Range(1, 100000));
  command
      .add_option("--tolerance", args.tolerance, "Convergence tolerance (default: the method's)")
      ->check(CLI::PositiveNumber);
  command.add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember(formats))
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

  AggregateArgs aggregate;
  CLI::App* aggregate_command = app.add_subcommand(
      "aggregate", "One label per item from redundant votes, with its distribution and confidence");
  AddAggregateOptions(*aggregate_command, aggregate, {"text", "json"});
  aggregate_command->add_option("--out", aggregate.out,
                                "Items file: .csv or .jsonl (default: CSV on standard output, "
                                "summary on standard error)");
  aggregate_command->add_flag("--soft", aggregate.soft,
                              "Also write each item's raw vote distribution");
  aggregate_command->add_option("--limit", aggregate.limit, "Annotators in the text summary")
      ->capture_default_str();
  aggregate_command->footer(
      "Columns: item,label,confidence,weight,ambiguous,distribution (label:p;label:p).\n"
      "Numeric methods: item,value,nearest_label,votes,spread,ci_low,ci_high (empty where "
      "undefined).\n"
      "With --method bt or crowdbt (pairwise input item,annotator,left,right,winner): one row "
      "per option, option,score,score_low,score_high,rank,rank_low,rank_high,wins,losses,ties,"
      "comparisons,component.\n"
      "Example: chorus aggregate votes.csv --method ds --gold gold.csv --out labels.csv\n"
      "Example: chorus aggregate ratings.csv --method noise-aware --out scores.csv\n"
      "Example: chorus aggregate prefs.csv --method bt --out ranking.csv\n");

  AggregateArgs annotators;
  CLI::App* annotators_command = app.add_subcommand(
      "annotators", "Each annotator's estimated accuracy, agreement and suspected spam");
  AddAggregateOptions(*annotators_command, annotators, {"text", "json", "csv"});

  ErrorsArgs errors;
  CLI::App* errors_command = app.add_subcommand(
      "errors", "The labels most likely wrong, from out-of-fold predicted probabilities");
  errors_command->add_option("LABELS", errors.labels, "Given labels: item,label (CSV with header)")
      ->required();
  errors_command
      ->add_option("PROBS", errors.probs,
                   "Out-of-fold probabilities: item,<class1>,<class2>,... (header names the "
                   "classes)")
      ->required();
  errors_command->add_option("--out", errors.out,
                             "Suspects CSV (default: standard output, summary on standard error)");
  errors_command
      ->add_option("--rank-by", errors.rank_by,
                   "Order of the suspects: self_confidence (p of the given label) or "
                   "normalized_margin")
      ->check(CLI::IsMember({"self_confidence", "normalized_margin"}))
      ->capture_default_str();
  errors_command->add_option("--format", errors.format, "Summary: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  errors_command->footer(
      "Confident learning (Northcutt, Jiang & Chuang, JAIR 2021), as cleanlab's "
      "find_label_issues with its defaults. PROBS must be out-of-fold: predictions for each "
      "item from a model that did not train on it.\n"
      "Output: item,given,suggested,score, most suspect first (score: the label quality, lower "
      "is more suspect).\n"
      "Example: chorus errors labels.csv probs.csv --out suspects.csv\n");

  LearnArgs learn;
  CLI::App* learn_command = app.add_subcommand(
      "learn", "The built-in text classifier: out-of-fold and predicted class probabilities");
  learn_command
      ->add_option("FILE", learn.file, "Labelled CSV: item,text,label (empty label: predict)")
      ->required();
  learn_command->add_option("--out", learn.out,
                            "Out-of-fold probabilities of the labelled items, item,<classes> "
                            "(default: standard output, summary on standard error)");
  learn_command->add_option("--predictions", learn.predictions,
                            "Probabilities of the unlabelled items from a model trained on all "
                            "labelled ones");
  learn_command->add_option("--text-column", learn.text_column, "The column holding the text")
      ->capture_default_str();
  learn_command->add_option("--folds", learn.folds, "Folds for the out-of-fold probabilities")
      ->check(CLI::Range(2, 100))
      ->capture_default_str();
  learn_command->add_option("--epochs", learn.epochs, "Passes over the training data")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  learn_command->add_option("--seed", learn.seed, "Seed for folds and passes")
      ->capture_default_str();
  learn_command->add_option("--format", learn.format, "Summary: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  learn_command->footer(
      "Multinomial logistic regression on hashed word and character n-grams, probabilities "
      "calibrated by temperature scaling. The out-of-fold file is what chorus errors reads.\n"
      "Example: chorus learn reviews.csv --out probs.csv && chorus errors reviews.csv probs.csv\n");

  WeakArgs weak;
  CLI::App* weak_command = app.add_subcommand(
      "weak", "Labelling functions: their statistics and probabilistic labels without gold");
  weak_command->add_option("FILE", weak.file, "CSV: item,text,label (label empty where unlabelled)")
      ->required();
  weak_command->add_option("--functions", weak.functions, "JSON: labels and labelling functions")
      ->required();
  weak_command->add_option("--out", weak.out,
                           "Labels CSV: item,label,confidence,covered,p_<label>... (default: "
                           "standard output, summary on standard error)");
  weak_command->add_option("--text-column", weak.text_column, "The column holding the text")
      ->capture_default_str();
  weak_command->add_option("--format", weak.format, "Summary: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  weak_command->footer(
      "Functions: {\"labels\": [\"spam\", \"ham\"], \"functions\": [{\"name\": \"money\", "
      "\"kind\": \"keyword\", \"keywords\": [\"free money\"], \"label\": \"spam\"}, "
      "{\"name\": \"opt_out\", \"kind\": \"regex\", \"pattern\": \"opt.?out\", \"label\": "
      "\"spam\"}]}. Keywords match whole words ignoring case; patterns are RE2 (linear time).\n"
      "Example: chorus weak messages.csv --functions rules.json --out weak_labels.csv\n");

  AutolabelArgs autolabel;
  CLI::App* autolabel_command = app.add_subcommand(
      "autolabel", "The confidence threshold above which a model's labels meet a target accuracy");
  autolabel_command
      ->add_option("CALIBRATION", autolabel.calibration,
                   "Calibration items: item,predicted,score,label (label: the known answer)")
      ->required();
  autolabel_command->add_option("--target", autolabel.target, "Target accuracy of accepted labels")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  autolabel_command
      ->add_option("--confidence", autolabel.confidence,
                   "Probability that the accepted labels meet the target")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  autolabel_command
      ->add_option("--min-items", autolabel.min_items, "Fewest calibration items above a threshold")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  autolabel_command->add_option("--pool", autolabel.pool,
                                "Predictions to accept or leave to people: item,predicted,score");
  autolabel_command->add_option("--out", autolabel.out,
                                "Accepted pool rows, item,label,score (default: standard output, "
                                "summary on standard error)");
  autolabel_command->add_option("--format", autolabel.format, "Summary: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  autolabel_command->footer(
      "Thresholds are tested from the highest score down with one-sided Clopper-Pearson bounds, "
      "stopping at the first that fails (fixed-sequence testing): the chosen threshold meets the "
      "target with the stated confidence. Calibrate on a random sample (blind controls), not on "
      "items chosen for checking.\n"
      "Example: chorus autolabel blind.csv --target 0.98 --pool predictions.csv --out "
      "accepted.csv\n");

  CLI::App* quality = app.add_subcommand("quality", "Quality statistics (noun form)");
  quality->require_subcommand(1);
  CLI::App* quality_agreement = quality->add_subcommand("agreement", "Same as 'chorus agreement'");
  AddAgreementOptions(*quality_agreement, agreement);

  ServeArgs serve;
  CLI::App* serve_command =
      app.add_subcommand("serve", "Run the HTTP server (API and web app) until Ctrl-C");
  serve_command
      ->add_option("--listen", serve.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  serve_command->add_option("--data", serve.data_dir, "Directory for the SQLite database")
      ->capture_default_str();
  serve_command->add_option("--db", serve.db,
                            "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB "
                            "(default: DATA/chorus.db)");
  serve_command->add_flag("--demo", serve.demo,
                          "Add the demo projects (300 reviews to label by sentiment, 30 pictures "
                          "of shapes) if missing");
  serve_command->add_option("--import-dir", serve.import_dirs,
                            "Directory administrators may import task files from "
                            "(POST /api/v1/projects/{project}/imports/server-file); repeatable");
  serve_command->add_flag("--secure-cookies", serve.secure_cookies,
                          "Mark session and CSRF cookies Secure: use when clients reach Chorus "
                          "over HTTPS (a TLS proxy in front of it)");
  serve_command->add_option("--media-dir", serve.media_dirs,
                            "Directory of media files served at GET /api/v1/media?root=N&path=... "
                            "to signed-in users; repeatable (N counts from 0)");
  serve_command->add_option(
      "--allow-fetch", serve.allow_fetch,
      "Let imports and media by URL reach this range too (CIDR, optionally :PORT, e.g. "
      "10.0.0.0/8, 127.0.0.1/32:9000, [fd00::/8]:443); by default only public addresses; "
      "repeatable. Cloud metadata addresses stay refused");
  serve_command->add_option("--web-dir", serve.web_dir,
                            "Serve the web app from this directory (web/dist after npm run "
                            "build), read once at start, instead of the copy in the binary");
  serve_command
      ->add_option("--max-connections", serve.max_connections,
                   "Open connections at most; more get 503 (keep room beyond the annotators "
                   "working at once for administrators and scripts); default 2000, or what "
                   "the open-file limit allows")
      ->check(CLI::Range(size_t{1}, size_t{1'000'000}));
  serve_command->footer(
      "The first administrator is created when the database has no user: from "
      "CHORUS_ADMIN_EMAIL and CHORUS_ADMIN_PASSWORD when set, else admin@localhost with a "
      "generated password printed once.\n"
      "Example: chorus serve --listen 0.0.0.0:8080 --data /var/lib/chorus --demo\n");

  DatasheetArgs datasheet;
  CLI::App* datasheet_command = app.add_subcommand(
      "datasheet", "A datasheet of how a project's dataset was made, from the server's database");
  datasheet_command->add_option("PROJECT", datasheet.project, "The project's id")->required();
  datasheet_command->add_option("--data", datasheet.data_dir, "Directory of the SQLite database")
      ->capture_default_str();
  datasheet_command->add_option("--db", datasheet.db,
                                "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB "
                                "(default: DATA/chorus.db)");
  datasheet_command->add_option("--format", datasheet.format, "markdown, html or json")
      ->check(CLI::IsMember({"markdown", "html", "json"}))
      ->capture_default_str();
  datasheet_command->add_option("--out", datasheet.out, "File to write (default: standard output)");
  datasheet_command->footer(
      "After Gebru et al., \"Datasheets for Datasets\" (2021): what Chorus knows (composition, "
      "labelling process, annotator pool as counts, agreement and gold accuracy with intervals, "
      "provenance) and the questions only the team can answer, marked To fill in. The same "
      "document is GET /api/v1/projects/PROJECT/datasheet.\n"
      "Example: chorus datasheet 1 --data chorus-data --format html --out datasheet.html\n");

  ReportArgs report;
  CLI::App* report_command = app.add_subcommand(
      "report", "A self-contained HTML quality report of a vote file or of a project");
  AddInputOptions(*report_command, report.input, false);
  report_command->add_option("--project", report.project,
                             "A project's id: report on its labels instead of a FILE");
  report_command->add_option("--data", report.data_dir, "With --project: the SQLite database's directory")
      ->capture_default_str();
  report_command->add_option("--db", report.db,
                             "With --project: sqlite:PATH or postgresql://USER@HOST:PORT/DB "
                             "(default: DATA/chorus.db)");
  report_command
      ->add_option("--method", report.method,
                   "Aggregation for the skills, spam and confusion: mv, wmv (needs gold), wawa, "
                   "ds (Dawid-Skene), onecoin, glad, mace")
      ->capture_default_str();
  report_command->add_option("--format", report.format, "html or json (the same numbers)")
      ->check(CLI::IsMember({"html", "json"}))
      ->capture_default_str();
  report_command->add_option("--out", report.out, "File to write (default: standard output)");
  report_command
      ->add_option("--bootstrap", report.bootstrap,
                   "Bootstrap samples for Krippendorff's alpha's CI (0: none)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  report_command->add_option("--seed", report.seed, "Seed for the bootstrap and ties")
      ->capture_default_str();
  report_command
      ->add_option("--min-shared", report.min_shared,
                   "Shared items a pair needs before its kappa is shown")
      ->capture_default_str();
  report_command
      ->add_option("--confusion-annotators", report.confusion_annotators,
                   "Confusion matrices for this many most active annotators")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  report_command->add_option("--examples", report.examples, "Most disputed items to list")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  report_command->footer(
      "Sections: summary, agreement (Krippendorff's alpha with its bootstrap CI, Fleiss, "
      "Landis & Koch bands, pairwise Cohen's kappa heat map), annotators (votes, agreement, "
      "accuracy on gold with Wilson CI, estimated skill, suspected spam), confusion matrices "
      "(against gold when given, else the aggregate), per-item agreement histogram, the most "
      "disputed items with their votes (and, for a project, the item's text), labels. One HTML "
      "file: no script, no external font, image or style sheet.\n"
      "Example: chorus report votes.csv --gold gold.csv --out report.html\n"
      "Example: chorus report --project 1 --data chorus-data --out report.html\n");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  const bool tty = isatty(STDERR_FILENO) == 1;
  try {
    if (serve_command->parsed()) return RunServe(serve, CHORUS_VERSION, std::cout, std::cerr);
    if (aggregate_command->parsed()) return RunAggregate(aggregate, std::cout, std::cerr, tty);
    if (autolabel_command->parsed()) return RunAutolabel(autolabel, std::cout, std::cerr);
    if (weak_command->parsed()) return RunWeak(weak, std::cout, std::cerr);
    if (learn_command->parsed()) return RunLearn(learn, std::cout, std::cerr);
    if (errors_command->parsed()) return RunErrors(errors, std::cout, std::cerr);
    if (datasheet_command->parsed()) return RunDatasheet(datasheet, std::cout, std::cerr);
    if (report_command->parsed()) return RunReport(report, std::cout, std::cerr, tty);
    if (annotators_command->parsed()) return RunAnnotators(annotators, std::cout, std::cerr, tty);
    return RunAgreement(agreement, std::cout, std::cerr, tty);
  } catch (const std::exception& e) {
    std::cerr << "chorus: internal error: " << e.what()
              << "\nPlease report this with the command you ran.\n";
    return kExitInternal;
  }
}

}  // namespace chorus::cli
