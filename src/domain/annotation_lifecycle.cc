#include "domain/annotation_lifecycle.h"

#include <string>

namespace chorus::domain {

bool CompletesDraft(const Annotation& stored, const Annotation& submission) {
  return stored.state == AnnotationState::kDraft && submission.state != AnnotationState::kDraft &&
         stored.task_id == submission.task_id && stored.annotator_id == submission.annotator_id;
}

Annotation SubmitDraft(const Annotation& draft, const Annotation& submission) {
  Annotation out = ResaveDraft(draft, submission);
  out.state = submission.state;
  out.skip_reason = submission.skip_reason;
  out.idempotency_key = submission.idempotency_key;
  // Which draft applied, and whether it was taken as is, are decided when the label is given.
  out.draft_model_version = submission.draft_model_version;
  out.blind = submission.blind;
  out.draft_accepted = submission.draft_accepted;
  return out;
}

Status CheckDraftSave(const std::optional<Annotation>& stored, const Annotation& save,
                      int64_t* current_version) {
  const std::string task = std::to_string(save.task_id);
  if (!stored) {
    if (save.version == 0) return Status::Ok();
    *current_version = 0;
    return {StatusCode::kConflict,
            "you have no draft of task " + task + " (version " + std::to_string(save.version) +
                " is gone or never was); save without a version to start one",
            "version"};
  }
  if (stored->state != AnnotationState::kDraft) {
    return {StatusCode::kConflict,
            std::string("you ") + AnnotationStateName(stored->state) + " task " + task +
                " already (annotation " + std::to_string(stored->id) +
                "); update your annotation instead",
            "state"};
  }
  if (stored->version != save.version) {
    *current_version = stored->version;
    return {StatusCode::kConflict,
            "your draft of task " + task + " is at version " + std::to_string(stored->version) +
                ", not " + std::to_string(save.version) +
                " (saved from another tab or device?); reload it and save again",
            "version"};
  }
  return Status::Ok();
}

Annotation ResaveDraft(const Annotation& stored, const Annotation& save) {
  Annotation out = stored;
  out.result = save.result;
  out.lead_time_ms = save.lead_time_ms;
  out.active_time_ms = save.active_time_ms;
  out.guideline_version = save.guideline_version;
  out.draft_shown = stored.draft_shown || save.draft_shown;
  out.updated_at = save.updated_at;
  out.version = stored.version + 1;
  return out;
}

Annotation ApplyUpdate(const Annotation& current, const Annotation& changed) {
  Annotation out = current;
  out.result = changed.result;
  out.state = changed.state;
  out.lead_time_ms = changed.lead_time_ms;
  out.active_time_ms = changed.active_time_ms;
  out.guideline_version = changed.guideline_version;
  out.draft_shown = changed.draft_shown;
  out.draft_model_version = changed.draft_model_version;
  out.blind = changed.blind;
  out.draft_accepted = changed.draft_accepted;
  out.skip_reason = changed.skip_reason;
  out.updated_at = changed.updated_at;
  out.version = current.version + 1;
  return out;
}

}  // namespace chorus::domain
