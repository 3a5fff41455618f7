// The annotator's loop: hand out the next task, take the submission (or the skip).
//
// Next reserves a task through the store, which guarantees that reservations plus submissions
// never exceed the project's overlap and that an annotator never gets a task they finished
// (store/task_store.h). Submissions are idempotent by key: a retry returns the first result
// (201 then 200). The store caps submitted labels per task at the overlap, refuses a second
// annotation by the same person, and never lets anyone overwrite another person's label.
// Blind by default: nothing here returns other people's labels.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/task.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct LabellingOptions {
  int64_t reservation_ttl_ms = 30 * 60 * 1000;  // A task handed out is held this long.
};

struct NextTask {
  domain::Task task;
  int64_t expires_at = 0;  // The reservation ends then unless the annotator asks again.
};

struct Submission {
  std::string result = "{}";  // JSON text: per control name, that control's answer.
  domain::AnnotationState state = domain::AnnotationState::kSubmitted;  // Or kSkipped.
  int64_t lead_time_ms = 0;
  int64_t active_time_ms = 0;
  std::string idempotency_key;  // Client-chosen; a retry with the same key changes nothing.
};

class LabellingService {
 public:
  // REQUIRES: `store` outlives the service.
  LabellingService(store::Store& store, std::function<int64_t()> now,
                   LabellingOptions options = {});

  // The task `actor` should label next in the project, or nullopt when nothing is left for them.
  Result<std::optional<NextTask>> Next(const Principal& actor, int64_t project_id);
  // Stores `actor`'s answer to task `task_id`. kNotFound for an unknown task; kInvalidArgument
  // for a bad result; kConflict when the task has its labels already or the annotator
  // answered it under another key (update that annotation instead).
  store::UpdateResult<store::SubmitResult> Submit(const Principal& actor, int64_t task_id,
                                                  Submission submission);
  // Every annotation of a task, for reviewers (callers check the role). kNotFound.
  Result<std::vector<domain::Annotation>> ListAnnotations(int64_t task_id);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
  LabellingOptions options_;
};

}  // namespace chorus::service
