// Gold (control) items, the answers annotators gave them, and the answers new annotators gave
// them during qualification.
//
// Marking a task gold takes it out of the ordinary queue (TaskStore::ReserveNextTask hands it
// out only as a control); unmarking puts it back. Answers are ordinary annotations: nothing in
// the annotation or task rows says gold, so nothing an annotator reads can either.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/gold_item.h"
#include "store/page.h"
#include "store/update_result.h"

namespace chorus::store {

// One submitted annotation of a gold task with the reference it is judged against.
struct GoldAnswer {
  int64_t annotation_id = 0;
  int64_t task_id = 0;
  int64_t annotator_id = 0;
  std::string result;      // The annotation's result (JSON text).
  std::string reference;   // The gold item's reference (JSON text).
  int64_t updated_at = 0;  // The annotation's.
};

// What changes when an annotator's standing on gold can change: a cache key.
struct GoldAnswerTally {
  int64_t answers = 0;          // Their submitted answers to the project's gold items.
  int64_t last_answer_at = 0;   // Latest updated_at among those answers (0: none).
  int64_t gold_changed_at = 0;  // Latest updated_at among the project's gold items.
  int64_t gold_items = 0;       // Gold items in the project.

  bool operator==(const GoldAnswerTally&) const = default;
};

// One answer a new annotator gave during qualification, judged when it was given.
struct CalibrationAnswer {
  int64_t project_id = 0;
  int64_t annotator_id = 0;
  int64_t task_id = 0;
  int64_t attempt = 1;  // Their try, from 1.
  bool correct = false;
  int64_t answered_at = 0;

  bool operator==(const CalibrationAnswer&) const = default;
};

class GoldStore {
 public:
  virtual ~GoldStore() = default;

  // Makes task `item.task_id` gold or changes its gold item. With item.version 0 it creates
  // the item (version 1; kConflict with current_version() when the task is gold already);
  // otherwise it replaces reference, rationale and updated_at when item.version is the stored
  // one (version + 1; kConflict with current_version() when stale; kNotFound when the task is
  // not gold). project_id is set from the task and created_at kept on change.
  // kNotFound for an unknown task; kInvalidArgument (domain::ValidateGoldItem, or an unknown
  // created_by).
  virtual UpdateResult<domain::GoldItem> Put(domain::GoldItem item) = 0;
  virtual Result<domain::GoldItem> Get(int64_t task_id) = 0;  // kNotFound when not gold.
  // Unmarks the task: it becomes an ordinary task again, with every answer it received kept as
  // an ordinary label. kNotFound when it is not gold.
  virtual Status Remove(int64_t task_id) = 0;
  // The project's gold items in task id order (the page cursor is the task id).
  virtual Result<Page<domain::GoldItem>> List(int64_t project_id, const PageRequest& page) = 0;

  // Submitted answers to the project's gold items, of one annotator or (nullopt) of everyone,
  // in annotator then task order; qualification answers (RecordCalibration) are not among
  // them (nor in Tally): they were given with feedback.
  virtual Result<std::vector<GoldAnswer>> Answers(int64_t project_id,
                                                  std::optional<int64_t> annotator_id) = 0;
  virtual Result<GoldAnswerTally> Tally(int64_t project_id, int64_t annotator_id) = 0;

  // Records a qualification answer. kConflict (field "task_id") when the annotator has one for
  // the task already; kInvalidArgument for an unknown project, annotator or task, or an
  // attempt < 1.
  virtual Status RecordCalibration(const CalibrationAnswer& answer) = 0;
  // An annotator's qualification answers in a project, by attempt, then as they were given.
  virtual Result<std::vector<CalibrationAnswer>> CalibrationAnswers(int64_t project_id,
                                                                    int64_t annotator_id) = 0;
};

}  // namespace chorus::store
