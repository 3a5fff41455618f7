// Annotations: idempotent submission, optimistic updates that never touch another person's
// label, and per-task reads.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "store/update_result.h"

namespace chorus::store {

struct SubmitResult {
  domain::Annotation annotation;  // The stored row (the first one when replayed).
  bool replayed = false;          // True when the idempotency key had been used already.
};

struct SubmitOptions {
  // When > 0, a submitted annotation is refused with kConflict if the task already has this
  // many submitted annotations by other annotators (catalogue entry 10). 0: no cap.
  int64_t max_submitted_per_task = 0;
};

class AnnotationStore {
 public:
  virtual ~AnnotationStore() = default;

  // Stores a new annotation (version 1) and returns it once it is durable. With a non-empty
  // idempotency key already used by the same annotator, returns the first row and stores
  // nothing (catalogue entry 12), whatever the new payload says. Releases the annotator's
  // reservation of the task. An annotator has at most one annotation per task: a second one
  // with another key gets kConflict with current_version() of the existing row (update it).
  // kInvalidArgument (ValidateAnnotation, or task not in project_id); kNotFound when the task
  // or annotator does not exist; kConflict when the cap of `options` is reached.
  // REQUIRES: created_at and updated_at set by the caller.
  virtual UpdateResult<SubmitResult> Submit(domain::Annotation annotation,
                                            const SubmitOptions& options = {}) = 0;

  // Replaces result, state, lead/active time, guideline_version, draft_shown and updated_at of
  // annotation `changed.id` when its stored version equals `changed.version`; returns the row
  // with version + 1. Only the annotation's own annotator may update it: any other `actor_id`
  // gets kPermissionDenied (reviews and adjudication add new annotations instead). kNotFound,
  // kInvalidArgument, or kConflict with current_version() when stale.
  virtual UpdateResult<domain::Annotation> Update(const domain::Annotation& changed,
                                                  int64_t actor_id) = 0;

  virtual Result<domain::Annotation> Get(int64_t id) = 0;  // kNotFound.
  // Every annotation of a task, in id order.
  virtual Result<std::vector<domain::Annotation>> ListByTask(int64_t task_id) = 0;
  // Annotations in state submitted.
  virtual Result<int64_t> CountSubmitted(int64_t task_id) = 0;
};

}  // namespace chorus::store
