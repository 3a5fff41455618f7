// Stored aggregates (domain/task_aggregate.h): one row per task of a project, replaced as a
// whole each time the project is aggregated again (service/aggregation_service.h), so readers
// never see a mix of two runs.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "domain/task_aggregate.h"
#include "store/page.h"

namespace chorus::store {

class AggregateStore {
 public:
  virtual ~AggregateStore() = default;

  // Deletes every stored aggregate of `project_id` and inserts `rows` in one transaction
  // (each row's project_id is taken to be `project_id`). kInvalidArgument (field "task_id")
  // when a row's task is not a task of the project; nothing changes then. Memory: the rows.
  virtual Status ReplaceForProject(int64_t project_id,
                                   const std::vector<domain::TaskAggregate>& rows) = 0;
  // kNotFound when the task has no stored aggregate.
  virtual Result<domain::TaskAggregate> Get(int64_t task_id) = 0;
  // A project's aggregates in task id order (the cursor is the task id).
  virtual Result<Page<domain::TaskAggregate>> List(int64_t project_id, const PageRequest& page) = 0;
};

}  // namespace chorus::store
