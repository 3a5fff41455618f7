// AdjudicationStore on PostgreSQL. Escalate locks the task's row before counting its labels,
// so a submission racing it (whose slot trigger updates the same row) is either counted or
// waits; Decide locks the item's row, so of two decisions the second sees the first.
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Adjudication;

namespace {

#define CHORUS_ADJUDICATION_COLUMNS                                                         \
  "SELECT task_id, project_id, reason, labels, opened_at, decided_by, decided_at, result, " \
  "rationale FROM adjudications "

Adjudication ReadAdjudication(const Rows& rows, int i) {
  Adjudication a;
  a.task_id = rows.Int(i, 0);
  a.project_id = rows.Int(i, 1);
  a.reason = rows.Text(i, 2);
  a.labels = rows.Int(i, 3);
  a.opened_at = rows.Int(i, 4);
  a.decided_by = rows.OptInt(i, 5);
  a.decided_at = rows.OptInt(i, 6);
  a.result = rows.OptText(i, 7).value_or("");
  a.rationale = rows.OptText(i, 8).value_or("");
  return a;
}

Status NotEscalated(int64_t task_id) {
  return NotFound("task " + std::to_string(task_id) + " is not in the adjudication queue",
                  "task_id");
}

}  // namespace

Result<bool> PgAdjudicationStore::Escalate(const Adjudication& opened, int64_t seen_submitted) {
  if (opened.reason.size() > 500) return InvalidArgument("must be at most 500 bytes", "reason");
  bool escalated = false;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    escalated = false;
    Result<domain::Task> task = ReadTaskById(db, opened.task_id, /*lock=*/true);
    if (!task.ok()) return task.status();
    // Closing the task and opening the item are one decision on exactly these labels.
    Result<Rows> closed = db.Exec(
        "UPDATE tasks t SET wanted = $1 WHERE t.id = $2 AND (SELECT COUNT(*) FROM annotations a "
        "WHERE a.task_id = t.id AND a.state = 'submitted') = $1 AND NOT EXISTS (SELECT 1 FROM "
        "adjudications j WHERE j.task_id = t.id)",
        Params().Int(seen_submitted).Int(opened.task_id));
    if (!closed.ok()) return closed.status();
    if (closed->affected() == 0) return Status::Ok();
    Result<Rows> open = db.Exec(
        "INSERT INTO adjudications (task_id, project_id, reason, labels, opened_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        Params()
            .Int(opened.task_id)
            .Int(task->project_id)
            .Text(opened.reason)
            .Int(seen_submitted)
            .Int(opened.opened_at));
    if (!open.ok()) return open.status();
    escalated = true;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return escalated;
}

Result<Adjudication> PgAdjudicationStore::Get(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Adjudication> {
    Result<Rows> rows =
        db.Exec(CHORUS_ADJUDICATION_COLUMNS "WHERE task_id = $1", Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NotEscalated(task_id);
    return ReadAdjudication(*rows, 0);
  });
}

Result<Page<Adjudication>> PgAdjudicationStore::List(int64_t project_id, AdjudicationFilter filter,
                                                     const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<Adjudication>> {
    const int64_t limit = ClampLimit(page.limit);
    const Params params = Params().Int(project_id).Int(page.after_id).Int(limit + 1);
    // Two statements so each walks its partial index (migration 0015).
    Result<Rows> rows =
        filter == AdjudicationFilter::kOpen
            ? db.Exec(CHORUS_ADJUDICATION_COLUMNS
                      "WHERE project_id = $1 AND decided_at IS NULL AND task_id > $2 "
                      "ORDER BY task_id LIMIT $3",
                      params)
            : db.Exec(CHORUS_ADJUDICATION_COLUMNS
                      "WHERE project_id = $1 AND decided_at IS NOT NULL AND task_id > $2 "
                      "ORDER BY task_id LIMIT $3",
                      params);
    if (!rows.ok()) return rows.status();
    Page<Adjudication> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task_id;
        break;
      }
      out.items.push_back(ReadAdjudication(*rows, i));
    }
    return out;
  });
}

Result<int64_t> PgAdjudicationStore::CountOpen(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<int64_t> {
    Result<Rows> rows =
        db.Exec("SELECT COUNT(*) FROM adjudications WHERE project_id = $1 AND decided_at IS NULL",
                Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

Result<Adjudication> PgAdjudicationStore::Decide(int64_t task_id, int64_t adjudicator_id,
                                                 std::string result, std::string rationale,
                                                 int64_t now_ms) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateDecision(result, rationale));
  Adjudication decided;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows =
        db.Exec(CHORUS_ADJUDICATION_COLUMNS "WHERE task_id = $1 FOR UPDATE", Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NotEscalated(task_id);
    decided = ReadAdjudication(*rows, 0);
    if (decided.decided()) {
      return Conflict("task " + std::to_string(task_id) + " was decided already by user " +
                          std::to_string(*decided.decided_by) + "; the first decision stands",
                      "task_id");
    }
    Result<Rows> updated = db.Exec(
        "UPDATE adjudications SET decided_by = $1, decided_at = $2, result = $3, rationale = $4 "
        "WHERE task_id = $5",
        Params().Int(adjudicator_id).Int(now_ms).Text(result).Text(rationale).Int(task_id));
    if (updated.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "decided_by");
    }
    if (!updated.ok()) return updated.status();
    decided.decided_by = adjudicator_id;
    decided.decided_at = now_ms;
    decided.result = std::move(result);
    decided.rationale = std::move(rationale);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return decided;
}

}  // namespace chorus::store::postgres
