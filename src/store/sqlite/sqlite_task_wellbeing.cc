// SqliteTaskStore's wellbeing methods: sensitive tasks, opt-outs and the exposure queries.
#include <string>
#include <vector>

#include "store/sqlite/sqlite_tasks.h"

namespace chorus::store::sqlite {

Status SqliteTaskStore::SetSensitive(int64_t task_id, bool sensitive) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("UPDATE tasks SET sensitive = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindBool(sensitive).BindInt(task_id).Run());
    if (db.Changes() > 0) return Status::Ok();
    return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
  });
}

Status SqliteTaskStore::SetOptOut(int64_t project_id, int64_t annotator_id, bool opted_out,
                                  int64_t now_ms) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q =
        opted_out ? db.Prepare(
                        "INSERT INTO wellbeing_opt_outs (project_id, annotator_id, opted_out_at) "
                        "VALUES (?, ?, ?) ON CONFLICT (project_id, annotator_id) DO NOTHING")
                  : db.Prepare(
                        "DELETE FROM wellbeing_opt_outs WHERE project_id = ? AND annotator_id = ?");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(annotator_id);
    if (opted_out) q->BindInt(now_ms);
    Status s = q->Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return NotFound("there is no project " + std::to_string(project_id) + " or user " +
                          std::to_string(annotator_id),
                      "project_id");
    }
    return s;
  });
}

Result<bool> SqliteTaskStore::OptedOut(int64_t project_id, int64_t annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<bool> {
    Result<Query> q =
        db.Prepare("SELECT 1 FROM wellbeing_opt_outs WHERE project_id = ? AND annotator_id = ?");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(annotator_id);
    return q->Step();
  });
}

Result<std::vector<int64_t>> SqliteTaskStore::OptOuts(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<int64_t>> {
    Result<Query> q = db.Prepare(
        "SELECT annotator_id FROM wellbeing_opt_outs WHERE project_id = ? ORDER BY annotator_id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<int64_t> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out.push_back(q->Int(0));
    }
  });
}

Result<std::vector<WorkMark>> SqliteTaskStore::RecentWork(int64_t project_id, int64_t annotator_id,
                                                          int64_t since_ms) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<WorkMark>> {
    // The index annotations_project_annotator_time (migration 0018) bounds the read.
    Result<Query> q = db.Prepare(
        "SELECT a.updated_at, t.sensitive FROM annotations a JOIN tasks t ON t.id = a.task_id "
        "WHERE a.project_id = ? AND a.annotator_id = ? AND a.updated_at >= ? "
        "AND a.state IN ('submitted', 'skipped') ORDER BY a.updated_at, a.id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(annotator_id).BindInt(since_ms);
    std::vector<WorkMark> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out.push_back({q->Int(0), q->Bool(1)});
    }
  });
}

Result<std::vector<ExposureTotal>> SqliteTaskStore::ExposureTotals(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<ExposureTotal>> {
    Result<Query> q = db.Prepare(
        "SELECT a.annotator_id, SUM(t.sensitive), COUNT(*) FROM annotations a "
        "JOIN tasks t ON t.id = a.task_id WHERE a.project_id = ? "
        "AND a.state IN ('submitted', 'skipped') GROUP BY a.annotator_id ORDER BY a.annotator_id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<ExposureTotal> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out.push_back({q->Int(0), q->Int(1), q->Int(2)});
    }
  });
}

}  // namespace chorus::store::sqlite
