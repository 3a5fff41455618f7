// PgTaskStore's routing methods: the labels a task wants and the tier it requires. SetWanted
// locks the task's row first, so a submission (whose slot trigger updates the same row) waits
// or is counted.
#include <string>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {
namespace {

Status NoTask(int64_t task_id) {
  return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
}

}  // namespace

Result<TaskRouting> PgTaskStore::GetRouting(int64_t task_id) {
  Result<Rows> rows = WithConnection(pool_, [&](Connection& db) {
    return db.Exec(
        "SELECT t.wanted, t.required_tier, t.is_gold, (SELECT COUNT(*) FROM annotations a "
        "WHERE a.task_id = t.id AND a.state = 'submitted'), t.taken FROM tasks t WHERE t.id = $1",
        Params().Int(task_id));
  });
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NoTask(task_id);
  TaskRouting routing;
  routing.wanted = rows->OptInt(0, 0);
  if (const std::optional<std::string> tier = rows->OptText(0, 1)) {
    auto parsed = domain::ParseTier(*tier);
    if (!parsed.ok()) return Internal("task " + std::to_string(task_id) + " has an unknown tier");
    routing.required_tier = *parsed;
  }
  routing.is_gold = rows->Bool(0, 2);
  routing.submitted = rows->Int(0, 3);
  routing.taken = rows->Int(0, 4);
  return routing;
}

Status PgTaskStore::SetRequiredTier(int64_t task_id, std::optional<domain::Tier> tier) {
  std::optional<std::string> name;
  if (tier) name = domain::TierName(*tier);
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec("UPDATE tasks SET required_tier = $1 WHERE id = $2",
                                Params().OptText(name).Int(task_id));
    if (!rows.ok()) return rows.status();
    return rows->affected() == 0 ? NoTask(task_id) : Status::Ok();
  });
}

Result<bool> PgTaskStore::SetWanted(int64_t task_id, int64_t wanted, int64_t seen_submitted) {
  if (wanted < 1) return InvalidArgument("must be at least 1", "wanted");
  bool set = false;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<domain::Task> task = ReadTaskById(db, task_id, /*lock=*/true);
    if (!task.ok()) return task.status();
    // The trigger tasks_rewant (migration 0015) reopens or closes the task.
    Result<Rows> rows = db.Exec(
        "UPDATE tasks t SET wanted = $1 WHERE t.id = $2 AND (SELECT COUNT(*) FROM annotations a "
        "WHERE a.task_id = t.id AND a.state = 'submitted') = $3",
        Params().Int(wanted).Int(task_id).Int(seen_submitted));
    if (!rows.ok()) return rows.status();
    set = rows->affected() == 1;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return set;
}

}  // namespace chorus::store::postgres

namespace chorus::store::postgres {

Result<RoutingTally> PgTaskStore::TallyRouting(int64_t project_id, int64_t overlap) {
  Result<Rows> rows = WithConnection(pool_, [&](Connection& db) {
    return db.Exec(
        "SELECT COUNT(*), COALESCE(SUM((n >= w)::int), 0), COALESCE(SUM(CASE WHEN n >= w THEN n "
        "ELSE 0 END), 0), COALESCE(SUM((n >= w AND w < $2 AND NOT e)::int), 0), "
        "COALESCE(SUM((w > $2)::int), 0), "
        "(SELECT COUNT(*) FROM adjudications j WHERE j.project_id = $1 AND j.decided_at IS NULL), "
        "(SELECT COUNT(*) FROM adjudications j WHERE j.project_id = $1 AND "
        "j.decided_at IS NOT NULL) FROM (SELECT COALESCE(t.wanted, $2) AS w, EXISTS (SELECT 1 "
        "FROM adjudications j WHERE j.task_id = t.id) AS e, (SELECT COUNT(*) "
        "FROM annotations a WHERE a.task_id = t.id AND a.state = 'submitted') AS n FROM tasks t "
        "WHERE t.project_id = $1 AND NOT t.is_gold) counted",
        Params().Int(project_id).Int(overlap));
  });
  if (!rows.ok()) return rows.status();
  return RoutingTally{rows->Int(0, 0), rows->Int(0, 1), rows->Int(0, 2), rows->Int(0, 3),
                      rows->Int(0, 4), rows->Int(0, 5), rows->Int(0, 6)};
}

}  // namespace chorus::store::postgres

namespace chorus::store::postgres {

Result<int64_t> PgTaskStore::SetPriorities(
    int64_t project_id, const std::vector<std::pair<int64_t, int64_t>>& priorities) {
  int64_t changed = 0;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    changed = 0;
    for (const auto& [task_id, priority] : priorities) {
      Result<Rows> rows = db.Exec(
          "UPDATE tasks SET priority = $1 WHERE id = $2 AND project_id = $3 AND NOT is_gold",
          Params().Int(priority).Int(task_id).Int(project_id));
      if (!rows.ok()) return rows.status();
      if (rows->affected() == 1) {
        ++changed;
        continue;
      }
      // Not changed: a gold task of the project (left alone) or not the project's at all.
      Result<Rows> exists = db.Exec("SELECT 1 FROM tasks WHERE id = $1 AND project_id = $2",
                                    Params().Int(task_id).Int(project_id));
      if (!exists.ok()) return exists.status();
      if (exists->empty()) {
        return InvalidArgument("task " + std::to_string(task_id) + " is not a task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return changed;
}

}  // namespace chorus::store::postgres
