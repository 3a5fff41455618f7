// How an annotation's row changes over its life, the same for every store backend: an
// autosaved draft (created, then re-saved naming the version last seen), the submission that
// turns the annotator's draft into their label in the same row, and an update by its owner.
//
// One row per annotator and task, whatever its state: the draft and the label it becomes are
// one row, so the task's slot accounting (a submitted row takes a slot, migration 0007) counts
// it once, and a retried submission finds the key on that row (catalogue entry 12).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>

#include "core/status.h"
#include "domain/annotation.h"

namespace chorus::domain {

// Whether `submission` (submitted or skipped) completes `stored`: the same annotator's draft of
// the same task. Then the store turns that row into the submission (SubmitDraft) instead of
// refusing a second annotation of the task.
bool CompletesDraft(const Annotation& stored, const Annotation& submission);

// The row a submission (or skip) makes of the annotator's draft: the draft's id, task,
// project, annotator, source and created_at; the submission's result, state, lead/active time,
// guideline_version, skip_reason, idempotency_key, draft_model_version, blind, draft_accepted
// and updated_at; draft_shown if either says a model draft was shown; the draft's version + 1.
// REQUIRES: CompletesDraft(draft, submission).
Annotation SubmitDraft(const Annotation& draft, const Annotation& submission);

// Whether autosave `save` may be stored over `stored`, the annotator's annotation of the task
// (nullopt when they have none). save.version is the version the client last saw, 0 when it
// saw none. kConflict, field "version", when that is stale (*current_version is then the
// stored version, 0 when there is none); kConflict, field "state", when `stored` is submitted
// or skipped (update that annotation instead; *current_version left 0).
Status CheckDraftSave(const std::optional<Annotation>& stored, const Annotation& save,
                      int64_t* current_version);

// The row an autosave makes of the stored draft: result, lead/active time, guideline_version
// and updated_at from `save`, draft_shown if either says so, version + 1; the rest kept.
Annotation ResaveDraft(const Annotation& stored, const Annotation& save);

// The row an update by its owner makes of `current`: result, state, lead/active time,
// guideline_version, draft_shown, draft_model_version, blind, draft_accepted, skip_reason and
// updated_at from `changed`, version + 1; id,
// task, project, annotator, source, idempotency_key and created_at kept.
Annotation ApplyUpdate(const Annotation& current, const Annotation& changed);

}  // namespace chorus::domain
