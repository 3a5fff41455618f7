// Label Studio export tasks <-> Chorus task-import records (docs/user-guide.md, "Coming from
// Label Studio").
//
// A Label Studio JSON export is a list of tasks
//   {"id": 7, "data": {...}, "annotations": [{"id": 1, "completed_by": 3 | {"email": ...},
//    "result": [regions], "ground_truth": false, "was_cancelled": false}],
//    "predictions": [{"model_version": "m1", "score": 0.9, "result": [regions]}]}
// Each becomes a task-import envelope (service/task_import.h) {"data", "external_id": "<id>",
// "predictions": [...]} with results in Chorus's shape, checked against the interface and the
// task's data here, so an import fails before anything is stored. Span offsets are converted
// between Label Studio's UTF-16 units and Chorus's code points through the task's data.
//
// Label Studio's annotations were made by people who are not Chorus users, and a Chorus label
// is never someone else's: they are imported as predictions with model_version
// "label_studio:<completed_by>" (the email when the export has it, else the user id), which
// annotators may see as drafts and managers compare, never as anyone's label. An annotation
// with ground_truth: true becomes the task's gold reference instead. Cancelled (skipped)
// annotations are listed in `skipped`, not imported.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"

namespace chorus::domain {

inline constexpr const char* kLabelStudioModelPrefix = "label_studio:";

struct LabelStudioGold {
  std::string external_id;   // The task's.
  nlohmann::json reference;  // A Chorus result.
  std::string rationale;     // "Label Studio ground truth by <who>".
};

struct LabelStudioTasks {
  nlohmann::json records = nlohmann::json::array();  // Task-import envelopes, in order.
  std::vector<LabelStudioGold> gold;
  std::vector<std::string> skipped;  // "tasks[2].annotations[0]: cancelled in Label Studio".
  // Fields such as "tasks[3].annotations[1].result[0].value"; messages start "task <id>: " when
  // the task has a Label Studio id.
  std::vector<Status> errors;
};

// Converts a Label Studio export (a JSON array of tasks). Records with errors are left out of
// `records`; a caller imports nothing unless `errors` is empty. At most max_errors are listed.
LabelStudioTasks FromLabelStudioExport(const LabelInterface& label_interface,
                                       const nlohmann::json& tasks, size_t max_errors = 100);

// An annotation to export: who made it (a Chorus user's email, or a prediction's model version
// with kLabelStudioModelPrefix removed) and its Chorus result.
struct LabelStudioAnnotationOut {
  std::string completed_by;
  nlohmann::json result;
  bool ground_truth = false;
};

struct LabelStudioPredictionOut {
  std::string model_version;
  std::optional<double> score;
  nlohmann::json result;
};

// One Label Studio export task. `object_names` as for ToLabelStudioResult; what the regions
// cannot carry is appended to *skipped, prefixed with the task's external id.
nlohmann::json ToLabelStudioTask(const LabelInterface& label_interface,
                                 const std::map<std::string, std::string>& object_names,
                                 const std::string& external_id, const nlohmann::json& data,
                                 const std::vector<LabelStudioAnnotationOut>& annotations,
                                 const std::vector<LabelStudioPredictionOut>& predictions,
                                 std::vector<std::string>* skipped);

}  // namespace chorus::domain
