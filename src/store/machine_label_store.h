// Machine labels (domain/machine_label.h) and a project's labelling functions (issue 7 items 3,
// 7 and 8). Machine labels are append-only: there is no update or delete, and the backends'
// triggers refuse one, so a label once marked as a model's or a rule's stays so. Auto labels
// also take their task out of people's queue (tasks.auto_labelled, migration 0024):
// TaskStore::ReserveNextTask no longer hands it out (a reservation already held is left to run
// out). Rule labels never close a task.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/machine_label.h"
#include "store/page.h"

namespace chorus::store {

// A project's labelling-function document (JSON text) and when it was last written.
struct FunctionDocument {
  std::string document;  // "" when the project has none.
  int64_t updated_at = 0;
};

class MachineLabelStore {
 public:
  virtual ~MachineLabelStore() = default;

  // Appends `labels` in one transaction (ids assigned in order), setting each label's
  // project_id to `project_id`. With close_tasks, their tasks are marked auto-labelled and
  // leave people's queue. kInvalidArgument naming the field ValidateMachineLabel names, or
  // "task_id" for a task of another project (or a gold task when close_tasks); kConflict
  // (field "task_id") when close_tasks and the task is auto-labelled already (two applies at
  // once: one wins). Nothing is stored on an error.
  virtual Status Append(int64_t project_id, const std::vector<domain::MachineLabel>& labels,
                        bool close_tasks) = 0;
  // The project's machine labels with first_task_id <= task_id <= last_task_id, by task id then
  // id. Memory: the rows.
  virtual Result<std::vector<domain::MachineLabel>> ListForTasks(int64_t project_id,
                                                                 int64_t first_task_id,
                                                                 int64_t last_task_id) = 0;
  // One page of the project's machine labels in id order, of `source` (kModel or kRule) when
  // given.
  virtual Result<Page<domain::MachineLabel>> List(int64_t project_id,
                                                  std::optional<domain::AnnotationSource> source,
                                                  const PageRequest& page) = 0;
  // The project's non-gold tasks that still want people's labels: not auto-labelled and with
  // fewer submitted labels than they want (their own wanted labels, else the project's
  // overlap), in id order. Memory: the ids.
  virtual Result<std::vector<int64_t>> OpenTasks(int64_t project_id) = 0;
  // The project's model versions with predictions, by name. (Predictions live in
  // PredictionStore; this reads them for the validation report.)
  virtual Result<std::vector<std::string>> PredictedModelVersions(int64_t project_id) = 0;

  // The project's labelling-function document. kNotFound for an unknown project.
  virtual Result<FunctionDocument> Functions(int64_t project_id) = 0;
  // Stores (document "" : removes) the project's document. kNotFound for an unknown project.
  virtual Status PutFunctions(int64_t project_id, const std::string& document,
                              int64_t now_ms) = 0;
};

}  // namespace chorus::store
