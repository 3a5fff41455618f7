// The review half of AnnotationStore on PostgreSQL: reviews of submitted labels, and the work a
// rejection returns to its annotator (migration 0016) until a later review accepts it.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Annotation;

namespace {

// A rejection returns the annotation to its annotator; a newer one replaces the review named.
Status StartReturn(Connection& db, const Annotation& a, int64_t review_id, int64_t at) {
  return db
      .Exec(
          "INSERT INTO returned_work (annotation_id, project_id, annotator_id, task_id, "
          "review_id, returned_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (annotation_id) "
          "DO UPDATE SET review_id = excluded.review_id, returned_at = excluded.returned_at",
          Params()
              .Int(a.id)
              .Int(a.project_id)
              .Int(a.annotator_id)
              .Int(a.task_id)
              .Int(review_id)
              .Int(at))
      .status();
}

// The review in columns first .. first + 8 of row i (the reviews table's column order).
Result<domain::Review> ReadReview(const Rows& rows, int i, int first = 0) {
  domain::Review r;
  r.id = rows.Int(i, first + 0);
  r.annotation_id = rows.Int(i, first + 1);
  r.task_id = rows.Int(i, first + 2);
  r.project_id = rows.Int(i, first + 3);
  r.reviewer_id = rows.Int(i, first + 4);
  auto verdict = domain::ParseReviewVerdict(rows.Text(i, first + 5));
  if (!verdict.ok()) return verdict.status();
  r.verdict = *verdict;
  r.comment = rows.Text(i, first + 6);
  r.result = rows.OptText(i, first + 7).value_or("");
  r.created_at = rows.Int(i, first + 8);
  return r;
}

}  // namespace

Result<domain::Review> PgAnnotationStore::AddReview(domain::Review review) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateReview(review));
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Annotation> annotation = ReadAnnotationById(db, review.annotation_id, /*lock=*/true);
    if (!annotation.ok()) return annotation.status();
    if (annotation->state != domain::AnnotationState::kSubmitted) {
      return Status(StatusCode::kConflict, "only submitted labels are reviewed", "annotation_id");
    }
    review.task_id = annotation->task_id;
    review.project_id = annotation->project_id;
    Result<Rows> rows = db.Exec(
        "INSERT INTO reviews (annotation_id, task_id, project_id, reviewer_id, verdict, comment, "
        "result, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        Params()
            .Int(review.annotation_id)
            .Int(review.task_id)
            .Int(review.project_id)
            .Int(review.reviewer_id)
            .Text(domain::ReviewVerdictName(review.verdict))
            .Text(review.comment)
            .OptText(review.result.empty() ? std::nullopt
                                           : std::optional<std::string>(review.result))
            .Int(review.created_at));
    if (rows.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "reviewer_id");
    }
    if (!rows.ok()) return rows.status();
    review.id = rows->Int(0, 0);
    if (review.verdict == domain::ReviewVerdict::kRejected) {
      return StartReturn(db, *annotation, review.id, review.created_at);
    }
    return EndReturn(db, annotation->id);
  });
  if (!status.ok()) return status;
  return review;
}

Result<std::vector<domain::Review>> PgAnnotationStore::ListReviews(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<domain::Review>> {
    Result<Rows> rows = db.Exec(
        "SELECT id, annotation_id, task_id, project_id, reviewer_id, verdict, comment, result, "
        "created_at FROM reviews WHERE task_id = $1 ORDER BY id",
        Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    std::vector<domain::Review> out;
    for (int i = 0; i < rows->size(); ++i) {
      Result<domain::Review> review = ReadReview(*rows, i);
      if (!review.ok()) return review.status();
      out.push_back(std::move(*review));
    }
    return out;
  });
}

Result<std::optional<ReturnedWork>> PgAnnotationStore::FirstReturned(int64_t project_id,
                                                                     int64_t annotator_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::optional<ReturnedWork>> {
    // The annotation (columns 0-18, as ReadAnnotation) and its rejecting review (19-27); the
    // returned_work_annotator index finds the row and orders it.
    Result<Rows> rows = db.Exec(
        "SELECT a.id, a.task_id, a.project_id, a.annotator_id, a.result, a.state, "
        "a.lead_time_ms, a.active_time_ms, a.guideline_version, a.source, a.draft_shown, "
        "a.version, a.idempotency_key, a.created_at, a.updated_at, a.skip_reason, "
        "a.draft_model_version, a.blind, a.draft_accepted, r.id, "
        "r.annotation_id, r.task_id, r.project_id, r.reviewer_id, r.verdict, r.comment, "
        "r.result, r.created_at FROM returned_work w JOIN annotations a ON a.id = "
        "w.annotation_id JOIN reviews r ON r.id = w.review_id WHERE w.project_id = $1 AND "
        "w.annotator_id = $2 ORDER BY w.annotation_id LIMIT 1",
        Params().Int(project_id).Int(annotator_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<ReturnedWork>();
    Result<Annotation> annotation = ReadAnnotation(*rows, 0);
    if (!annotation.ok()) return annotation.status();
    Result<domain::Review> review = ReadReview(*rows, 0, 19);
    if (!review.ok()) return review.status();
    return std::optional<ReturnedWork>(
        ReturnedWork{std::move(annotation).value(), std::move(review).value()});
  });
}

}  // namespace chorus::store::postgres
