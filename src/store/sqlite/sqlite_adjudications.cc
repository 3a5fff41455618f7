#include "store/sqlite/sqlite_adjudications.h"

#include <string>
#include <utility>

#include "store/sqlite/sqlite_tasks.h"

namespace chorus::store::sqlite {

using domain::Adjudication;

namespace {

constexpr const char* kAdjudicationColumns =
    "SELECT task_id, project_id, reason, labels, opened_at, decided_by, decided_at, result, "
    "rationale FROM adjudications ";

Adjudication ReadAdjudication(const Query& q) {
  Adjudication a;
  a.task_id = q.Int(0);
  a.project_id = q.Int(1);
  a.reason = q.Text(2);
  a.labels = q.Int(3);
  a.opened_at = q.Int(4);
  a.decided_by = q.OptInt(5);
  a.decided_at = q.OptInt(6);
  a.result = q.OptText(7).value_or("");
  a.rationale = q.OptText(8).value_or("");
  return a;
}

Result<std::optional<Adjudication>> FindAdjudication(Connection& db, int64_t task_id) {
  static const std::string sql = std::string(kAdjudicationColumns) + "WHERE task_id = ?";
  Result<Query> q = db.Prepare(sql.c_str());
  if (!q.ok()) return q.status();
  q->BindInt(task_id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Adjudication>();
  return std::optional<Adjudication>(ReadAdjudication(*q));
}

Status NotEscalated(int64_t task_id) {
  return NotFound("task " + std::to_string(task_id) + " is not in the adjudication queue",
                  "task_id");
}

}  // namespace

Result<bool> SqliteAdjudicationStore::Escalate(const Adjudication& opened, int64_t seen_submitted) {
  if (opened.reason.size() > 500) return InvalidArgument("must be at most 500 bytes", "reason");
  bool escalated = false;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    escalated = false;
    Result<domain::Task> task = ReadTaskById(db, opened.task_id);
    if (!task.ok()) return task.status();
    // Closing the task and opening the item are one decision on exactly these labels.
    Result<Query> close = db.Prepare(
        "UPDATE tasks AS t SET wanted = ?1 WHERE t.id = ?2 AND (SELECT COUNT(*) FROM annotations "
        "a WHERE a.task_id = t.id AND a.state = 'submitted') = ?1 AND NOT EXISTS (SELECT 1 FROM "
        "adjudications j WHERE j.task_id = t.id)");
    if (!close.ok()) return close.status();
    CHORUS_RETURN_IF_ERROR(close->BindInt(seen_submitted).BindInt(opened.task_id).Run());
    if (db.Changes() == 0) return Status::Ok();
    Result<Query> open = db.Prepare(
        "INSERT INTO adjudications (task_id, project_id, reason, labels, opened_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!open.ok()) return open.status();
    CHORUS_RETURN_IF_ERROR(open->BindInt(opened.task_id)
                               .BindInt(task->project_id)
                               .BindText(opened.reason)
                               .BindInt(seen_submitted)
                               .BindInt(opened.opened_at)
                               .Run());
    escalated = true;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return escalated;
}

Result<Adjudication> SqliteAdjudicationStore::Get(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Adjudication> {
    Result<std::optional<Adjudication>> found = FindAdjudication(db, task_id);
    if (!found.ok()) return found.status();
    if (!*found) return NotEscalated(task_id);
    return **found;
  });
}

Result<Page<Adjudication>> SqliteAdjudicationStore::List(int64_t project_id,
                                                         AdjudicationFilter filter,
                                                         const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<Adjudication>> {
    // Two statements so each walks its partial index (migration 0015).
    static const std::string open =
        std::string(kAdjudicationColumns) +
        "WHERE project_id = ? AND decided_at IS NULL AND task_id > ? ORDER BY task_id LIMIT ?";
    static const std::string decided =
        std::string(kAdjudicationColumns) +
        "WHERE project_id = ? AND decided_at IS NOT NULL AND task_id > ? ORDER BY task_id LIMIT ?";
    const int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare((filter == AdjudicationFilter::kOpen ? open : decided).c_str());
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id).BindInt(limit + 1);
    Page<Adjudication> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task_id;
        break;
      }
      out.items.push_back(ReadAdjudication(*q));
    }
    return out;
  });
}

Result<int64_t> SqliteAdjudicationStore::CountOpen(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<int64_t> {
    Result<Query> q = db.Prepare(
        "SELECT COUNT(*) FROM adjudications WHERE project_id = ? AND decided_at IS NULL");
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(project_id).Step();
    if (!row.ok()) return row.status();
    return q->Int(0);
  });
}

Result<Adjudication> SqliteAdjudicationStore::Decide(int64_t task_id, int64_t adjudicator_id,
                                                     std::string result, std::string rationale,
                                                     int64_t now_ms) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateDecision(result, rationale));
  Adjudication decided;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<std::optional<Adjudication>> found = FindAdjudication(db, task_id);
    if (!found.ok()) return found.status();
    if (!*found) return NotEscalated(task_id);
    if ((*found)->decided()) {
      return Conflict("task " + std::to_string(task_id) + " was decided already by user " +
                          std::to_string(*(*found)->decided_by) + "; the first decision stands",
                      "task_id");
    }
    Result<Query> q = db.Prepare(
        "UPDATE adjudications SET decided_by = ?, decided_at = ?, result = ?, rationale = ? "
        "WHERE task_id = ?");
    if (!q.ok()) return q.status();
    Status s = q->BindInt(adjudicator_id)
                   .BindInt(now_ms)
                   .BindText(result)
                   .BindText(rationale)
                   .BindInt(task_id)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "decided_by");
    }
    CHORUS_RETURN_IF_ERROR(s);
    decided = **found;
    decided.decided_by = adjudicator_id;
    decided.decided_at = now_ms;
    decided.result = std::move(result);
    decided.rationale = std::move(rationale);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return decided;
}

}  // namespace chorus::store::sqlite
