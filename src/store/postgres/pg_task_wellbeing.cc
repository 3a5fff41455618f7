// PgTaskStore's wellbeing methods: sensitive tasks, opt-outs and the exposure queries.
#include <string>
#include <vector>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

Status PgTaskStore::SetSensitive(int64_t task_id, bool sensitive) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec("UPDATE tasks SET sensitive = $1 WHERE id = $2",
                                Params().Bool(sensitive).Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->affected() > 0) return Status::Ok();
    return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
  });
}

Status PgTaskStore::SetOptOut(int64_t project_id, int64_t annotator_id, bool opted_out,
                              int64_t now_ms) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows =
        opted_out
            ? db.Exec(
                  "INSERT INTO wellbeing_opt_outs (project_id, annotator_id, opted_out_at) "
                  "VALUES ($1, $2, $3) ON CONFLICT (project_id, annotator_id) DO NOTHING",
                  Params().Int(project_id).Int(annotator_id).Int(now_ms))
            : db.Exec("DELETE FROM wellbeing_opt_outs WHERE project_id = $1 AND annotator_id = $2",
                      Params().Int(project_id).Int(annotator_id));
    if (rows.status().code() == StatusCode::kInvalidArgument) {
      return NotFound("there is no project " + std::to_string(project_id) + " or user " +
                          std::to_string(annotator_id),
                      "project_id");
    }
    return rows.status();
  });
}

Result<bool> PgTaskStore::OptedOut(int64_t project_id, int64_t annotator_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<bool> {
    Result<Rows> rows =
        db.Exec("SELECT 1 FROM wellbeing_opt_outs WHERE project_id = $1 AND annotator_id = $2",
                Params().Int(project_id).Int(annotator_id));
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  });
}

Result<std::vector<int64_t>> PgTaskStore::OptOuts(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<int64_t>> {
    Result<Rows> rows = db.Exec(
        "SELECT annotator_id FROM wellbeing_opt_outs WHERE project_id = $1 ORDER BY annotator_id",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<int64_t> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(rows->Int(i, 0));
    return out;
  });
}

Result<std::vector<WorkMark>> PgTaskStore::RecentWork(int64_t project_id, int64_t annotator_id,
                                                      int64_t since_ms) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<WorkMark>> {
    // The index annotations_project_annotator_time (migration 0018) bounds the read.
    Result<Rows> rows = db.Exec(
        "SELECT a.updated_at, t.sensitive FROM annotations a JOIN tasks t ON t.id = a.task_id "
        "WHERE a.project_id = $1 AND a.annotator_id = $2 AND a.updated_at >= $3 "
        "AND a.state IN ('submitted', 'skipped') ORDER BY a.updated_at, a.id",
        Params().Int(project_id).Int(annotator_id).Int(since_ms));
    if (!rows.ok()) return rows.status();
    std::vector<WorkMark> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back({rows->Int(i, 0), rows->Bool(i, 1)});
    return out;
  });
}

Result<std::vector<ExposureTotal>> PgTaskStore::ExposureTotals(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<ExposureTotal>> {
    Result<Rows> rows = db.Exec(
        "SELECT a.annotator_id, COUNT(*) FILTER (WHERE t.sensitive), COUNT(*) FROM annotations a "
        "JOIN tasks t ON t.id = a.task_id WHERE a.project_id = $1 "
        "AND a.state IN ('submitted', 'skipped') GROUP BY a.annotator_id ORDER BY a.annotator_id",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<ExposureTotal> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->Int(i, 0), rows->Int(i, 1), rows->Int(i, 2)});
    }
    return out;
  });
}

}  // namespace chorus::store::postgres
