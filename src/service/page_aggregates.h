// The stored aggregates of one page of tasks, for the exports that stream a project page by
// page (service/export.h, service/format_export.h).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "core/status.h"
#include "domain/task.h"
#include "domain/task_aggregate.h"
#include "store/store.h"

namespace chorus::service {

// The stored aggregates of the tasks of `page` (store/aggregate_store.h), by task id: tasks and
// aggregates are both in task id order, so one list call from the page's first task covers it.
// REQUIRES: `page` in task id order.
Result<std::map<int64_t, domain::TaskAggregate>> PageAggregates(
    store::Store& store, int64_t project_id, const std::vector<domain::Task>& page);

}  // namespace chorus::service
