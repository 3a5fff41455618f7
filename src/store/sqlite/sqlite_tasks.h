// TaskStore on SQLite, including the next-task reservation. ReserveNextTask runs as one
// operation on the single writer, so the check "submitted + reserved < overlap" and the
// reservation it makes cannot interleave with another caller's (PostgreSQL will need
// SELECT ... FOR UPDATE SKIP LOCKED instead).
// Thread-safety: safe from many threads.
#pragma once

#include "store/sqlite/sqlite_context.h"
#include "store/task_store.h"

namespace chorus::store::sqlite {

class SqliteTaskStore final : public TaskStore {
 public:
  explicit SqliteTaskStore(SqliteContext context) : db_(context) {}

  Result<InsertTasksReport> InsertBatch(int64_t project_id, std::vector<domain::Task> tasks,
                                        const InsertTasksOptions& options) override;
  Result<domain::Task> Get(int64_t id) override;
  Result<Page<domain::Task>> List(int64_t project_id, const PageRequest& page) override;
  Result<int64_t> Count(int64_t project_id) override;
  Result<Page<TaskSummary>> Browse(const TaskBrowseRequest& request) override;
  Result<std::optional<Reservation>> ReserveNextTask(const ReserveRequest& request) override;
  Result<bool> HoldsReservation(int64_t task_id, int64_t annotator_id, int64_t now_ms) override;
  Status ReleaseReservation(int64_t task_id, int64_t annotator_id) override;
  // Routing (sqlite_task_routing.cc).
  Result<TaskRouting> GetRouting(int64_t task_id) override;
  Status SetRequiredTier(int64_t task_id, std::optional<domain::Tier> tier) override;
  Result<bool> SetWanted(int64_t task_id, int64_t wanted, int64_t seen_submitted) override;
  Result<RoutingTally> TallyRouting(int64_t project_id, int64_t overlap) override;
  Result<int64_t> SetPriorities(
      int64_t project_id, const std::vector<std::pair<int64_t, int64_t>>& priorities) override;
  // Wellbeing (sqlite_task_wellbeing.cc).
  Status SetSensitive(int64_t task_id, bool sensitive) override;
  Status SetOptOut(int64_t project_id, int64_t annotator_id, bool opted_out,
                   int64_t now_ms) override;
  Result<bool> OptedOut(int64_t project_id, int64_t annotator_id) override;
  Result<std::vector<int64_t>> OptOuts(int64_t project_id) override;
  Result<std::vector<WorkMark>> RecentWork(int64_t project_id, int64_t annotator_id,
                                           int64_t since_ms) override;
  Result<std::vector<ExposureTotal>> ExposureTotals(int64_t project_id) override;

 private:
  SqliteContext db_;
};

// The task with this id, read through `db` (any connection). kNotFound when absent.
Result<domain::Task> ReadTaskById(Connection& db, int64_t id);

}  // namespace chorus::store::sqlite
