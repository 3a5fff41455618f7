#include "cli/errors_command.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/number_text.h"
#include "cli/output_file.h"
#include "core/csv_writer.h"
#include "quality/errors/confident_learning.h"
#include "quality/ingest/label_probs_reader.h"

namespace chorus::cli {
namespace {

void WriteSuspects(std::ostream& file, const quality::LabelsAndProbs& input,
                   const quality::LabelIssueReport& report) {
  std::string buffer = "item,given,suggested,score\n";
  for (const quality::LabelIssue& issue : report.issues) {
    const std::string score = Exact(issue.score);
    AppendCsvRecord(buffer, {input.items[issue.item], input.classes[issue.given],
                             input.classes[issue.suggested], score});
    if (buffer.size() > (1 << 16)) {
      file << buffer;
      buffer.clear();
    }
  }
  file << buffer;
}

std::string SummaryText(const quality::LabelsAndProbs& input,
                        const quality::LabelIssueReport& report, const ErrorsArgs& args) {
  const double items = static_cast<double>(input.items.size());
  return fmt::format(
      "{} suspect labels among {} items in {} classes ({:.1f}%), ranked by {}.\n"
      "Estimated share of wrong labels (calibrated confident joint): {:.1f}%.\n"
      "Next: send the top of {} to an expert; the suggested label is the model's most "
      "probable class, not a verdict.\n",
      report.issues.size(), input.items.size(), input.classes.size(),
      100.0 * static_cast<double>(report.issues.size()) / items,
      args.rank_by == "normalized_margin" ? "normalised margin" : "self-confidence",
      100.0 * report.estimated_noise, args.out.empty() ? "the list" : args.out);
}

std::string SummaryJson(const quality::LabelsAndProbs& input,
                        const quality::LabelIssueReport& report, const ErrorsArgs& args) {
  const size_t classes = input.classes.size();
  nlohmann::json joint = nlohmann::json::array();
  for (size_t g = 0; g < classes; ++g) {
    joint.push_back(std::vector<int64_t>(report.confident_joint.begin() + g * classes,
                                         report.confident_joint.begin() + (g + 1) * classes));
  }
  nlohmann::json thresholds = nlohmann::json::array();
  for (const double t : report.thresholds) {
    thresholds.push_back(std::isfinite(t) ? nlohmann::json(t) : nlohmann::json(nullptr));
  }
  nlohmann::json summary = {
      {"labels", args.labels},
      {"probs", args.probs},
      {"out", args.out.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.out)},
      {"items", input.items.size()},
      {"classes", input.classes},
      {"suspects", report.issues.size()},
      {"rank_by", args.rank_by},
      {"estimated_noise", report.estimated_noise},
      {"thresholds", std::move(thresholds)},
      {"confident_joint", std::move(joint)},
  };
  return summary.dump(2) + "\n";
}

}  // namespace

int RunErrors(const ErrorsArgs& args, std::ostream& out, std::ostream& err) {
  auto input = quality::ReadLabelsAndProbs(args.labels, args.probs);
  if (!input.ok()) return ReportFailure(err, "errors", input.status());
  const auto ranking = args.rank_by == "normalized_margin"
                           ? quality::IssueRanking::kNormalizedMargin
                           : quality::IssueRanking::kSelfConfidence;
  auto report = quality::FindLabelIssues(input->labels, input->probs, ranking);
  if (!report.ok()) return ReportFailure(err, "errors", report.status());
  std::ostream& summary = args.out.empty() ? err : out;
  if (args.out.empty()) {
    WriteSuspects(out, *input, *report);
  } else {
    const Status written = WriteFileAtomically(
        args.out, [&](std::ostream& file) { WriteSuspects(file, *input, *report); });
    if (!written.ok()) return ReportFailure(err, "errors", written);
  }
  summary << (args.format == "json" ? SummaryJson(*input, *report, args)
                                    : SummaryText(*input, *report, args));
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "errors", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
