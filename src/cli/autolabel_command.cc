#include "cli/autolabel_command.h"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/number_text.h"
#include "cli/output_file.h"
#include "core/csv_writer.h"
#include "core/format_number.h"
#include "quality/auto_label_threshold.h"
#include "quality/ingest/scored_prediction_reader.h"

namespace chorus::cli {
namespace {

void WriteAccepted(std::ostream& file, const std::vector<quality::ScoredPrediction>& pool,
                   double threshold) {
  std::string buffer = "item,label,score\n";
  for (const auto& row : pool) {
    if (row.score < threshold) continue;
    AppendCsvRecord(buffer, {row.item, row.predicted, Exact(row.score)});
  }
  file << buffer;
}

std::string Summary(const quality::AutoLabelThreshold& t, const AutolabelArgs& args,
                    std::optional<size_t> pool_size, size_t accepted) {
  if (args.format == "json") {
    nlohmann::json summary = {
        {"calibration", args.calibration},
        {"target", args.target},
        {"confidence", args.confidence},
        {"calibration_items", t.calibration_items},
        {"first_tested", t.first_tested},
        {"threshold", t.threshold ? nlohmann::json(*t.threshold) : nlohmann::json(nullptr)},
        {"above", t.above},
        {"correct_above", t.correct_above},
        {"accuracy", t.above ? nlohmann::json(static_cast<double>(t.correct_above) /
                                              static_cast<double>(t.above))
                             : nlohmann::json(nullptr)},
        {"lower_bound", t.lower_bound},
        {"wilson95", {t.wilson95.low, t.wilson95.high}},
    };
    if (pool_size) summary["pool"] = {{"items", *pool_size}, {"accepted", accepted}};
    return summary.dump(2) + "\n";
  }
  if (!t.threshold) {
    return fmt::format(
        "No threshold meets {} accuracy at {} confidence on {} calibration items (a threshold "
        "is tested once {} items lie above it). Label more calibration items, or lower the "
        "target: every prediction goes to people.\n",
        WholePercent(args.target), WholePercent(args.confidence), t.calibration_items,
        t.first_tested);
  }
  std::string text = fmt::format(
      "Threshold {}: {} of {} calibration items above it are right ({}, Wilson 95% [{}, {}]); "
      "with {} confidence their accuracy is at least {} (target {}).\n",
      Exact(*t.threshold), t.correct_above, t.above,
      Number(static_cast<double>(t.correct_above) / static_cast<double>(t.above)),
      Number(t.wilson95.low), Number(t.wilson95.high), WholePercent(args.confidence),
      Number(t.lower_bound), Number(args.target));
  if (pool_size) {
    text += fmt::format(
        "Accepted {} of {} pool predictions ({:.1f}%); the rest go to people.\n", accepted,
        *pool_size,
        *pool_size ? 100.0 * static_cast<double>(accepted) / static_cast<double>(*pool_size) : 0.0);
  }
  return text;
}

}  // namespace

int RunAutolabel(const AutolabelArgs& args, std::ostream& out, std::ostream& err) {
  auto calibration = quality::ReadScoredPredictions(args.calibration, /*need_label=*/true);
  if (!calibration.ok()) return ReportFailure(err, "autolabel", calibration.status());
  std::vector<quality::ScoredOutcome> outcomes;
  for (const auto& row : *calibration) outcomes.push_back({row.score, row.predicted == *row.label});
  auto threshold =
      quality::CalibrateAutoLabelThreshold(outcomes, args.target, args.confidence, args.min_items);
  if (!threshold.ok()) return ReportFailure(err, "autolabel", threshold.status());
  std::optional<size_t> pool_size;
  size_t accepted = 0;
  std::ostream& summary = args.pool.empty() || !args.out.empty() ? out : err;
  if (!args.pool.empty()) {
    auto pool = quality::ReadScoredPredictions(args.pool, /*need_label=*/false);
    if (!pool.ok()) return ReportFailure(err, "autolabel", pool.status());
    pool_size = pool->size();
    // No threshold: nothing is accepted (+infinity keeps every row out).
    const double t = threshold->threshold.value_or(std::numeric_limits<double>::infinity());
    for (const auto& row : *pool) accepted += row.score >= t ? 1 : 0;
    if (args.out.empty()) {
      WriteAccepted(out, *pool, t);
    } else {
      const Status written =
          WriteFileAtomically(args.out, [&](std::ostream& file) { WriteAccepted(file, *pool, t); });
      if (!written.ok()) return ReportFailure(err, "autolabel", written);
    }
  }
  summary << Summary(*threshold, args, pool_size, accepted);
  out.flush();
  return out ? kExitOk
             : ReportFailure(err, "autolabel", Internal("could not write to standard output"));
}

}  // namespace chorus::cli
