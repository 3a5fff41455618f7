#include "store/sqlite/sqlite_annotations.h"

#include <string>
#include <utility>

#include "domain/annotation_lifecycle.h"
#include "store/sqlite/sqlite_tasks.h"
#include "store/sqlite/sqlite_users.h"

namespace chorus::store::sqlite {

using domain::Annotation;
using domain::AnnotationState;

namespace {

#define CHORUS_ANNOTATION_COLUMNS                                                      \
  "SELECT id, task_id, project_id, annotator_id, result, state, lead_time_ms, "        \
  "active_time_ms, guideline_version, source, draft_shown, version, idempotency_key, " \
  "created_at, updated_at, skip_reason, draft_model_version, blind, draft_accepted "   \
  "FROM annotations "
constexpr const char* kSelectById = CHORUS_ANNOTATION_COLUMNS "WHERE id = ?";
constexpr const char* kSelectByKey =
    CHORUS_ANNOTATION_COLUMNS "WHERE annotator_id = ? AND idempotency_key = ?";
constexpr const char* kSelectByTask = CHORUS_ANNOTATION_COLUMNS "WHERE task_id = ? ORDER BY id";
constexpr const char* kSelectOwn =
    CHORUS_ANNOTATION_COLUMNS "WHERE task_id = ? AND annotator_id = ?";
constexpr const char* kSelectSubmittedInProject = CHORUS_ANNOTATION_COLUMNS
    "WHERE project_id = ? AND state = 'submitted' AND id > ? ORDER BY id LIMIT ?";
#undef CHORUS_ANNOTATION_COLUMNS

// The draft_model_version column: NULL when no draft applied.
std::optional<std::string> DraftModelColumn(const Annotation& a) {
  if (a.draft_model_version.empty()) return std::nullopt;
  return a.draft_model_version;
}

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
  a.skip_reason = q.Text(15);
  a.draft_model_version = q.OptText(16).value_or("");
  a.blind = q.Bool(17);
  a.draft_accepted = q.Bool(18);
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

Result<std::optional<Annotation>> ReadOwn(Connection& db, int64_t task_id, int64_t annotator_id) {
  Result<Query> q = db.Prepare(kSelectOwn);
  if (q.ok()) q->BindInt(task_id).BindInt(annotator_id);
  return ReadFirst(q);
}

// kConflict when the task has options.max_submitted_per_task (> 0) submitted labels by others
// than `annotator_id`, counting others' live reservations when options.now_ms is set.
Status CheckCap(Connection& db, int64_t task_id, int64_t annotator_id,
                const SubmitOptions& options) {
  if (options.max_submitted_per_task <= 0) return Status::Ok();
  Result<Query> q = db.Prepare(
      "SELECT (SELECT COUNT(*) FROM annotations WHERE task_id = ?1 AND state = 'submitted' "
      "AND annotator_id != ?2) + (SELECT COUNT(*) FROM reservations WHERE task_id = ?1 "
      "AND annotator_id != ?2 AND ?3 > 0 AND expires_at > ?3)");
  if (!q.ok()) return q.status();
  q->BindInt(task_id).BindInt(annotator_id).BindInt(options.now_ms);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (q->Int(0) >= options.max_submitted_per_task) {
    return Conflict(
        "this task already has the labels it needs, or is held for others; keep your work as "
        "a draft and ask for the next task",
        "task_id");
  }
  return Status::Ok();
}

// Writes every mutable column of `a` (by a.id); the slot triggers follow the state.
Status WriteRow(Connection& db, const Annotation& a) {
  Result<Query> q = db.Prepare(
      "UPDATE annotations SET result = ?, state = ?, lead_time_ms = ?, active_time_ms = ?, "
      "guideline_version = ?, draft_shown = ?, idempotency_key = ?, skip_reason = ?, "
      "updated_at = ?, version = ?, draft_model_version = ?, blind = ?, draft_accepted = ? "
      "WHERE id = ?");
  if (!q.ok()) return q.status();
  std::optional<std::string> key;
  if (!a.idempotency_key.empty()) key = a.idempotency_key;
  return q->BindText(a.result)
      .BindText(domain::AnnotationStateName(a.state))
      .BindInt(a.lead_time_ms)
      .BindInt(a.active_time_ms)
      .BindInt(a.guideline_version)
      .BindBool(a.draft_shown)
      .BindOptText(key)
      .BindText(a.skip_reason)
      .BindInt(a.updated_at)
      .BindInt(a.version)
      .BindOptText(DraftModelColumn(a))
      .BindBool(a.blind)
      .BindBool(a.draft_accepted)
      .BindInt(a.id)
      .Run();
}

// The task exists and is in a.project_id; the annotator exists.
Status CheckTaskAndAnnotator(Connection& db, const Annotation& a) {
  // Only what is checked is read: this runs on the single writer, once per label.
  Result<Query> task = db.Prepare("SELECT project_id FROM tasks WHERE id = ?");
  if (!task.ok()) return task.status();
  Result<bool> found = task->BindInt(a.task_id).Step();
  if (!found.ok()) return found.status();
  if (!*found) return NotFound("there is no task with id " + std::to_string(a.task_id), "task_id");
  if (task->Int(0) != a.project_id) {
    return InvalidArgument(
        "task " + std::to_string(a.task_id) + " belongs to project " + std::to_string(task->Int(0)),
        "project_id");
  }
  Result<Query> user = db.Prepare("SELECT 1 FROM users WHERE id = ?");
  if (!user.ok()) return user.status();
  found = user->BindInt(a.annotator_id).Step();
  if (!found.ok()) return found.status();
  if (!*found) {
    return NotFound("there is no user with id " + std::to_string(a.annotator_id), "user");
  }
  return Status::Ok();
}

// Inserts `a` as a new row (version 1) and returns its id.
Result<int64_t> InsertRow(Connection& db, const Annotation& a) {
  Result<Query> insert = db.Prepare(
      "INSERT INTO annotations (task_id, project_id, annotator_id, result, state, "
      "lead_time_ms, active_time_ms, guideline_version, source, draft_shown, version, "
      "idempotency_key, skip_reason, created_at, updated_at, draft_model_version, blind, "
      "draft_accepted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)");
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
                             .BindText(a.skip_reason)
                             .BindInt(a.created_at)
                             .BindInt(a.updated_at)
                             .BindOptText(DraftModelColumn(a))
                             .BindBool(a.blind)
                             .BindBool(a.draft_accepted)
                             .Run());
  return db.LastInsertRowId();
}

Status ReleaseReservation(Connection& db, int64_t task_id, int64_t annotator_id) {
  Result<Query> q = db.Prepare("DELETE FROM reservations WHERE task_id = ? AND annotator_id = ?");
  if (!q.ok()) return q.status();
  return q->BindInt(task_id).BindInt(annotator_id).Run();
}

bool Finished(AnnotationState state) { return state != AnnotationState::kDraft; }

// The annotation is no longer returned to its annotator (migration 0016).
Status EndReturn(Connection& db, int64_t annotation_id) {
  Result<Query> q = db.Prepare("DELETE FROM returned_work WHERE annotation_id = ?");
  if (!q.ok()) return q.status();
  return q->BindInt(annotation_id).Run();
}

// A rejection returns the annotation to its annotator; a newer one replaces the review named.
Status StartReturn(Connection& db, const Annotation& a, int64_t review_id, int64_t at) {
  Result<Query> q = db.Prepare(
      "INSERT INTO returned_work (annotation_id, project_id, annotator_id, task_id, review_id, "
      "returned_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (annotation_id) DO UPDATE SET "
      "review_id = excluded.review_id, returned_at = excluded.returned_at");
  if (!q.ok()) return q.status();
  return q->BindInt(a.id)
      .BindInt(a.project_id)
      .BindInt(a.annotator_id)
      .BindInt(a.task_id)
      .BindInt(review_id)
      .BindInt(at)
      .Run();
}

}  // namespace

UpdateResult<SubmitResult> SqliteAnnotationStore::Submit(Annotation a,
                                                         const SubmitOptions& options) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(a));
  a.version = 1;
  SubmitResult out;
  int64_t current_version = 0;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    out = {};
    current_version = 0;
    if (!a.idempotency_key.empty()) {
      // A retry: answer with the first row and store nothing (catalogue entry 12).
      Result<Query> q = db.Prepare(kSelectByKey);
      if (q.ok()) q->BindInt(a.annotator_id).BindText(a.idempotency_key);
      Result<std::optional<Annotation>> first = ReadFirst(q);
      if (!first.ok()) return first.status();
      if (*first && !domain::CompletesDraft(**first, a)) {
        out = {std::move(**first), /*replayed=*/true};
        return Status::Ok();
      }
    }
    CHORUS_RETURN_IF_ERROR(CheckTaskAndAnnotator(db, a));
    Result<std::optional<Annotation>> own = ReadOwn(db, a.task_id, a.annotator_id);
    if (!own.ok()) return own.status();
    if (*own && !domain::CompletesDraft(**own, a)) {
      current_version = (*own)->version;
      return Conflict("you already have annotation " + std::to_string((*own)->id) +
                          " on this task; update it with its version instead",
                      "task_id");
    }
    if (a.state == AnnotationState::kSubmitted) {
      CHORUS_RETURN_IF_ERROR(CheckCap(db, a.task_id, a.annotator_id, options));
    }
    Annotation row = a;
    if (*own) {
      // Their draft becomes this submission: one row, so one slot at most.
      row = domain::SubmitDraft(**own, a);
      CHORUS_RETURN_IF_ERROR(WriteRow(db, row));
    } else {
      Result<int64_t> id = InsertRow(db, row);
      if (!id.ok()) return id.status();
      row.id = *id;
    }
    if (Finished(row.state)) {
      CHORUS_RETURN_IF_ERROR(ReleaseReservation(db, row.task_id, row.annotator_id));
    }
    out = {std::move(row), /*replayed=*/false};
    return Status::Ok();
  });
  if (!status.ok()) return {status, current_version};
  return out;
}

UpdateResult<Annotation> SqliteAnnotationStore::SaveDraft(Annotation d) {
  d.state = AnnotationState::kDraft;
  d.idempotency_key.clear();
  d.skip_reason.clear();
  CHORUS_RETURN_IF_ERROR(domain::ValidateAnnotation(d));
  int64_t current_version = 0;
  Annotation saved;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    current_version = 0;
    CHORUS_RETURN_IF_ERROR(CheckTaskAndAnnotator(db, d));
    Result<std::optional<Annotation>> own = ReadOwn(db, d.task_id, d.annotator_id);
    if (!own.ok()) return own.status();
    CHORUS_RETURN_IF_ERROR(domain::CheckDraftSave(*own, d, &current_version));
    if (!*own) {
      saved = d;
      saved.version = 1;
      Result<int64_t> id = InsertRow(db, saved);
      if (!id.ok()) return id.status();
      saved.id = *id;
      return Status::Ok();
    }
    saved = domain::ResaveDraft(**own, d);
    return WriteRow(db, saved);
  });
  if (!status.ok()) return {status, current_version};
  return saved;
}

UpdateResult<Annotation> SqliteAnnotationStore::Update(const Annotation& changed, int64_t actor_id,
                                                       const SubmitOptions& options) {
  int64_t current_version = 0;
  Annotation updated;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    current_version = 0;
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

Result<Annotation> SqliteAnnotationStore::Get(int64_t id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadAnnotationById(db, id); });
}

Result<std::optional<Annotation>> SqliteAnnotationStore::FindOwn(int64_t task_id,
                                                                 int64_t annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadOwn(db, task_id, annotator_id); });
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

Result<Page<Annotation>> SqliteAnnotationStore::ListSubmittedInProject(int64_t project_id,
                                                                       const PageRequest& page) {
  const int64_t limit = ClampLimit(page.limit);
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<Annotation>> {
    Result<Query> q = db.Prepare(kSelectSubmittedInProject);
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id).BindInt(limit);
    Page<Annotation> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Result<Annotation> a = ReadAnnotation(*q);
      if (!a.ok()) return a.status();
      out.items.push_back(std::move(a).value());
    }
    // A full page may have more after it; a short one is the last.
    if (static_cast<int64_t>(out.items.size()) == limit) out.next_after_id = out.items.back().id;
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

Result<AnnotatorStats> SqliteAnnotationStore::StatsFor(int64_t project_id, int64_t annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<AnnotatorStats> {
    // The (annotator_id, idempotency_key) index leads with the annotator.
    Result<Query> q = db.Prepare(
        "SELECT COALESCE(SUM(state = 'submitted'), 0), COALESCE(SUM(state = 'skipped'), 0), "
        "COALESCE(SUM(active_time_ms), 0), COALESCE(SUM(lead_time_ms), 0) FROM annotations "
        "WHERE annotator_id = ? AND project_id = ? AND state IN ('submitted', 'skipped')");
    if (!q.ok()) return q.status();
    q->BindInt(annotator_id).BindInt(project_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    return AnnotatorStats{q->Int(0), q->Int(1), q->Int(2), q->Int(3)};
  });
}

Result<std::vector<AnnotatorWork>> SqliteAnnotationStore::WorkByAnnotator(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<AnnotatorWork>> {
    // Each annotation's latest review through the reviews_annotation index (migration 0017).
    Result<Query> q = db.Prepare(
        "SELECT annotator_id, SUM(state = 'submitted'), SUM(state = 'skipped'), "
        "SUM(state = 'submitted' AND verdict IN ('accepted', 'fixed')), "
        "SUM(state = 'submitted' AND verdict = 'rejected'), SUM(active_time_ms), "
        "SUM(lead_time_ms) FROM (SELECT a.annotator_id, a.state, a.active_time_ms, "
        "a.lead_time_ms, (SELECT r.verdict FROM reviews r WHERE r.annotation_id = a.id "
        "ORDER BY r.id DESC LIMIT 1) AS verdict FROM annotations a WHERE a.project_id = ? "
        "AND a.state IN ('submitted', 'skipped')) GROUP BY annotator_id ORDER BY annotator_id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<AnnotatorWork> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back({q->Int(0), q->Int(1), q->Int(2), q->Int(3), q->Int(4), q->Int(5), q->Int(6)});
    }
    return out;
  });
}

namespace {

constexpr const char* kSelectReviews =
    "SELECT id, annotation_id, task_id, project_id, reviewer_id, verdict, comment, result, "
    "created_at FROM reviews WHERE task_id = ? ORDER BY id";

// The review in columns first .. first + 8 of kSelectReviews' order.
Result<domain::Review> ReadReview(const Query& q, int first = 0) {
  domain::Review r;
  r.id = q.Int(first + 0);
  r.annotation_id = q.Int(first + 1);
  r.task_id = q.Int(first + 2);
  r.project_id = q.Int(first + 3);
  r.reviewer_id = q.Int(first + 4);
  auto verdict = domain::ParseReviewVerdict(q.Text(first + 5));
  if (!verdict.ok()) return verdict.status();
  r.verdict = *verdict;
  r.comment = q.Text(first + 6);
  r.result = q.OptText(first + 7).value_or("");
  r.created_at = q.Int(first + 8);
  return r;
}

// The annotation (columns 0-18, as ReadAnnotation) and its rejecting review (19-27); the
// returned_work_annotator index finds the row and orders it.
constexpr const char* kSelectFirstReturned =
    "SELECT a.id, a.task_id, a.project_id, a.annotator_id, a.result, a.state, a.lead_time_ms, "
    "a.active_time_ms, a.guideline_version, a.source, a.draft_shown, a.version, "
    "a.idempotency_key, a.created_at, a.updated_at, a.skip_reason, a.draft_model_version, "
    "a.blind, a.draft_accepted, r.id, r.annotation_id, "
    "r.task_id, r.project_id, r.reviewer_id, r.verdict, r.comment, r.result, r.created_at "
    "FROM returned_work w JOIN annotations a ON a.id = w.annotation_id "
    "JOIN reviews r ON r.id = w.review_id WHERE w.project_id = ? AND w.annotator_id = ? "
    "ORDER BY w.annotation_id LIMIT 1";

}  // namespace

Result<domain::Review> SqliteAnnotationStore::AddReview(domain::Review review) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateReview(review));
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Annotation> annotation = ReadAnnotationById(db, review.annotation_id);
    if (!annotation.ok()) return annotation.status();
    if (annotation->state != domain::AnnotationState::kSubmitted) {
      return Status(StatusCode::kConflict, "only submitted labels are reviewed", "annotation_id");
    }
    review.task_id = annotation->task_id;
    review.project_id = annotation->project_id;
    Result<Query> q = db.Prepare(
        "INSERT INTO reviews (annotation_id, task_id, project_id, reviewer_id, verdict, comment, "
        "result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindInt(review.annotation_id)
                   .BindInt(review.task_id)
                   .BindInt(review.project_id)
                   .BindInt(review.reviewer_id)
                   .BindText(domain::ReviewVerdictName(review.verdict))
                   .BindText(review.comment)
                   .BindOptText(review.result.empty() ? std::nullopt
                                                      : std::optional<std::string>(review.result))
                   .BindInt(review.created_at)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "reviewer_id");
    }
    if (!s.ok()) return s;
    review.id = db.LastInsertRowId();
    if (review.verdict == domain::ReviewVerdict::kRejected) {
      return StartReturn(db, *annotation, review.id, review.created_at);
    }
    return EndReturn(db, annotation->id);
  });
  if (!status.ok()) return status;
  return review;
}

Result<std::vector<domain::Review>> SqliteAnnotationStore::ListReviews(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<domain::Review>> {
    Result<Query> q = db.Prepare(kSelectReviews);
    if (!q.ok()) return q.status();
    q->BindInt(task_id);
    std::vector<domain::Review> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      Result<domain::Review> review = ReadReview(*q);
      if (!review.ok()) return review.status();
      out.push_back(std::move(*review));
    }
  });
}

Result<std::optional<ReturnedWork>> SqliteAnnotationStore::FirstReturned(int64_t project_id,
                                                                         int64_t annotator_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::optional<ReturnedWork>> {
    Result<Query> q = db.Prepare(kSelectFirstReturned);
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(annotator_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<ReturnedWork>();
    Result<Annotation> annotation = ReadAnnotation(*q);
    if (!annotation.ok()) return annotation.status();
    Result<domain::Review> review = ReadReview(*q, 19);
    if (!review.ok()) return review.status();
    return std::optional<ReturnedWork>(
        ReturnedWork{std::move(annotation).value(), std::move(review).value()});
  });
}

}  // namespace chorus::store::sqlite
