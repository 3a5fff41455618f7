#include "cli/weak_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "cli/exit_codes.h"
#include "cli/number_text.h"
#include "cli/output_file.h"
#include "cli/text_table.h"
#include "core/csv_writer.h"
#include "quality/ingest/function_set_reader.h"
#include "quality/ingest/labelled_text_reader.h"
#include "quality/weak/weak_supervision.h"

namespace chorus::cli {
namespace {

struct WeakRun {
  quality::LabelledTexts input;
  quality::FunctionSet set;
  std::vector<std::optional<size_t>> human;  // By item, as an index into set.labels.
  quality::FunctionVotes votes;
  std::vector<quality::FunctionSummary> summaries;
  quality::WeakLabels labels;
};

// Accuracy against the human labels of the label model and of the functions' plurality vote
// (ties split), over covered items with a human label: what the model adds.
struct Validation {
  uint64_t judged = 0;
  double model = 0;
  double plurality = 0;
};

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path, path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<WeakRun> Run(const WeakArgs& args) {
  WeakRun run;
  auto input = quality::ReadLabelledTexts(args.file, args.text_column);
  if (!input.ok()) return input.status();
  run.input = std::move(*input);
  auto json = ReadText(args.functions);
  if (!json.ok()) return json.status();
  auto set = quality::ParseFunctionSet(*json);
  if (!set.ok()) {
    return InvalidArgument(set.status().message(), args.functions + ": " + set.status().field());
  }
  run.set = std::move(*set);
  for (size_t i = 0; i < run.input.items.size(); ++i) {
    if (!run.input.labels[i]) {
      run.human.emplace_back();
      continue;
    }
    const std::string& name = run.input.classes[*run.input.labels[i]];
    const auto found = std::find(run.set.labels.begin(), run.set.labels.end(), name);
    if (found == run.set.labels.end()) {
      return InvalidArgument(fmt::format("item \"{}\" is labelled \"{}\", which is not one of the "
                                         "labels in {}",
                                         run.input.items[i], name, args.functions),
                             args.file);
    }
    run.human.emplace_back(static_cast<size_t>(found - run.set.labels.begin()));
  }
  auto votes = quality::ApplyFunctions(run.set.functions, run.input.texts, run.set.labels);
  if (!votes.ok()) return votes.status();
  run.votes = std::move(*votes);
  run.summaries = quality::SummariseFunctions(run.votes, run.human);
  auto labels = quality::FitLabelModel(run.votes, run.set.labels.size());
  if (!labels.ok()) return labels.status();
  run.labels = std::move(*labels);
  return run;
}

Validation Validate(const WeakRun& run) {
  Validation v;
  const size_t classes = run.set.labels.size();
  for (size_t i = 0; i < run.input.items.size(); ++i) {
    if (!run.human[i] || !run.labels.covered[i]) continue;
    ++v.judged;
    const auto row = run.labels.probs.row(i);
    v.model += static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin()) ==
               *run.human[i];
    std::vector<double> count(classes, 0);
    for (size_t f = 0; f < run.votes.functions; ++f) {
      if (run.votes.at(i, f) != quality::kAbstain) count[run.votes.at(i, f)] += 1;
    }
    const double top = *std::max_element(count.begin(), count.end());
    if (count[*run.human[i]] == top) {
      v.plurality += 1.0 / static_cast<double>(std::count(count.begin(), count.end(), top));
    }
  }
  if (v.judged > 0) {
    v.model /= static_cast<double>(v.judged);
    v.plurality /= static_cast<double>(v.judged);
  }
  return v;
}

void WriteLabels(std::ostream& file, const WeakRun& run) {
  std::string buffer = "item,label,confidence,covered";
  for (const std::string& label : run.set.labels) {
    buffer += ",p_";
    buffer += CsvField(label);
  }
  buffer += '\n';
  for (size_t i = 0; i < run.input.items.size(); ++i) {
    const auto row = run.labels.probs.row(i);
    const auto top = std::max_element(row.begin(), row.end());
    AppendCsvField(buffer, run.input.items[i]);
    buffer += ',';
    if (run.labels.covered[i]) AppendCsvField(buffer, run.set.labels[top - row.begin()]);
    buffer += fmt::format(",{},{}", run.labels.covered[i] ? Exact(*top) : "",
                          run.labels.covered[i] ? "true" : "false");
    for (const double p : row) buffer += fmt::format(",{}", Exact(p));
    buffer += '\n';
    if (buffer.size() > (1 << 16)) {
      file << buffer;
      buffer.clear();
    }
  }
  file << buffer;
}

std::string Percent(double share) { return fmt::format("{:.1f}%", 100 * share); }

std::string SummaryText(const WeakRun& run, const Validation& v) {
  TextTable table({{"function"},
                   {"label"},
                   {"coverage", TextTable::Align::kRight},
                   {"overlap", TextTable::Align::kRight},
                   {"conflict", TextTable::Align::kRight},
                   {"accuracy (people)", TextTable::Align::kRight},
                   {"estimated accuracy", TextTable::Align::kRight}});
  for (size_t f = 0; f < run.summaries.size(); ++f) {
    const auto& s = run.summaries[f];
    const auto& spec = run.set.functions[f].spec();
    table.AddRow({PrintableName(spec.name), PrintableName(spec.label), Percent(s.coverage),
                  Percent(s.overlap), Percent(s.conflict),
                  s.accuracy.defined() ? fmt::format("{} [{}, {}] of {}", Number(*s.accuracy.value),
                                                     Number(s.accuracy.ci95->low),
                                                     Number(s.accuracy.ci95->high), s.judged)
                                       : "—",
                  Number(run.labels.function_accuracy[f])});
  }
  const auto covered = std::count(run.labels.covered.begin(), run.labels.covered.end(), true);
  std::string text = table.Render();
  text += fmt::format("{} of {} items covered by at least one function ({}).\n", covered,
                      run.input.items.size(),
                      Percent(static_cast<double>(covered) /
                              static_cast<double>(std::max<size_t>(run.input.items.size(), 1))));
  if (v.judged > 0) {
    text += fmt::format(
        "Against {} human labels on covered items: label model {}, plurality of the functions "
        "{}.\n",
        v.judged, Number(v.model), Number(v.plurality));
    if (v.model < v.plurality) {
      text +=
          "The label model does worse than the plurality: the functions are probably not "
          "independent given the class (they fire together, see the overlap column), and the "
          "model counts the same evidence several times. Merge functions that fire together, "
          "or train on the plurality.\n";
    }
  } else {
    text += "No human labels on covered items: add some to the label column to validate.\n";
  }
  return text;
}

std::string SummaryJson(const WeakRun& run, const Validation& v, const WeakArgs& args) {
  nlohmann::json functions = nlohmann::json::array();
  for (size_t f = 0; f < run.summaries.size(); ++f) {
    const auto& s = run.summaries[f];
    nlohmann::json accuracy = nullptr;
    if (s.accuracy.defined()) {
      accuracy = {{"value", *s.accuracy.value},
                  {"ci95", {s.accuracy.ci95->low, s.accuracy.ci95->high}},
                  {"judged", s.judged}};
    }
    functions.push_back({{"name", run.set.functions[f].spec().name},
                         {"label", run.set.functions[f].spec().label},
                         {"coverage", s.coverage},
                         {"overlap", s.overlap},
                         {"conflict", s.conflict},
                         {"accuracy", accuracy},
                         {"estimated_accuracy", run.labels.function_accuracy[f]}});
  }
  const auto covered = std::count(run.labels.covered.begin(), run.labels.covered.end(), true);
  nlohmann::json validation = nullptr;
  if (v.judged > 0) {
    validation = {{"judged", v.judged}, {"label_model", v.model}, {"plurality", v.plurality}};
  }
  return nlohmann::json{{"file", args.file},
                        {"items", run.input.items.size()},
                        {"covered", covered},
                        {"labels", run.set.labels},
                        {"iterations", run.labels.iterations},
                        {"converged", run.labels.converged},
                        {"functions", functions},
                        {"validation", validation}}
             .dump(2) +
         "\n";
}

}  // namespace

int RunWeak(const WeakArgs& args, std::ostream& out, std::ostream& err) {
  auto run = Run(args);
  if (!run.ok()) return ReportFailure(err, "weak", run.status());
  const Validation validation = Validate(*run);
  std::ostream& summary = args.out.empty() ? err : out;
  if (args.out.empty()) {
    WriteLabels(out, *run);
  } else {
    const Status written =
        WriteFileAtomically(args.out, [&](std::ostream& file) { WriteLabels(file, *run); });
    if (!written.ok()) return ReportFailure(err, "weak", written);
  }
  summary << (args.format == "json" ? SummaryJson(*run, validation, args)
                                    : SummaryText(*run, validation));
  out.flush();
  return out ? kExitOk : ReportFailure(err, "weak", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
