// Validation of machine labels against people's (issue 7 item 8): before anyone trains on
// model or rule labels, compare each machine source with the human answer on the same tasks.
//
// Sources: each model version's predictions (domain/prediction.h), each model version's auto
// labels and each rule set's labels (domain/machine_label.h; the latest label per task of a
// source). The human answer per task is service/human_reference.h's kUnanchored: gold
// references, else the plurality of blind and undrafted human labels (drafted labels, accepted
// or not, may have anchored on the model and are left out). Per source: machine labels on the
// control, those compared, accuracy with a Wilson 95% interval, a confusion table (rows: the
// human answer, columns: the machine's, in the control's option order), and a verdict in plain
// words: "do not train on this yet" while the interval's lower bound is under min_accuracy.
// Callers check the role (Action::kManageGold: gold references are compared).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/machine_label.h"
#include "quality/statistic.h"
#include "store/store.h"

namespace chorus::service {

struct SourceValidation {
  std::string source;  // "prediction", "auto_label" (source model) or "rule".
  std::string origin;  // The model version or rule set.
  int64_t labels = 0;    // Its labels answering the control.
  int64_t compared = 0;  // Of those, on tasks with a human answer.
  int64_t correct = 0;
  std::optional<double> accuracy;             // correct / compared.
  std::optional<quality::Interval> wilson95;  // Its Wilson 95% interval.
  std::vector<std::vector<int64_t>> confusion;  // [human option][machine option].
  bool fit_to_train = false;  // The interval's lower bound is at least min_accuracy.
  std::string verdict;        // One plain sentence.
};

struct ValidationReport {
  std::string control;
  std::vector<std::string> options;  // The confusion tables' order.
  double min_accuracy = 0;
  int64_t human_tasks = 0;  // Tasks with a human answer.
  std::vector<SourceValidation> sources;  // Predictions, then auto labels, then rules.
};

// The default bar a machine source must clear (the Wilson lower bound) before training on it.
inline constexpr double kDefaultMinTrainAccuracy = 0.9;

// kNotFound for an unknown project; kInvalidArgument naming "min_accuracy" (outside (0, 1))
// or "control" (no single-choice control).
Result<ValidationReport> ValidateMachineLabels(store::Store& store, int64_t project_id,
                                               double min_accuracy = kDefaultMinTrainAccuracy);

// The reads the routes need, over a store they cannot see.
class MachineLabelReports {
 public:
  // REQUIRES: `store` outlives the object.
  explicit MachineLabelReports(store::Store& store) : store_(store) {}

  Result<ValidationReport> Validate(int64_t project_id, double min_accuracy) {
    return ValidateMachineLabels(store_, project_id, min_accuracy);
  }
  // One page of the project's machine labels in id order, of `source` (kModel or kRule) when
  // given. kNotFound for an unknown project.
  Result<store::Page<domain::MachineLabel>> List(int64_t project_id,
                                                 std::optional<domain::AnnotationSource> source,
                                                 const store::PageRequest& page);

 private:
  store::Store& store_;
};

}  // namespace chorus::service
