// Auto-labelling with a guarantee inside a project (issue 7 item 3): accept a model version's
// labels above a score threshold calibrated to meet a target accuracy with a stated confidence,
// route the rest to people, and mark auto labels as such for good.
//
// Calibration: the model version's predictions (domain/prediction.h) on tasks with a trusted
// human answer on the project's single-choice control (service/human_reference.h, kBlindOnly):
// gold references and blind-control labels, whose draft was withheld so they are unanchored.
// Each gives (the prediction's score, whether its answer equals the human one); predictions
// without a score or without an answer on the control are left out. The threshold comes from
// quality::CalibrateAutoLabelThreshold (fixed-sequence Clopper-Pearson tests).
//
// Preview (apply = false) changes nothing. Apply writes, for every open task (non-gold, not
// yet auto-labelled, still wanting people's labels: MachineLabelStore::OpenTasks) whose
// prediction scores at or above the threshold and answers the control, a machine label with
// source "model", the model version, its score and the threshold. Machine labels live in their
// own append-only store, not as annotations by a system annotator, so no annotator's
// statistics, agreement, aggregates or pay ever see them; the tasks leave people's queue
// (ReserveNextTask skips them). Gold is never auto-labelled. Every apply is audit-logged.
// Callers check the role (Action::kManageGold: the calibration reads gold answers).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "quality/statistic.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct AutoLabelRequest {
  std::string model_version;     // Required: whose predictions.
  double target_accuracy = 0.98;  // In (0, 1): the accuracy auto labels must meet.
  double confidence = 0.95;       // In (0, 1): the probability the guarantee holds.
  bool apply = false;             // false: preview only.
};

struct AutoLabelReport {
  std::string model_version;
  std::string control;
  double target_accuracy = 0;
  double confidence = 0;
  std::optional<double> threshold;  // Absent: no threshold meets the target yet.
  int64_t calibration_items = 0;    // Predictions compared with a trusted human answer.
  int64_t calibration_gold = 0;     // Of which on gold tasks (the rest: blind labels).
  int64_t calibration_above = 0;    // Calibration items scoring >= threshold.
  int64_t calibration_correct_above = 0;
  std::optional<double> estimated_accuracy;  // correct_above / above.
  std::optional<quality::Interval> wilson95;  // Its Wilson 95% interval.
  double lower_bound = 0;  // One-sided Clopper-Pearson bound at `confidence`.
  int64_t open_tasks = 0;  // Tasks still wanting people's labels.
  int64_t eligible = 0;    // Of those, with a prediction at or above the threshold.
  std::optional<double> share;  // eligible / open_tasks.
  bool applied = false;
  int64_t labelled = 0;  // Auto labels written (apply).
  std::string summary;   // One plain sentence for the manager.
};

class AutoLabelling {
 public:
  // REQUIRES: `store` outlives the service.
  AutoLabelling(store::Store& store, std::function<int64_t()> now)
      : store_(store), now_(std::move(now)) {}

  // kInvalidArgument naming "model_version" (missing, or without predictions in the
  // project), "target_accuracy" or "confidence" (outside (0, 1)), "control" (no single-choice
  // control); kNotFound for an unknown project.
  Result<AutoLabelReport> Run(const Principal& actor, int64_t project_id,
                              const AutoLabelRequest& request);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
