// SqliteTaskStore's routing methods: the labels a task wants and the tier it requires.
#include <string>

#include "store/sqlite/sqlite_tasks.h"

namespace chorus::store::sqlite {
namespace {

constexpr const char* kSubmitted =
    "(SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id AND a.state = 'submitted')";

Status NoTask(int64_t task_id) {
  return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
}

}  // namespace

Result<TaskRouting> SqliteTaskStore::GetRouting(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<TaskRouting> {
    static const std::string sql = std::string("SELECT t.wanted, t.required_tier, t.is_gold, ") +
                                   kSubmitted + ", t.taken FROM tasks t WHERE t.id = ?";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindInt(task_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NoTask(task_id);
    TaskRouting routing;
    routing.wanted = q->OptInt(0);
    if (const std::optional<std::string> tier = q->OptText(1)) {
      auto parsed = domain::ParseTier(*tier);
      if (!parsed.ok()) return Internal("task " + std::to_string(task_id) + " has an unknown tier");
      routing.required_tier = *parsed;
    }
    routing.is_gold = q->Bool(2);
    routing.submitted = q->Int(3);
    routing.taken = q->Int(4);
    return routing;
  });
}

Status SqliteTaskStore::SetRequiredTier(int64_t task_id, std::optional<domain::Tier> tier) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("UPDATE tasks SET required_tier = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    std::optional<std::string> name;
    if (tier) name = domain::TierName(*tier);
    CHORUS_RETURN_IF_ERROR(q->BindOptText(name).BindInt(task_id).Run());
    return db.Changes() == 0 ? NoTask(task_id) : Status::Ok();
  });
}

Result<bool> SqliteTaskStore::SetWanted(int64_t task_id, int64_t wanted, int64_t seen_submitted) {
  if (wanted < 1) return InvalidArgument("must be at least 1", "wanted");
  bool set = false;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    // The trigger tasks_rewant (migration 0015) reopens or closes the task.
    static const std::string sql =
        std::string("UPDATE tasks AS t SET wanted = ?1 WHERE t.id = ?2 AND ") + kSubmitted +
        " = ?3";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindInt(wanted).BindInt(task_id).BindInt(seen_submitted).Run());
    set = db.Changes() == 1;
    if (set) return Status::Ok();
    Result<Query> exists = db.Prepare("SELECT 1 FROM tasks WHERE id = ?");
    if (!exists.ok()) return exists.status();
    Result<bool> row = exists->BindInt(task_id).Step();
    if (!row.ok()) return row.status();
    return *row ? Status::Ok() : NoTask(task_id);
  });
  if (!status.ok()) return status;
  return set;
}

}  // namespace chorus::store::sqlite

namespace chorus::store::sqlite {

Result<RoutingTally> SqliteTaskStore::TallyRouting(int64_t project_id, int64_t overlap) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<RoutingTally> {
    static const std::string sql =
        std::string(
            "SELECT COUNT(*), COALESCE(SUM(n >= w), 0), COALESCE(SUM(CASE WHEN n >= w THEN n "
            "ELSE 0 END), 0), COALESCE(SUM(n >= w AND w < ?2 AND NOT e), 0), COALESCE(SUM(w > ?2), "
            "0), "
            "(SELECT COUNT(*) FROM adjudications j WHERE j.project_id = ?1 AND j.decided_at IS "
            "NULL), (SELECT COUNT(*) FROM adjudications j WHERE j.project_id = ?1 AND "
            "j.decided_at IS NOT NULL) FROM (SELECT COALESCE(t.wanted, ?2) AS w, EXISTS (SELECT 1 "
            "FROM adjudications j WHERE j.task_id = t.id) AS e, ") +
        kSubmitted + " AS n FROM tasks t WHERE t.project_id = ?1 AND t.is_gold = 0)";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(project_id).BindInt(overlap).Step();
    if (!row.ok()) return row.status();
    return RoutingTally{q->Int(0), q->Int(1), q->Int(2), q->Int(3),
                        q->Int(4), q->Int(5), q->Int(6)};
  });
}

}  // namespace chorus::store::sqlite

namespace chorus::store::sqlite {

Result<int64_t> SqliteTaskStore::SetPriorities(
    int64_t project_id, const std::vector<std::pair<int64_t, int64_t>>& priorities) {
  int64_t changed = 0;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    changed = 0;
    for (const auto& [task_id, priority] : priorities) {
      Result<Query> q = db.Prepare(
          "UPDATE tasks SET priority = ? WHERE id = ? AND project_id = ? AND is_gold = 0");
      if (!q.ok()) return q.status();
      CHORUS_RETURN_IF_ERROR(q->BindInt(priority).BindInt(task_id).BindInt(project_id).Run());
      if (db.Changes() == 1) {
        ++changed;
        continue;
      }
      // Not changed: a gold task of the project (left alone) or not the project's at all.
      Result<Query> exists = db.Prepare("SELECT 1 FROM tasks WHERE id = ? AND project_id = ?");
      if (!exists.ok()) return exists.status();
      Result<bool> row = exists->BindInt(task_id).BindInt(project_id).Step();
      if (!row.ok()) return row.status();
      if (!*row) {
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

}  // namespace chorus::store::sqlite
