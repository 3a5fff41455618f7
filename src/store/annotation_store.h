// Annotations: idempotent submission, drafts saved as work goes on and submitted in place,
// optimistic updates that never touch another person's label, and per-task reads.
//
// An annotator has at most one annotation per task, whatever its state. A draft takes no slot
// of the task (migration 0007 counts submitted labels and reservations only); submitting it
// turns that same row into the submitted (or skipped) annotation, so it is never counted twice.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/review.h"
#include "store/page.h"
#include "store/update_result.h"

namespace chorus::store {

struct SubmitResult {
  domain::Annotation annotation;  // The stored row (the first one when replayed).
  bool replayed = false;          // True when the idempotency key had been used already.
};

struct SubmitOptions {
  // When > 0, a submitted annotation is refused with kConflict if the task already has this
  // many submitted annotations by other annotators (catalogue entry 10). 0: no cap. Update
  // applies it too, when an annotation becomes submitted.
  int64_t max_submitted_per_task = 0;
  // When > 0 (the time now, Unix ms), other annotators' live reservations of the task count
  // against the cap too: an answer sent without a reservation cannot take the slot of someone
  // Next handed the task to (catalogue entries 10 and 66).
  int64_t now_ms = 0;
};

// A submitted annotation whose latest review rejected it, back with its annotator.
struct ReturnedWork {
  domain::Annotation annotation;  // As stored now, with its version (update it to clear this).
  domain::Review review;          // The rejecting review (its comment says why).
};

// What an annotator has done in a project: answers by state and their recorded times.
struct AnnotatorStats {
  int64_t submitted = 0;
  int64_t skipped = 0;
  int64_t active_time_ms = 0;  // Summed over submitted and skipped annotations.
  int64_t lead_time_ms = 0;
};

// One annotator's work in a project with its review outcome, for the pay report. accepted and
// rejected count submitted annotations by their LATEST review (accepted or fixed; rejected);
// unreviewed ones count in neither. Times are summed over submitted and skipped annotations.
struct AnnotatorWork {
  int64_t annotator_id = 0;
  int64_t submitted = 0;
  int64_t skipped = 0;
  int64_t accepted = 0;
  int64_t rejected = 0;
  int64_t active_time_ms = 0;
  int64_t lead_time_ms = 0;

  bool operator==(const AnnotatorWork&) const = default;
};

class AnnotationStore {
 public:
  virtual ~AnnotationStore() = default;

  // Stores a new annotation (version 1) and returns it once it is durable. With a non-empty
  // idempotency key already used by the same annotator, returns the first row and stores
  // nothing (catalogue entry 12), whatever the new payload says. Releases the annotator's
  // reservation of the task. An annotator has at most one annotation per task: when it is
  // their draft and `annotation` is submitted or skipped, the draft becomes it in the same
  // row (id and created_at kept; result, state, times, guideline_version, skip_reason,
  // idempotency_key and updated_at replaced; draft_shown kept if either says so; version + 1),
  // under the same cap and in the same transaction as a new row; any other existing row gets
  // kConflict with current_version() of that row (update it).
  // kInvalidArgument (ValidateAnnotation, or task not in project_id); kNotFound when the task
  // or annotator does not exist; kConflict when the cap of `options` is reached.
  // REQUIRES: created_at and updated_at set by the caller.
  virtual UpdateResult<SubmitResult> Submit(domain::Annotation annotation,
                                            const SubmitOptions& options = {}) = 0;

  // Autosave of `draft.annotator_id`'s work on `draft.task_id` (state draft, no slot taken,
  // reservation kept). With draft.version 0 and no annotation of theirs on the task, creates
  // it (version 1); with draft.version equal to their stored draft's version, replaces its
  // result, lead/active time, guideline_version, draft_shown and updated_at (version + 1).
  // kConflict with current_version() when the version is stale (0 while a draft exists, or
  // a version that is not the stored one, current_version() 0 when there is none);
  // kConflict (field "state", no current_version) when their annotation of the task is
  // submitted or skipped: update that instead. kInvalidArgument and kNotFound as Submit.
  // The idempotency key and skip reason of `draft` are ignored.
  // REQUIRES: created_at and updated_at set by the caller.
  virtual UpdateResult<domain::Annotation> SaveDraft(domain::Annotation draft) = 0;

  // Replaces result, state, lead/active time, guideline_version, draft_shown and updated_at of
  // annotation `changed.id` when its stored version equals `changed.version`; returns the row
  // with version + 1. Only the annotation's own annotator may update it: any other `actor_id`
  // gets kPermissionDenied (reviews and adjudication add new annotations instead). kNotFound,
  // kInvalidArgument, or kConflict with current_version() when stale; also replaces
  // skip_reason. Becoming submitted is refused with kConflict (no current_version) when the
  // cap of `options` is reached; leaving submitted frees the slot. A successful update ends
  // the annotation's return (FirstReturned) in the same transaction.
  virtual UpdateResult<domain::Annotation> Update(const domain::Annotation& changed,
                                                  int64_t actor_id,
                                                  const SubmitOptions& options = {}) = 0;

  virtual Result<domain::Annotation> Get(int64_t id) = 0;  // kNotFound.
  // `annotator_id`'s annotation of `task_id` in any state; nullopt when they have none.
  virtual Result<std::optional<domain::Annotation>> FindOwn(int64_t task_id,
                                                            int64_t annotator_id) = 0;
  // Every annotation of a task, in id order.
  virtual Result<std::vector<domain::Annotation>> ListByTask(int64_t task_id) = 0;
  // A project's submitted annotations (every task, gold ones included; drafts and skips not),
  // a page at a time in id order (the cursor is the annotation id), for agreement monitoring.
  // Qualification answers are not annotations (GoldStore::RecordCalibration), so never here.
  virtual Result<Page<domain::Annotation>> ListSubmittedInProject(int64_t project_id,
                                                                  const PageRequest& page) = 0;
  // Annotations in state submitted.
  virtual Result<int64_t> CountSubmitted(int64_t task_id) = 0;
  // Appends a review of a submitted annotation; the store sets its id, task_id and project_id
  // from the annotation. kNotFound for an unknown annotation; kConflict (field "annotation_id")
  // when the annotation is not submitted; kInvalidArgument (ValidateReview, or an unknown
  // reviewer). In the same transaction a rejection returns the annotation to its annotator
  // (FirstReturned; a later rejection replaces the review it names) and an acceptance or fix
  // ends its return.
  virtual Result<domain::Review> AddReview(domain::Review review) = 0;
  // `annotator_id`'s returned work in `project_id` with the smallest annotation id (their
  // oldest label), nullopt when none is returned. One index probe (migration 0016).
  virtual Result<std::optional<ReturnedWork>> FirstReturned(int64_t project_id,
                                                            int64_t annotator_id) = 0;
  // A task's reviews in id order.
  virtual Result<std::vector<domain::Review>> ListReviews(int64_t task_id) = 0;
  // One annotator's work in one project (drafts are not counted).
  virtual Result<AnnotatorStats> StatsFor(int64_t project_id, int64_t annotator_id) = 0;
  // Every annotator with a submitted or skipped annotation in `project_id`, in annotator id
  // order, in one statement (drafts are not counted). Empty for an unknown project.
  virtual Result<std::vector<AnnotatorWork>> WorkByAnnotator(int64_t project_id) = 0;
};

}  // namespace chorus::store
