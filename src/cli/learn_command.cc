#include "cli/learn_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/number_text.h"
#include "cli/output_file.h"
#include "core/csv_writer.h"
#include "quality/ingest/labelled_text_reader.h"
#include "quality/learner/text_classifier.h"

namespace chorus::cli {
namespace {

struct Learnt {
  std::vector<size_t> labelled;  // Rows of the input with a label.
  std::vector<size_t> labels;    // Their labels.
  std::vector<size_t> unlabelled;
  quality::ProbMatrix out_of_fold;  // One row per labelled row.
  quality::ProbMatrix predicted;    // One row per unlabelled row.
  double temperature = 1;
};

void WriteProbabilities(std::ostream& file, const quality::LabelledTexts& input,
                        std::span<const size_t> rows, const quality::ProbMatrix& probs) {
  std::string buffer = "item";
  for (const std::string& name : input.classes) {
    buffer += ',';
    AppendCsvField(buffer, name);
  }
  buffer += '\n';
  for (size_t r = 0; r < rows.size(); ++r) {
    AppendCsvField(buffer, input.items[rows[r]]);
    for (const double p : probs.row(r)) buffer += fmt::format(",{:.6g}", p);
    buffer += '\n';
    if (buffer.size() > (1 << 16)) {
      file << buffer;
      buffer.clear();
    }
  }
  file << buffer;
}

Result<Learnt> Learn(const quality::LabelledTexts& input, const LearnArgs& args) {
  if (input.classes.size() < 2) {
    return InvalidArgument("the labelled rows use " + std::to_string(input.classes.size()) +
                               " class(es); a classifier needs at least two",
                           args.file);
  }
  Learnt learnt;
  std::vector<quality::LabelledText> examples;
  for (size_t i = 0; i < input.items.size(); ++i) {
    if (input.labels[i]) {
      learnt.labelled.push_back(i);
      learnt.labels.push_back(*input.labels[i]);
      examples.push_back({.text = input.texts[i], .label = *input.labels[i], .weight = 1});
    } else {
      learnt.unlabelled.push_back(i);
    }
  }
  quality::TextClassifierOptions options;
  options.epochs = args.epochs;
  options.seed = args.seed;
  auto out_of_fold =
      quality::OutOfFoldProbabilities(examples, input.classes.size(), args.folds, options);
  if (!out_of_fold.ok()) return out_of_fold.status();
  learnt.out_of_fold = std::move(out_of_fold->probs);
  learnt.temperature = out_of_fold->temperature;
  if (learnt.unlabelled.empty()) return learnt;
  quality::TextClassifier model(input.classes.size(), options);
  if (Status fitted = model.Fit(examples); !fitted.ok()) return fitted;
  model.set_temperature(learnt.temperature);
  learnt.predicted = quality::ProbMatrix(learnt.unlabelled.size(), input.classes.size());
  for (size_t r = 0; r < learnt.unlabelled.size(); ++r) {
    const auto probs = model.Probabilities(input.texts[learnt.unlabelled[r]]);
    std::copy(probs.begin(), probs.end(), learnt.predicted.row(r).begin());
  }
  return learnt;
}

double Accuracy(const quality::ProbMatrix& probs, std::span<const size_t> labels) {
  size_t right = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto row = probs.row(i);
    right +=
        static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin()) == labels[i];
  }
  return labels.empty() ? 0 : static_cast<double>(right) / static_cast<double>(labels.size());
}

std::string Summary(const quality::LabelledTexts& input, const Learnt& learnt,
                    const LearnArgs& args) {
  const double accuracy = Accuracy(learnt.out_of_fold, learnt.labels);
  const double log_loss = quality::LogLoss(learnt.out_of_fold, learnt.labels);
  const double calibration = quality::ExpectedCalibrationError(learnt.out_of_fold, learnt.labels);
  if (args.format == "json") {
    return nlohmann::json{{"file", args.file},
                          {"labelled", learnt.labelled.size()},
                          {"unlabelled", learnt.unlabelled.size()},
                          {"classes", input.classes},
                          {"folds", args.folds},
                          {"out_of_fold_accuracy", accuracy},
                          {"out_of_fold_log_loss", log_loss},
                          {"expected_calibration_error", calibration},
                          {"temperature", learnt.temperature}}
               .dump(2) +
           "\n";
  }
  return fmt::format(
      "{} labelled and {} unlabelled items, {} classes.\n"
      "Out of fold ({} folds): accuracy {}, log loss {}, expected calibration error {} "
      "(temperature {}).\n",
      learnt.labelled.size(), learnt.unlabelled.size(), input.classes.size(), args.folds,
      Number(accuracy), Number(log_loss), Number(calibration), Number(learnt.temperature));
}

}  // namespace

int RunLearn(const LearnArgs& args, std::ostream& out, std::ostream& err) {
  auto input = quality::ReadLabelledTexts(args.file, args.text_column);
  if (!input.ok()) return ReportFailure(err, "learn", input.status());
  auto learnt = Learn(*input, args);
  if (!learnt.ok()) return ReportFailure(err, "learn", learnt.status());
  if (!args.predictions.empty()) {
    const Status written = WriteFileAtomically(args.predictions, [&](std::ostream& file) {
      WriteProbabilities(file, *input, learnt->unlabelled, learnt->predicted);
    });
    if (!written.ok()) return ReportFailure(err, "learn", written);
  }
  std::ostream& summary = args.out.empty() ? err : out;
  if (args.out.empty()) {
    WriteProbabilities(out, *input, learnt->labelled, learnt->out_of_fold);
  } else {
    const Status written = WriteFileAtomically(args.out, [&](std::ostream& file) {
      WriteProbabilities(file, *input, learnt->labelled, learnt->out_of_fold);
    });
    if (!written.ok()) return ReportFailure(err, "learn", written);
  }
  summary << Summary(*input, *learnt, args);
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "learn", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
