// AnnotationStore on PostgreSQL. Submit, SaveDraft and Update lock the task row (as
// ReserveNextTask does) and then the annotator's row, in that order, so the per-task cap, the
// one-label-per-annotator rule and the draft a submission completes are checked against every
// earlier commit; Submit's INSERT ... ON CONFLICT DO NOTHING turns a racing retry with the same
// idempotency key into a replay instead of an error.
#include <string>
#include <utility>

#include "domain/annotation_lifecycle.h"
#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Annotation;
using domain::AnnotationState;

namespace {

#define CHORUS_ANNOTATION_COLUMNS                                                      \
  "SELECT id, task_id, project_id, annotator_id, result, state, lead_time_ms, "        \
  "active_time_ms, guideline_version, source, draft_shown, version, idempotency_key, " \
  "created_at, updated_at, skip_reason, draft_model_version, blind, draft_accepted "   \
  "FROM annotations "
constexpr const char* kSelectById = CHORUS_ANNOTATION_COLUMNS "WHERE id = $1";
constexpr const char* kLockById = CHORUS_ANNOTATION_COLUMNS "WHERE id = $1 FOR UPDATE";
constexpr const char* kSelectByKey =
    CHORUS_ANNOTATION_COLUMNS "WHERE annotator_id = $1 AND idempotency_key = $2";
constexpr const char* kSelectByTask = CHORUS_ANNOTATION_COLUMNS "WHERE task_id = $1 ORDER BY id";
constexpr const char* kSelectOwn =
    CHORUS_ANNOTATION_COLUMNS "WHERE task_id = $1 AND annotator_id = $2";
constexpr const char* kLockOwn =
    CHORUS_ANNOTATION_COLUMNS "WHERE task_id = $1 AND annotator_id = $2 FOR UPDATE";
// Annotator $2's row of task $1 and their row with idempotency key $3 (NULL: none); the union
// keeps both lookups on their unique indexes (an OR would not).
constexpr const char* kLockOwnOrKeyed = CHORUS_ANNOTATION_COLUMNS
    "WHERE id IN (SELECT id FROM annotations WHERE task_id = $1 AND annotator_id = $2 "
    "UNION ALL SELECT id FROM annotations WHERE annotator_id = $2 AND idempotency_key = $3) "
    "FOR UPDATE";
constexpr const char* kSelectSubmittedInProject = CHORUS_ANNOTATION_COLUMNS
    "WHERE project_id = $1 AND state = 'submitted' AND id > $2 ORDER BY id LIMIT $3";
#undef CHORUS_ANNOTATION_COLUMNS

// The draft_model_version column: NULL when no draft applied.
std::optional<std::string> DraftModelColumn(const Annotation& a) {
  if (a.draft_model_version.empty()) return std::nullopt;
  return a.draft_model_version;
}

// The first row of a result: the annotation, nullopt when there is none, or an error.
Result<std::optional<Annotation>> ReadFirst(Result<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Annotation>();
  Result<Annotation> a = ReadAnnotation(*rows, 0);
  if (!a.ok()) return a.status();
  return std::optional<Annotation>(std::move(a).value());
}

Status ReleaseReservation(Connection& db, int64_t task_id, int64_t annotator_id) {
  return db
      .Exec("DELETE FROM reservations WHERE task_id = $1 AND annotator_id = $2",
            Params().Int(task_id).Int(annotator_id))
      .status();
}

bool Finished(AnnotationState state) { return state != AnnotationState::kDraft; }

// The annotator's annotation of the task (locked when `lock`), nullopt when none.
Result<std::optional<Annotation>> ReadOwn(Connection& db, int64_t task_id, int64_t annotator_id,
                                          bool lock) {
  return ReadFirst(db.Exec(lock ? kLockOwn : kSelectOwn, Params().Int(task_id).Int(annotator_id)));
}

// a.annotator_id's annotation of a.task_id and their annotation with a's idempotency key (the
// same row, or either missing), locked, in one statement.
struct OwnAndKeyed {
  std::optional<Annotation> own, keyed;
};
Result<OwnAndKeyed> ReadOwnAndKeyed(Connection& db, const Annotation& a) {
  std::optional<std::string> key;
  if (!a.idempotency_key.empty()) key = a.idempotency_key;
  Result<Rows> rows =
      db.Exec(kLockOwnOrKeyed, Params().Int(a.task_id).Int(a.annotator_id).OptText(key));
  if (!rows.ok()) return rows.status();
  OwnAndKeyed out;
  for (int i = 0; i < rows->size(); ++i) {
    Result<Annotation> row = ReadAnnotation(*rows, i);
    if (!row.ok()) return row.status();
    if (key && row->idempotency_key == *key) out.keyed = *row;
    if (row->task_id == a.task_id) out.own = std::move(row).value();
  }
  return out;
}

// kConflict naming the annotator's existing annotation, with its version in current_version.
Status ExistingConflict(const Annotation& own, int64_t& current_version) {
  current_version = own.version;
  return Conflict("you already have annotation " + std::to_string(own.id) +
                      " on this task; update it with its version instead",
                  "task_id");
}

// The same, read again: for an insert that lost a race.
Status ExistingConflict(Connection& db, const Annotation& a, int64_t& current_version) {
  Result<std::optional<Annotation>> own = ReadOwn(db, a.task_id, a.annotator_id, false);
  if (!own.ok()) return own.status();
  if (!*own) return Status::Ok();
  return ExistingConflict(**own, current_version);
}

// Locks the task, then checks it is in a.project_id and that the annotator exists (one
// statement: each round trip to the server costs more than the lookups).
Status LockTaskAndCheck(Connection& db, const Annotation& a) {
  Result<Rows> rows = db.Exec(
      "SELECT t.project_id, EXISTS (SELECT 1 FROM users u WHERE u.id = $2) FROM tasks t "
      "WHERE t.id = $1 FOR NO KEY UPDATE OF t",
      Params().Int(a.task_id).Int(a.annotator_id));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return NotFound("there is no task with id " + std::to_string(a.task_id), "task_id");
  }
  if (rows->Int(0, 0) != a.project_id) {
    return InvalidArgument("task " + std::to_string(a.task_id) + " belongs to project " +
                               std::to_string(rows->Int(0, 0)),
                           "project_id");
  }
  if (!rows->Bool(0, 1)) {
    return NotFound("there is no user with id " + std::to_string(a.annotator_id), "user");
  }
  return Status::Ok();
}

// kConflict when the task has options.max_submitted_per_task (> 0) submitted labels by others
// than `annotator_id`, counting others' live reservations when options.now_ms is set.
// REQUIRES: the task row is locked.
Status CheckCap(Connection& db, int64_t task_id, int64_t annotator_id,
                const SubmitOptions& options) {
  if (options.max_submitted_per_task <= 0) return Status::Ok();
  Result<Rows> count = db.Exec(
      "SELECT (SELECT COUNT(*) FROM annotations WHERE task_id = $1 AND state = 'submitted' "
      "AND annotator_id <> $2) + (SELECT COUNT(*) FROM reservations WHERE task_id = $1 "
      "AND annotator_id <> $2 AND $3::BIGINT > 0 AND expires_at > $3::BIGINT)",
      Params().Int(task_id).Int(annotator_id).Int(options.now_ms));
  if (!count.ok()) return count.status();
  if (count->Int(0, 0) >= options.max_submitted_per_task) {
    return Conflict(
        "this task already has the labels it needs, or is held for others; keep your work as "
        "a draft and ask for the next task",
        "task_id");
  }
  return Status::Ok();
}

// Inserts `a` as a new row (version 1): its id, or nullopt when a unique key was taken. When
// the row went in and `a` is finished, the same statement releases the annotator's reservation
// of the task.
Result<std::optional<int64_t>> InsertRow(Connection& db, const Annotation& a) {
  std::optional<std::string> key;
  if (!a.idempotency_key.empty()) key = a.idempotency_key;
  Result<Rows> inserted = db.Exec(
      "WITH inserted AS (INSERT INTO annotations (task_id, project_id, annotator_id, result, "
      "state, lead_time_ms, active_time_ms, guideline_version, source, draft_shown, version, "
      "idempotency_key, skip_reason, created_at, updated_at, draft_model_version, blind, "
      "draft_accepted) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13, $14, $15, $16, $17) "
      "ON CONFLICT DO NOTHING RETURNING id), "
      "released AS (DELETE FROM reservations WHERE task_id = $1 AND annotator_id = $3 AND $18 "
      "AND EXISTS (SELECT 1 FROM inserted)) "
      "SELECT id FROM inserted",
      Params()
          .Int(a.task_id)
          .Int(a.project_id)
          .Int(a.annotator_id)
          .Text(a.result)
          .Text(domain::AnnotationStateName(a.state))
          .Int(a.lead_time_ms)
          .Int(a.active_time_ms)
          .Int(a.guideline_version)
          .Text(domain::AnnotationSourceName(a.source))
          .Bool(a.draft_shown)
          .OptText(key)
          .Text(a.skip_reason)
          .Int(a.created_at)
          .Int(a.updated_at)
          .OptText(DraftModelColumn(a))
          .Bool(a.blind)
          .Bool(a.draft_accepted)
          .Bool(Finished(a.state)));
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(inserted->Int(0, 0));
}

// Writes every mutable column of `a` (by a.id); the slot trigger follows the state.
Status WriteRow(Connection& db, const Annotation& a) {
  std::optional<std::string> key;
  if (!a.idempotency_key.empty()) key = a.idempotency_key;
  return db
      .Exec(
          "UPDATE annotations SET result = $1, state = $2, lead_time_ms = $3, "
          "active_time_ms = $4, guideline_version = $5, draft_shown = $6, "
          "idempotency_key = $7, skip_reason = $8, updated_at = $9, version = $10, "
          "draft_model_version = $12, blind = $13, draft_accepted = $14 WHERE id = $11",
          Params()
              .Text(a.result)
              .Text(domain::AnnotationStateName(a.state))
              .Int(a.lead_time_ms)
              .Int(a.active_time_ms)
              .Int(a.guideline_version)
              .Bool(a.draft_shown)
              .OptText(key)
              .Text(a.skip_reason)
              .Int(a.updated_at)
              .Int(a.version)
              .Int(a.id)
              .OptText(DraftModelColumn(a))
              .Bool(a.blind)
              .Bool(a.draft_accepted))
      .status();
}

}  // namespace

Result<Annotation> ReadAnnotation(const Rows& rows, int i) {
  Annotation a;
  a.id = rows.Int(i, 0);
  a.task_id = rows.Int(i, 1);
  a.project_id = rows.Int(i, 2);
  a.annotator_id = rows.Int(i, 3);
  a.result = rows.Text(i, 4);
  Result<AnnotationState> state = domain::ParseAnnotationState(rows.Text(i, 5));
  Result<domain::AnnotationSource> source = domain::ParseAnnotationSource(rows.Text(i, 9));
  if (!state.ok() || !source.ok()) {
    return Internal("annotation " + std::to_string(a.id) +
                    " has an unreadable state or source in the database");
  }
  a.state = *state;
  a.lead_time_ms = rows.Int(i, 6);
  a.active_time_ms = rows.Int(i, 7);
  a.guideline_version = rows.Int(i, 8);
  a.source = *source;
  a.draft_shown = rows.Bool(i, 10);
  a.version = rows.Int(i, 11);
  a.idempotency_key = rows.OptText(i, 12).value_or("");
  a.created_at = rows.Int(i, 13);
  a.updated_at = rows.Int(i, 14);
  a.skip_reason = rows.Text(i, 15);
  a.draft_model_version = rows.OptText(i, 16).value_or("");
  a.blind = rows.Bool(i, 17);
  a.draft_accepted = rows.Bool(i, 18);
  return a;
}

Result<Annotation> ReadAnnotationById(Connection& db, int64_t id, bool lock) {
  Result<std::optional<Annotation>> found =
      ReadFirst(db.Exec(lock ? kLockById : kSelectById, Params().Int(id)));
  if (!found.ok()) return found.status();
  if (!*found) {
    return NotFound("there is no annotation with id " + std::to_string(id), "annotation_id");
  }
  return std::move(**found);
}

Status EndReturn(Connection& db, int64_t annotation_id) {
  return db.Exec("DELETE FROM returned_work WHERE annotation_id = $1", Params().Int(annotation_id))
      .status();
}

UpdateResult<SubmitResult> PgAnnotationStore::Submit(Annotation a, const SubmitOptions& options) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(a));
  a.version = 1;
  SubmitResult out;
  int64_t current_version = 0;
  std::optional<std::string> key;
  if (!a.idempotency_key.empty()) key = a.idempotency_key;
  // A retry: answer with the first row and store nothing (catalogue entry 12). The key on
  // the draft this submission completes is not a retry of it. (ReadOwnAndKeyed reads the key's
  // row first; this reads it again after an insert lost a race to it.)
  auto replay = [&](Connection& db) -> Result<bool> {
    if (!key) return false;
    Result<std::optional<Annotation>> first =
        ReadFirst(db.Exec(kSelectByKey, Params().Int(a.annotator_id).Text(*key)));
    if (!first.ok()) return first.status();
    if (!*first || domain::CompletesDraft(**first, a)) return false;
    out = {std::move(**first), /*replayed=*/true};
    return true;
  };
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    out = {};
    current_version = 0;
    CHORUS_RETURN_IF_ERROR(LockTaskAndCheck(db, a));
    // Statements after the lock see what committed before it (READ COMMITTED).
    Result<OwnAndKeyed> found = ReadOwnAndKeyed(db, a);
    if (!found.ok()) return found.status();
    if (found->keyed && !domain::CompletesDraft(*found->keyed, a)) {
      out = {std::move(*found->keyed), /*replayed=*/true};
      return Status::Ok();
    }
    const std::optional<Annotation>& own = found->own;
    if (own && !domain::CompletesDraft(*own, a)) return ExistingConflict(*own, current_version);
    if (a.state == AnnotationState::kSubmitted) {
      CHORUS_RETURN_IF_ERROR(CheckCap(db, a.task_id, a.annotator_id, options));
    }
    Annotation row = a;
    if (own) {
      // Their draft becomes this submission: one row, so one slot at most.
      row = domain::SubmitDraft(*own, a);
      CHORUS_RETURN_IF_ERROR(WriteRow(db, row));
      if (Finished(row.state)) {
        CHORUS_RETURN_IF_ERROR(ReleaseReservation(db, row.task_id, row.annotator_id));
      }
    } else {  // InsertRow releases the reservation.
      Result<std::optional<int64_t>> id = InsertRow(db, row);
      if (!id.ok()) return id.status();
      if (!*id) {
        // The same key was used for another task by a transaction that committed meanwhile.
        Result<bool> replayed = replay(db);
        if (!replayed.ok()) return replayed.status();
        if (*replayed) return Status::Ok();
        CHORUS_RETURN_IF_ERROR(ExistingConflict(db, a, current_version));
        return Conflict("another submission took this slot at the same time; try again", "task_id");
      }
      row.id = **id;
    }
    out = {std::move(row), /*replayed=*/false};
    return Status::Ok();
  });
  if (!status.ok()) return {status, current_version};
  return out;
}

UpdateResult<Annotation> PgAnnotationStore::SaveDraft(Annotation d) {
  d.state = AnnotationState::kDraft;
  d.idempotency_key.clear();
  d.skip_reason.clear();
  CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(d));
  int64_t current_version = 0;
  Annotation saved;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    current_version = 0;
    CHORUS_RETURN_IF_ERROR(LockTaskAndCheck(db, d));
    Result<std::optional<Annotation>> own = ReadOwn(db, d.task_id, d.annotator_id, true);
    if (!own.ok()) return own.status();
    CHORUS_RETURN_IF_ERROR(domain::CheckDraftSave(*own, d, &current_version));
    if (*own) {
      saved = domain::ResaveDraft(**own, d);
      return WriteRow(db, saved);
    }
    saved = d;
    saved.version = 1;
    Result<std::optional<int64_t>> id = InsertRow(db, saved);
    if (!id.ok()) return id.status();
    if (!*id)
      return Conflict("another save of this draft ran at the same time; reload it", "version");
    saved.id = **id;
    return Status::Ok();
  });
  if (!status.ok()) return {status, current_version};
  return saved;
}

UpdateResult<Annotation> PgAnnotationStore::Update(const Annotation& changed, int64_t actor_id,
                                                   const SubmitOptions& options) {
  int64_t current_version = 0;
  Annotation updated;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    current_version = 0;
    // The task first (its row holds the slot count the state change moves), then the row.
    Result<Annotation> unlocked = ReadAnnotationById(db, changed.id, /*lock=*/false);
    if (!unlocked.ok()) return unlocked.status();
    CHORUS_RETURN_IF_ERROR(ReadTaskById(db, unlocked->task_id, /*lock=*/true).status());
    Result<Annotation> current = ReadAnnotationById(db, changed.id, /*lock=*/true);
    if (!current.ok()) return current.status();
    if (current->annotator_id != actor_id) {
      // Nobody overwrites another person's label (DESIGN §4).
      return {StatusCode::kPermissionDenied,
              "only its annotator may change an annotation; add your own annotation instead",
              "annotation_id"};
    }
    if (current->version != changed.version) {
      current_version = current->version;
      return Conflict("annotation " + std::to_string(changed.id) + " changed since version " +
                          std::to_string(changed.version) + " (now " +
                          std::to_string(current_version) +
                          "); reload it and apply your change again",
                      "version");
    }
    updated = domain::ApplyUpdate(*current, changed);
    CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(updated));
    if (updated.state == AnnotationState::kSubmitted &&
        current->state != AnnotationState::kSubmitted) {
      CHORUS_RETURN_IF_ERROR(CheckCap(db, updated.task_id, updated.annotator_id, options));
    }
    CHORUS_RETURN_IF_ERROR(WriteRow(db, updated));
    // Its annotator corrected or skipped it: the work is no longer returned.
    CHORUS_RETURN_IF_ERROR(EndReturn(db, updated.id));
    if (Finished(updated.state)) {
      return ReleaseReservation(db, updated.task_id, updated.annotator_id);
    }
    return Status::Ok();
  });
  if (!status.ok()) return {status, current_version};
  return updated;
}

Result<Annotation> PgAnnotationStore::Get(int64_t id) {
  return WithConnection(pool_, [&](Connection& db) { return ReadAnnotationById(db, id, false); });
}

Result<std::optional<Annotation>> PgAnnotationStore::FindOwn(int64_t task_id,
                                                             int64_t annotator_id) {
  return WithConnection(
      pool_, [&](Connection& db) { return ReadOwn(db, task_id, annotator_id, /*lock=*/false); });
}

Result<std::vector<Annotation>> PgAnnotationStore::ListByTask(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<Annotation>> {
    Result<Rows> rows = db.Exec(kSelectByTask, Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    std::vector<Annotation> out;
    for (int i = 0; i < rows->size(); ++i) {
      Result<Annotation> a = ReadAnnotation(*rows, i);
      if (!a.ok()) return a.status();
      out.push_back(std::move(a).value());
    }
    return out;
  });
}

Result<Page<Annotation>> PgAnnotationStore::ListSubmittedInProject(int64_t project_id,
                                                                   const PageRequest& page) {
  const int64_t limit = ClampLimit(page.limit);
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<Annotation>> {
    Result<Rows> rows =
        db.Exec(kSelectSubmittedInProject, Params().Int(project_id).Int(page.after_id).Int(limit));
    if (!rows.ok()) return rows.status();
    Page<Annotation> out;
    for (int i = 0; i < rows->size(); ++i) {
      Result<Annotation> a = ReadAnnotation(*rows, i);
      if (!a.ok()) return a.status();
      out.items.push_back(std::move(a).value());
    }
    // A full page may have more after it; a short one is the last.
    if (static_cast<int64_t>(out.items.size()) == limit) out.next_after_id = out.items.back().id;
    return out;
  });
}

Result<int64_t> PgAnnotationStore::CountSubmitted(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<int64_t> {
    Result<Rows> rows =
        db.Exec("SELECT COUNT(*) FROM annotations WHERE task_id = $1 AND state = 'submitted'",
                Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

Result<AnnotatorStats> PgAnnotationStore::StatsFor(int64_t project_id, int64_t annotator_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<AnnotatorStats> {
    Result<Rows> rows = db.Exec(
        "SELECT COUNT(*) FILTER (WHERE state = 'submitted'), "
        "COUNT(*) FILTER (WHERE state = 'skipped'), COALESCE(SUM(active_time_ms), 0), "
        "COALESCE(SUM(lead_time_ms), 0) FROM annotations WHERE annotator_id = $1 "
        "AND project_id = $2 AND state IN ('submitted', 'skipped')",
        Params().Int(annotator_id).Int(project_id));
    if (!rows.ok()) return rows.status();
    return AnnotatorStats{rows->Int(0, 0), rows->Int(0, 1), rows->Int(0, 2), rows->Int(0, 3)};
  });
}

Result<std::vector<AnnotatorWork>> PgAnnotationStore::WorkByAnnotator(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<AnnotatorWork>> {
    // Each annotation's latest review through the reviews_annotation index (migration 0017).
    Result<Rows> rows = db.Exec(
        "SELECT a.annotator_id, COUNT(*) FILTER (WHERE a.state = 'submitted'), "
        "COUNT(*) FILTER (WHERE a.state = 'skipped'), "
        "COUNT(*) FILTER (WHERE a.state = 'submitted' AND r.verdict IN ('accepted', 'fixed')), "
        "COUNT(*) FILTER (WHERE a.state = 'submitted' AND r.verdict = 'rejected'), "
        "COALESCE(SUM(a.active_time_ms), 0)::BIGINT, COALESCE(SUM(a.lead_time_ms), 0)::BIGINT "
        "FROM annotations a LEFT JOIN LATERAL (SELECT verdict FROM reviews "
        "WHERE annotation_id = a.id ORDER BY id DESC LIMIT 1) r ON TRUE "
        "WHERE a.project_id = $1 AND a.state IN ('submitted', 'skipped') "
        "GROUP BY a.annotator_id ORDER BY a.annotator_id",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<AnnotatorWork> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->Int(i, 0), rows->Int(i, 1), rows->Int(i, 2), rows->Int(i, 3),
                     rows->Int(i, 4), rows->Int(i, 5), rows->Int(i, 6)});
    }
    return out;
  });
}

}  // namespace chorus::store::postgres
