// Model predictions in (issue 7 item 1): a manager imports predictions for tasks that exist,
// as a JSON array or JSONL of {task_id | external_id, model_version, score?, result}, and reads
// a task's predictions. Each result is checked against the project's label interface exactly as
// a submitted annotation is (service/result_check.h); any bad record stores nothing and every
// error names its record, line and field. A re-import of the same task and model version
// replaces the prediction (latest wins). Predictions may also come with tasks
// (service/task_import.h). Callers check the role (Action::kManageProjects).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/prediction.h"
#include "service/principal.h"
#include "service/task_import.h"
#include "store/store.h"

namespace chorus::service {

struct PredictionImportSummary {
  int64_t records = 0;
  int64_t stored = 0;               // Predictions stored (new or replacing); 0 when errors.
  std::vector<RecordError> errors;  // Non-empty: nothing was stored.
  bool more_errors = false;         // More errors than the listed ones.
};

class PredictionService {
 public:
  // REQUIRES: `store` outlives the service.
  PredictionService(store::Store& store, std::function<int64_t()> now);

  // Imports `body` (kJson: an array; kJsonl: one record per line; kCsv is refused naming
  // "format") into project `project_id`. kNotFound for an unknown project; record errors are
  // in the summary. Recorded in the audit log.
  Result<PredictionImportSummary> Import(const Principal& actor, int64_t project_id,
                                         std::string_view body, ImportFormat format,
                                         size_t max_errors = 100);
  // A task's predictions, newest first. kNotFound for an unknown task.
  Result<std::vector<domain::Prediction>> ListForTask(int64_t task_id);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
