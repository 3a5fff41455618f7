#include "service/auto_labelling.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "quality/auto_label_threshold.h"
#include "service/aggregation_service.h"
#include "service/audit.h"
#include "service/human_reference.h"

namespace chorus::service {
namespace {

Status CheckRequest(const AutoLabelRequest& r) {
  if (r.model_version.empty()) {
    return InvalidArgument("name the model version whose predictions to accept", "model_version");
  }
  const auto open_unit = [](double v) { return std::isfinite(v) && v > 0 && v < 1; };
  if (!open_unit(r.target_accuracy)) {
    return InvalidArgument("must be between 0 and 1, e.g. 0.98", "target_accuracy");
  }
  if (!open_unit(r.confidence)) {
    return InvalidArgument("must be between 0 and 1, e.g. 0.95", "confidence");
  }
  return Status::Ok();
}

std::string Percent(double share) { return fmt::format("{:.1f}%", share * 100); }

std::string Summarise(const AutoLabelReport& r) {
  if (!r.threshold) {
    return fmt::format(
        "no threshold gives {} accuracy with {} confidence on {} calibration items: send these "
        "tasks to people, and collect more blind or gold labels to calibrate",
        Percent(r.target_accuracy), Percent(r.confidence), r.calibration_items);
  }
  std::string out = fmt::format(
      "scores at or above {:.4g} reach {} accuracy with {} confidence ({} of {} calibration "
      "items above it correct, Wilson 95% {}-{}); ",
      *r.threshold, Percent(r.target_accuracy), Percent(r.confidence),
      r.calibration_correct_above, r.calibration_above, Percent(r.wilson95->low),
      Percent(r.wilson95->high));
  out += r.applied ? fmt::format("{} of {} open tasks were auto-labelled, the rest stay with "
                                 "people",
                                 r.labelled, r.open_tasks)
                   : fmt::format("{} of {} open tasks ({}) would be auto-labelled, the rest "
                                 "stay with people",
                                 r.eligible, r.open_tasks, Percent(r.share.value_or(0)));
  return out;
}

}  // namespace

Result<AutoLabelReport> AutoLabelling::Run(const Principal& actor, int64_t project_id,
                                           const AutoLabelRequest& request) {
  CHORUS_RETURN_IF_ERROR(CheckRequest(request));
  auto context = LoadProjectControl(store_, project_id);
  if (!context.ok()) return context.status();
  const domain::Control& control = context->control();
  auto predictions = store_.predictions().ListForModel(project_id, request.model_version);
  if (!predictions.ok()) return predictions.status();
  if (predictions->empty()) {
    return InvalidArgument("the project has no predictions of model version \"" +
                               request.model_version + "\"; import them first",
                           "model_version");
  }
  auto reference = LoadHumanReference(store_, project_id, control, HumanEvidence::kBlindOnly);
  if (!reference.ok()) return reference.status();

  AutoLabelReport report;
  report.model_version = request.model_version;
  report.control = control.name;
  report.target_accuracy = request.target_accuracy;
  report.confidence = request.confidence;
  std::vector<quality::ScoredOutcome> outcomes;
  for (const domain::Prediction& p : *predictions) {
    const auto human = reference->answers.find(p.task_id);
    if (human == reference->answers.end() || !p.score) continue;
    const std::optional<std::string> answer = VoteOf(p.result, control);
    if (!answer) continue;
    outcomes.push_back({*p.score, *answer == human->second});
    if (reference->gold.contains(p.task_id)) ++report.calibration_gold;
  }
  auto calibrated = quality::CalibrateAutoLabelThreshold(outcomes, request.target_accuracy,
                                                         request.confidence);
  if (!calibrated.ok()) return calibrated.status();
  report.calibration_items = static_cast<int64_t>(calibrated->calibration_items);
  report.threshold = calibrated->threshold;
  if (report.threshold) {
    report.calibration_above = static_cast<int64_t>(calibrated->above);
    report.calibration_correct_above = static_cast<int64_t>(calibrated->correct_above);
    report.lower_bound = calibrated->lower_bound;
    report.wilson95 = calibrated->wilson95;
    if (calibrated->above > 0) {
      report.estimated_accuracy = static_cast<double>(calibrated->correct_above) /
                                  static_cast<double>(calibrated->above);
    }
  }

  auto open = store_.machine_labels().OpenTasks(project_id);
  if (!open.ok()) return open.status();
  const std::set<int64_t> open_tasks(open->begin(), open->end());
  report.open_tasks = static_cast<int64_t>(open_tasks.size());
  const int64_t now = now_();
  std::vector<domain::MachineLabel> labels;
  for (const domain::Prediction& p : *predictions) {
    if (!report.threshold || !p.score || *p.score < *report.threshold) continue;
    if (!open_tasks.contains(p.task_id) || !VoteOf(p.result, control)) continue;
    domain::MachineLabel label;
    label.task_id = p.task_id;
    label.source = domain::AnnotationSource::kModel;
    label.origin = p.model_version;
    label.result = p.result;
    label.score = p.score;
    label.threshold = report.threshold;
    label.created_at = now;
    labels.push_back(std::move(label));
  }
  report.eligible = static_cast<int64_t>(labels.size());
  if (report.open_tasks > 0) {
    report.share = static_cast<double>(report.eligible) / static_cast<double>(report.open_tasks);
  }
  if (request.apply && !labels.empty()) {
    CHORUS_RETURN_IF_ERROR(store_.machine_labels().Append(project_id, labels, true));
    report.applied = true;
    report.labelled = report.eligible;
    const nlohmann::json after = {{"model_version", report.model_version},
                                  {"threshold", *report.threshold},
                                  {"target_accuracy", report.target_accuracy},
                                  {"confidence", report.confidence},
                                  {"calibration_items", report.calibration_items},
                                  {"auto_labelled", report.labelled}};
    CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "project.auto_label",
                                        "project", project_id, "null", AuditJson(after), now));
  } else if (request.apply) {
    report.applied = true;  // Nothing qualified: nothing written.
  }
  report.summary = Summarise(report);
  return report;
}

}  // namespace chorus::service
