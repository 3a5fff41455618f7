// GoldStore on PostgreSQL. Put locks the gold item's row (FOR UPDATE) before comparing
// versions; two creations of one task's item meet at its primary key, and the loser gets
// kConflict.
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::GoldItem;

namespace {

#define CHORUS_GOLD_COLUMNS                                                                \
  "SELECT task_id, project_id, reference, rationale, created_by, created_at, updated_at, " \
  "version FROM gold_items "

GoldItem ReadGoldItem(const Rows& rows, int i) {
  GoldItem g;
  g.task_id = rows.Int(i, 0);
  g.project_id = rows.Int(i, 1);
  g.reference = rows.Text(i, 2);
  g.rationale = rows.Text(i, 3);
  g.created_by = rows.Int(i, 4);
  g.created_at = rows.Int(i, 5);
  g.updated_at = rows.Int(i, 6);
  g.version = rows.Int(i, 7);
  return g;
}

Status NotGold(int64_t task_id) {
  return NotFound("task " + std::to_string(task_id) + " is not a gold item", "task_id");
}

}  // namespace

UpdateResult<GoldItem> PgGoldStore::Put(GoldItem item) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateGoldItem(item));
  int64_t current_version = 0;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    current_version = 0;
    Result<domain::Task> task = ReadTaskById(db, item.task_id);
    if (!task.ok()) return task.status();
    item.project_id = task->project_id;
    Result<Rows> stored =
        db.Exec(CHORUS_GOLD_COLUMNS "WHERE task_id = $1 FOR UPDATE", Params().Int(item.task_id));
    if (!stored.ok()) return stored.status();
    if (item.version == 0 && !stored->empty()) {
      current_version = stored->Int(0, 7);
      return Conflict(
          "task " + std::to_string(item.task_id) + " is gold already; change it with its version",
          "version");
    }
    if (item.version != 0) {
      if (stored->empty()) return NotGold(item.task_id);
      const GoldItem before = ReadGoldItem(*stored, 0);
      if (before.version != item.version) {
        current_version = before.version;
        return Conflict("the gold item changed since version " + std::to_string(item.version) +
                            " (now " + std::to_string(current_version) +
                            "); reload it and apply your change again",
                        "version");
      }
      item.created_by = before.created_by;
      item.created_at = before.created_at;
      item.version = before.version + 1;
      return db
          .Exec(
              "UPDATE gold_items SET reference = $1, rationale = $2, updated_at = $3, "
              "version = $4 WHERE task_id = $5",
              Params()
                  .Text(item.reference)
                  .Text(item.rationale)
                  .Int(item.updated_at)
                  .Int(item.version)
                  .Int(item.task_id))
          .status();
    }
    item.version = 1;
    Result<Rows> inserted = db.Exec(
        "INSERT INTO gold_items (task_id, project_id, reference, rationale, created_by, "
        "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
        Params()
            .Int(item.task_id)
            .Int(item.project_id)
            .Text(item.reference)
            .Text(item.rationale)
            .Int(item.created_by)
            .Int(item.created_at)
            .Int(item.updated_at));
    if (inserted.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "created_by");
    }
    return inserted.status();
  });
  if (!status.ok()) return {status, current_version};
  return item;
}

Result<GoldItem> PgGoldStore::Get(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<GoldItem> {
    Result<Rows> rows = db.Exec(CHORUS_GOLD_COLUMNS "WHERE task_id = $1", Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NotGold(task_id);
    return ReadGoldItem(*rows, 0);
  });
}

Status PgGoldStore::Remove(int64_t task_id) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec("DELETE FROM gold_items WHERE task_id = $1", Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->affected() == 0) return NotGold(task_id);
    return Status::Ok();
  });
}

Result<Page<GoldItem>> PgGoldStore::List(int64_t project_id, const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<GoldItem>> {
    const int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(CHORUS_GOLD_COLUMNS
                                "WHERE project_id = $1 AND task_id > $2 ORDER BY task_id LIMIT $3",
                                Params().Int(project_id).Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<GoldItem> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task_id;
        break;
      }
      out.items.push_back(ReadGoldItem(*rows, i));
    }
    return out;
  });
}

Result<std::vector<GoldAnswer>> PgGoldStore::Answers(int64_t project_id,
                                                     std::optional<int64_t> annotator_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<GoldAnswer>> {
    // $2 IS NULL: everyone's answers.
    Result<Rows> rows = db.Exec(
        "SELECT a.id, a.task_id, a.annotator_id, a.result, g.reference, a.updated_at "
        "FROM gold_items g JOIN annotations a ON a.task_id = g.task_id "
        "WHERE g.project_id = $1 AND a.state = 'submitted' AND NOT EXISTS (SELECT 1 "
        "FROM calibration_answers c WHERE c.project_id = g.project_id "
        "AND c.annotator_id = a.annotator_id AND c.task_id = a.task_id) "
        "AND ($2::bigint IS NULL OR a.annotator_id = $2::bigint) "
        "ORDER BY a.annotator_id, a.task_id",
        Params().Int(project_id).OptInt(annotator_id));
    if (!rows.ok()) return rows.status();
    std::vector<GoldAnswer> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->Int(i, 0), rows->Int(i, 1), rows->Int(i, 2), rows->Text(i, 3),
                     rows->Text(i, 4), rows->Int(i, 5)});
    }
    return out;
  });
}

Result<GoldAnswerTally> PgGoldStore::Tally(int64_t project_id, int64_t annotator_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<GoldAnswerTally> {
    Result<Rows> rows = db.Exec(
        "SELECT COUNT(a.id), COALESCE(MAX(a.updated_at), 0), COALESCE(MAX(g.updated_at), 0), "
        "COUNT(g.task_id) FROM gold_items g LEFT JOIN annotations a ON a.task_id = g.task_id "
        "AND a.annotator_id = $2 AND a.state = 'submitted' AND NOT EXISTS (SELECT 1 "
        "FROM calibration_answers c WHERE c.project_id = g.project_id "
        "AND c.annotator_id = a.annotator_id AND c.task_id = a.task_id) "
        "WHERE g.project_id = $1",
        Params().Int(project_id).Int(annotator_id));
    if (!rows.ok()) return rows.status();
    return GoldAnswerTally{rows->Int(0, 0), rows->Int(0, 1), rows->Int(0, 2), rows->Int(0, 3)};
  });
}

Status PgGoldStore::RecordCalibration(const CalibrationAnswer& answer) {
  if (answer.attempt < 1) return InvalidArgument("must be at least 1", "attempt");
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> inserted = db.Exec(
        "INSERT INTO calibration_answers (project_id, annotator_id, task_id, attempt, correct, "
        "answered_at) VALUES ($1, $2, $3, $4, $5, $6)",
        Params()
            .Int(answer.project_id)
            .Int(answer.annotator_id)
            .Int(answer.task_id)
            .Int(answer.attempt)
            .Bool(answer.correct)
            .Int(answer.answered_at));
    if (inserted.status().code() == StatusCode::kConflict) {
      return Conflict("this annotator answered task " + std::to_string(answer.task_id) +
                          " in their qualification already",
                      "task_id");
    }
    if (inserted.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("the project, annotator and task must exist", "task_id");
    }
    return inserted.status();
  });
}

Result<std::vector<CalibrationAnswer>> PgGoldStore::CalibrationAnswers(int64_t project_id,
                                                                       int64_t annotator_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<CalibrationAnswer>> {
    Result<Rows> rows = db.Exec(
        "SELECT task_id, attempt, correct, answered_at FROM calibration_answers "
        "WHERE project_id = $1 AND annotator_id = $2 ORDER BY attempt, answered_at, ctid",
        Params().Int(project_id).Int(annotator_id));
    if (!rows.ok()) return rows.status();
    std::vector<CalibrationAnswer> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({project_id, annotator_id, rows->Int(i, 0), rows->Int(i, 1), rows->Bool(i, 2),
                     rows->Int(i, 3)});
    }
    return out;
  });
}

#undef CHORUS_GOLD_COLUMNS

}  // namespace chorus::store::postgres
