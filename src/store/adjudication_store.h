// The adjudication queue: tasks escalated by dynamic overlap (service/routing.h) and the
// decisions experts made on them (domain/adjudication.h).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "domain/adjudication.h"
#include "store/page.h"

namespace chorus::store {

enum class AdjudicationFilter { kOpen, kDecided };

class AdjudicationStore {
 public:
  virtual ~AdjudicationStore() = default;

  // Escalates task `opened.task_id` in one transaction, only if it still has exactly
  // `seen_submitted` submitted labels (a later label re-decides) and is not escalated yet:
  // closes the task to further labels (its wanted labels become seen_submitted) and opens the
  // adjudication (project_id from the task; decided fields ignored). Whether it escalated.
  // kNotFound for an unknown task.
  virtual Result<bool> Escalate(const domain::Adjudication& opened, int64_t seen_submitted) = 0;

  // kNotFound when the task was never escalated.
  virtual Result<domain::Adjudication> Get(int64_t task_id) = 0;

  // A project's open or decided items in task id order (the cursor is the task id).
  virtual Result<Page<domain::Adjudication>> List(int64_t project_id, AdjudicationFilter filter,
                                                  const PageRequest& page) = 0;
  virtual Result<int64_t> CountOpen(int64_t project_id) = 0;

  // Records the decision on an open item: kNotFound when not escalated, kConflict when
  // decided already (the first decision stands; the current one is returned in the message).
  virtual Result<domain::Adjudication> Decide(int64_t task_id, int64_t adjudicator_id,
                                              std::string result, std::string rationale,
                                              int64_t now_ms) = 0;
};

}  // namespace chorus::store
