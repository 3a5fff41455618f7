// Gold (control) items for managers: mark a task gold with its reference answer and rationale,
// change or unmark it, list them, and the accuracy report: each annotator's accuracy on gold
// with a Wilson interval and verdict (service/gold_standing.h), overall and per choices label.
// Callers check the role (managers); annotators never reach any of this, and nothing an
// annotator receives says which tasks are gold.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/gold_item.h"
#include "domain/task.h"
#include "service/gold_standing.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct GoldInput {
  std::string reference = "{}";  // JSON text; checked against the interface and task data.
  std::string rationale;
  int64_t version = 0;  // 0 to mark the task gold; the item's version to change it.
};

// Accuracy on one reference label of one choices control ("(ambiguous)" for references that
// call the item ambiguous).
struct GoldLabelAccuracy {
  std::string control;
  std::string label;
  int64_t answers = 0;
  int64_t correct = 0;
  quality::Interval ci95;
};

struct AnnotatorGoldReport {
  int64_t annotator_id = 0;
  GoldStanding standing;
  double mean_score = 0;  // Mean comparison score of the judged answers.
  std::vector<GoldLabelAccuracy> labels;
};

// A gold item with its task, for the manager's list.
struct GoldListing {
  domain::GoldItem item;
  domain::Task task;
};

struct GoldReport {
  domain::GoldPolicy policy;
  int64_t gold_items = 0;
  std::vector<AnnotatorGoldReport> annotators;  // By annotator id.
};

class GoldService {
 public:
  // REQUIRES: `store` outlives the service.
  GoldService(store::Store& store, std::function<int64_t()> now);

  // Marks task `task_id` gold (input.version 0) or changes its item (the version read), as
  // store::GoldStore::Put, after checking the reference as a submission is checked.
  // Recorded in the audit log.
  store::UpdateResult<domain::GoldItem> Put(const Principal& actor, int64_t task_id,
                                            GoldInput input);
  Result<domain::GoldItem> Get(int64_t task_id);
  // Unmarks the task (its answers stay as ordinary labels). Recorded in the audit log.
  Status Remove(const Principal& actor, int64_t task_id);
  // The project's gold items with their tasks, in task id order.
  Result<store::Page<GoldListing>> List(int64_t project_id, const store::PageRequest& page);
  // Every annotator who answered gold in the project. kNotFound for an unknown project.
  Result<GoldReport> Report(int64_t project_id);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
