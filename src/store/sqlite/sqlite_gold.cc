#include "store/sqlite/sqlite_gold.h"

#include <string>
#include <utility>

#include "store/sqlite/sqlite_tasks.h"

namespace chorus::store::sqlite {

using domain::GoldItem;

namespace {

constexpr const char* kGoldColumns =
    "SELECT task_id, project_id, reference, rationale, created_by, created_at, updated_at, "
    "version FROM gold_items ";

GoldItem ReadGoldItem(const Query& q) {
  GoldItem g;
  g.task_id = q.Int(0);
  g.project_id = q.Int(1);
  g.reference = q.Text(2);
  g.rationale = q.Text(3);
  g.created_by = q.Int(4);
  g.created_at = q.Int(5);
  g.updated_at = q.Int(6);
  g.version = q.Int(7);
  return g;
}

// The gold item of `task_id`, nullopt when the task is not gold.
Result<std::optional<GoldItem>> FindGoldItem(Connection& db, int64_t task_id) {
  static const std::string sql = std::string(kGoldColumns) + "WHERE task_id = ?";
  Result<Query> q = db.Prepare(sql.c_str());
  if (!q.ok()) return q.status();
  q->BindInt(task_id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<GoldItem>();
  return std::optional<GoldItem>(ReadGoldItem(*q));
}

Status NotGold(int64_t task_id) {
  return NotFound("task " + std::to_string(task_id) + " is not a gold item", "task_id");
}

}  // namespace

UpdateResult<GoldItem> SqliteGoldStore::Put(GoldItem item) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateGoldItem(item));
  int64_t current_version = 0;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    current_version = 0;
    Result<domain::Task> task = ReadTaskById(db, item.task_id);
    if (!task.ok()) return task.status();
    item.project_id = task->project_id;
    Result<std::optional<GoldItem>> stored = FindGoldItem(db, item.task_id);
    if (!stored.ok()) return stored.status();
    if (item.version == 0 && *stored) {
      current_version = (*stored)->version;
      return Conflict(
          "task " + std::to_string(item.task_id) + " is gold already; change it with its version",
          "version");
    }
    if (item.version != 0) {
      if (!*stored) return NotGold(item.task_id);
      if ((*stored)->version != item.version) {
        current_version = (*stored)->version;
        return Conflict("the gold item changed since version " + std::to_string(item.version) +
                            " (now " + std::to_string(current_version) +
                            "); reload it and apply your change again",
                        "version");
      }
      item.created_by = (*stored)->created_by;
      item.created_at = (*stored)->created_at;
      item.version = (*stored)->version + 1;
      Result<Query> q = db.Prepare(
          "UPDATE gold_items SET reference = ?, rationale = ?, updated_at = ?, version = ? "
          "WHERE task_id = ?");
      if (!q.ok()) return q.status();
      return q->BindText(item.reference)
          .BindText(item.rationale)
          .BindInt(item.updated_at)
          .BindInt(item.version)
          .BindInt(item.task_id)
          .Run();
    }
    item.version = 1;
    Result<Query> q = db.Prepare(
        "INSERT INTO gold_items (task_id, project_id, reference, rationale, created_by, "
        "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)");
    if (!q.ok()) return q.status();
    Status s = q->BindInt(item.task_id)
                   .BindInt(item.project_id)
                   .BindText(item.reference)
                   .BindText(item.rationale)
                   .BindInt(item.created_by)
                   .BindInt(item.created_at)
                   .BindInt(item.updated_at)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "created_by");
    }
    return s;
  });
  if (!status.ok()) return {status, current_version};
  return item;
}

Result<GoldItem> SqliteGoldStore::Get(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<GoldItem> {
    Result<std::optional<GoldItem>> found = FindGoldItem(db, task_id);
    if (!found.ok()) return found.status();
    if (!*found) return NotGold(task_id);
    return **found;
  });
}

Status SqliteGoldStore::Remove(int64_t task_id) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("DELETE FROM gold_items WHERE task_id = ?");
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindInt(task_id).Run());
    if (db.Changes() == 0) return NotGold(task_id);
    return Status::Ok();
  });
}

Result<Page<GoldItem>> SqliteGoldStore::List(int64_t project_id, const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<GoldItem>> {
    static const std::string sql =
        std::string(kGoldColumns) + "WHERE project_id = ? AND task_id > ? ORDER BY task_id LIMIT ?";
    const int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id).BindInt(limit + 1);
    Page<GoldItem> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task_id;
        break;
      }
      out.items.push_back(ReadGoldItem(*q));
    }
    return out;
  });
}

Result<std::vector<GoldAnswer>> SqliteGoldStore::Answers(int64_t project_id,
                                                         std::optional<int64_t> annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<GoldAnswer>> {
    // ?2 IS NULL: everyone's answers.
    Result<Query> q = db.Prepare(
        "SELECT a.id, a.task_id, a.annotator_id, a.result, g.reference, a.updated_at "
        "FROM gold_items g JOIN annotations a ON a.task_id = g.task_id "
        "WHERE g.project_id = ?1 AND a.state = 'submitted' AND NOT EXISTS (SELECT 1 "
        "FROM calibration_answers c WHERE c.project_id = g.project_id "
        "AND c.annotator_id = a.annotator_id AND c.task_id = a.task_id) "
        "AND (?2 IS NULL OR a.annotator_id = ?2) ORDER BY a.annotator_id, a.task_id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindOptInt(annotator_id);
    std::vector<GoldAnswer> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back({q->Int(0), q->Int(1), q->Int(2), q->Text(3), q->Text(4), q->Int(5)});
    }
    return out;
  });
}

Result<GoldAnswerTally> SqliteGoldStore::Tally(int64_t project_id, int64_t annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<GoldAnswerTally> {
    // Answers are found through each gold item's (task_id, annotator_id) unique index.
    Result<Query> q = db.Prepare(
        "SELECT COUNT(a.id), COALESCE(MAX(a.updated_at), 0), COALESCE(MAX(g.updated_at), 0), "
        "COUNT(g.task_id) FROM gold_items g LEFT JOIN annotations a ON a.task_id = g.task_id "
        "AND a.annotator_id = ?2 AND a.state = 'submitted' AND NOT EXISTS (SELECT 1 "
        "FROM calibration_answers c WHERE c.project_id = g.project_id "
        "AND c.annotator_id = a.annotator_id AND c.task_id = a.task_id) "
        "WHERE g.project_id = ?1");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(annotator_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    return GoldAnswerTally{q->Int(0), q->Int(1), q->Int(2), q->Int(3)};
  });
}

Status SqliteGoldStore::RecordCalibration(const CalibrationAnswer& answer) {
  if (answer.attempt < 1) return InvalidArgument("must be at least 1", "attempt");
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare(
        "INSERT INTO calibration_answers (project_id, annotator_id, task_id, attempt, correct, "
        "answered_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindInt(answer.project_id)
                   .BindInt(answer.annotator_id)
                   .BindInt(answer.task_id)
                   .BindInt(answer.attempt)
                   .BindInt(answer.correct ? 1 : 0)
                   .BindInt(answer.answered_at)
                   .Run();
    if (s.code() == StatusCode::kConflict) {
      return Conflict("this annotator answered task " + std::to_string(answer.task_id) +
                          " in their qualification already",
                      "task_id");
    }
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("the project, annotator and task must exist", "task_id");
    }
    return s;
  });
}

Result<std::vector<CalibrationAnswer>> SqliteGoldStore::CalibrationAnswers(int64_t project_id,
                                                                           int64_t annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<CalibrationAnswer>> {
    Result<Query> q = db.Prepare(
        "SELECT task_id, attempt, correct, answered_at FROM calibration_answers "
        "WHERE project_id = ? AND annotator_id = ? ORDER BY attempt, answered_at, rowid");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(annotator_id);
    std::vector<CalibrationAnswer> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back({project_id, annotator_id, q->Int(0), q->Int(1), q->Int(2) == 1, q->Int(3)});
    }
    return out;
  });
}

}  // namespace chorus::store::sqlite
