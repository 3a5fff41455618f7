#include "store/sqlite/sqlite_annotations.h"

#include <string>
#include <utility>

#include "store/sqlite/sqlite_tasks.h"
#include "store/sqlite/sqlite_users.h"

namespace chorus::store::sqlite {

using domain::Annotation;
using domain::AnnotationState;

namespace {

constexpr const char* kSelectById =
    "SELECT id, task_id, project_id, annotator_id, result, state, lead_time_ms, active_time_ms, "
    "guideline_version, source, draft_shown, version, idempotency_key, created_at, updated_at "
    "FROM annotations WHERE id = ?";
constexpr const char* kSelectByKey =
    "SELECT id, task_id, project_id, annotator_id, result, state, lead_time_ms, active_time_ms, "
    "guideline_version, source, draft_shown, version, idempotency_key, created_at, updated_at "
    "FROM annotations WHERE annotator_id = ? AND idempotency_key = ?";
constexpr const char* kSelectByTask =
    "SELECT id, task_id, project_id, annotator_id, result, state, lead_time_ms, active_time_ms, "
    "guideline_version, source, draft_shown, version, idempotency_key, created_at, updated_at "
    "FROM annotations WHERE task_id = ? ORDER BY id";

Result<Annotation> ReadAnnotation(const Query& q) {
  Annotation a;
  a.id = q.Int(0);
  a.task_id = q.Int(1);
  a.project_id = q.Int(2);
  a.annotator_id = q.Int(3);
  a.result = q.Text(4);
  Result<AnnotationState> state = domain::ParseAnnotationState(q.Text(5));
  Result<domain::AnnotationSource> source = domain::ParseAnnotationSource(q.Text(9));
  if (!state.ok() || !source.ok()) {
    return Internal("annotation " + std::to_string(a.id) +
                    " has an unreadable state or source in the database");
  }
  a.state = *state;
  a.lead_time_ms = q.Int(6);
  a.active_time_ms = q.Int(7);
  a.guideline_version = q.Int(8);
  a.source = *source;
  a.draft_shown = q.Bool(10);
  a.version = q.Int(11);
  a.idempotency_key = q.OptText(12).value_or("");
  a.created_at = q.Int(13);
  a.updated_at = q.Int(14);
  return a;
}

// The first row of a bound query: the annotation, nullopt when there is none, or an error.
Result<std::optional<Annotation>> ReadFirst(Result<Query>& q) {
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Annotation>();
  Result<Annotation> a = ReadAnnotation(*q);
  if (!a.ok()) return a.status();
  return std::optional<Annotation>(std::move(a).value());
}

Result<Annotation> ReadAnnotationById(Connection& db, int64_t id) {
  Result<Query> q = db.Prepare(kSelectById);
  if (q.ok()) q->BindInt(id);
  Result<std::optional<Annotation>> found = ReadFirst(q);
  if (!found.ok()) return found.status();
  if (!*found) {
    return NotFound("there is no annotation with id " + std::to_string(id), "annotation_id");
  }
  return std::move(**found);
}

Status ReleaseReservation(Connection& db, int64_t task_id, int64_t annotator_id) {
  Result<Query> q = db.Prepare("DELETE FROM reservations WHERE task_id = ? AND annotator_id = ?");
  if (!q.ok()) return q.status();
  return q->BindInt(task_id).BindInt(annotator_id).Run();
}

bool Finished(AnnotationState state) { return state != AnnotationState::kDraft; }

}  // namespace

UpdateResult<SubmitResult> SqliteAnnotationStore::Submit(Annotation a,
                                                         const SubmitOptions& options) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(a));
  a.version = 1;
  SubmitResult out;
  int64_t current_version = 0;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    out = {};
    if (!a.idempotency_key.empty()) {
      // A retry: answer with the first row and store nothing (catalogue entry 12).
      Result<Query> q = db.Prepare(kSelectByKey);
      if (q.ok()) q->BindInt(a.annotator_id).BindText(a.idempotency_key);
      Result<std::optional<Annotation>> first = ReadFirst(q);
      if (!first.ok()) return first.status();
      if (*first) {
        out = {std::move(**first), /*replayed=*/true};
        return Status::Ok();
      }
    }
    Result<domain::Task> task = ReadTaskById(db, a.task_id);
    if (!task.ok()) return task.status();
    if (task->project_id != a.project_id) {
      return InvalidArgument("task " + std::to_string(a.task_id) + " belongs to project " +
                                 std::to_string(task->project_id),
                             "project_id");
    }
    Result<domain::User> annotator = ReadUserById(db, a.annotator_id);
    if (!annotator.ok()) return annotator.status();
    {
      Result<Query> q =
          db.Prepare("SELECT id, version FROM annotations WHERE task_id = ? AND annotator_id = ?");
      if (!q.ok()) return q.status();
      q->BindInt(a.task_id).BindInt(a.annotator_id);
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (*row) {
        current_version = q->Int(1);
        return Conflict("you already have annotation " + std::to_string(q->Int(0)) +
                            " on this task; update it with its version instead",
                        "task_id");
      }
    }
    if (options.max_submitted_per_task > 0 && a.state == AnnotationState::kSubmitted) {
      Result<Query> q = db.Prepare(
          "SELECT COUNT(*) FROM annotations WHERE task_id = ? AND state = 'submitted' "
          "AND annotator_id != ?");
      if (!q.ok()) return q.status();
      q->BindInt(a.task_id).BindInt(a.annotator_id);
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (q->Int(0) >= options.max_submitted_per_task) {
        return Conflict(
            "this task already has the labels it needs; keep your work as a draft "
            "and ask for the next task",
            "task_id");
      }
    }
    Result<Query> insert = db.Prepare(
        "INSERT INTO annotations (task_id, project_id, annotator_id, result, state, "
        "lead_time_ms, active_time_ms, guideline_version, source, draft_shown, version, "
        "idempotency_key, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
    if (!insert.ok()) return insert.status();
    std::optional<std::string> key;
    if (!a.idempotency_key.empty()) key = a.idempotency_key;
    CHORUS_RETURN_IF_ERROR(insert->BindInt(a.task_id)
                               .BindInt(a.project_id)
                               .BindInt(a.annotator_id)
                               .BindText(a.result)
                               .BindText(domain::AnnotationStateName(a.state))
                               .BindInt(a.lead_time_ms)
                               .BindInt(a.active_time_ms)
                               .BindInt(a.guideline_version)
                               .BindText(domain::AnnotationSourceName(a.source))
                               .BindBool(a.draft_shown)
                               .BindOptText(key)
                               .BindInt(a.created_at)
                               .BindInt(a.updated_at)
                               .Run());
    a.id = db.LastInsertRowId();
    if (Finished(a.state))
      CHORUS_RETURN_IF_ERROR(ReleaseReservation(db, a.task_id, a.annotator_id));
    out = {a, /*replayed=*/false};
    return Status::Ok();
  });
  if (!status.ok()) return {status, current_version};
  return out;
}

UpdateResult<Annotation> SqliteAnnotationStore::Update(const Annotation& changed,
                                                       int64_t actor_id) {
  int64_t current_version = 0;
  Annotation updated;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Annotation> current = ReadAnnotationById(db, changed.id);
    if (!current.ok()) return current.status();
    if (current->annotator_id != actor_id) {
      // Nobody overwrites another person's label (DESIGN §4).
      return PermissionDenied(
          "only its annotator may change an annotation; add your own "
          "annotation instead",
          "annotation_id");
    }
    if (current->version != changed.version) {
      current_version = current->version;
      return Conflict("annotation " + std::to_string(changed.id) + " changed since version " +
                          std::to_string(changed.version) + " (now " +
                          std::to_string(current_version) +
                          "); reload it and apply your change again",
                      "version");
    }
    updated = *current;
    updated.result = changed.result;
    updated.state = changed.state;
    updated.lead_time_ms = changed.lead_time_ms;
    updated.active_time_ms = changed.active_time_ms;
    updated.guideline_version = changed.guideline_version;
    updated.draft_shown = changed.draft_shown;
    updated.updated_at = changed.updated_at;
    updated.version = current->version + 1;
    CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(updated));
    Result<Query> q = db.Prepare(
        "UPDATE annotations SET result = ?, state = ?, lead_time_ms = ?, active_time_ms = ?, "
        "guideline_version = ?, draft_shown = ?, updated_at = ?, version = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    CHORUS_RETURN_IF_ERROR(q->BindText(updated.result)
                               .BindText(domain::AnnotationStateName(updated.state))
                               .BindInt(updated.lead_time_ms)
                               .BindInt(updated.active_time_ms)
                               .BindInt(updated.guideline_version)
                               .BindBool(updated.draft_shown)
                               .BindInt(updated.updated_at)
                               .BindInt(updated.version)
                               .BindInt(updated.id)
                               .Run());
    if (Finished(updated.state)) {
      return ReleaseReservation(db, updated.task_id, updated.annotator_id);
    }
    return Status::Ok();
  });
  if (!status.ok()) return {status, current_version};
  return updated;
}

Result<Annotation> SqliteAnnotationStore::Get(int64_t id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadAnnotationById(db, id); });
}

Result<std::vector<Annotation>> SqliteAnnotationStore::ListByTask(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<Annotation>> {
    Result<Query> q = db.Prepare(kSelectByTask);
    if (!q.ok()) return q.status();
    q->BindInt(task_id);
    std::vector<Annotation> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Result<Annotation> a = ReadAnnotation(*q);
      if (!a.ok()) return a.status();
      out.push_back(std::move(a).value());
    }
    return out;
  });
}

Result<int64_t> SqliteAnnotationStore::CountSubmitted(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<int64_t> {
    Result<Query> q =
        db.Prepare("SELECT COUNT(*) FROM annotations WHERE task_id = ? AND state = 'submitted'");
    if (!q.ok()) return q.status();
    q->BindInt(task_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    return q->Int(0);
  });
}

}  // namespace chorus::store::sqlite
