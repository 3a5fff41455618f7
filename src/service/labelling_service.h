// The annotator's loop: hand out the next task, autosave the work as a draft, take the
// submission (or the skip, with its reason), and let the annotator correct their own label.
//
// Next reserves a task through the store, which guarantees that reservations plus submissions
// never exceed the project's overlap and that an annotator never gets a task they finished
// (store/task_store.h). Submissions are idempotent by key: a retry returns the first result
// (201 then 200). A submission completes the annotator's draft of the task in the same row.
// The store caps submitted labels per task at the overlap (for submissions and for updates
// that become submitted), refuses a second annotation by the same person, and never lets
// anyone overwrite another person's label. Drafts are work in progress: their result must be a
// JSON object but is not checked against the label interface, and they take no slot.
// Lead and active time are recorded on every path; a path that is not sent them keeps what
// the row had.
// Hand-outs: an annotator answers, or saves a draft of, only a task Next handed them (a live
// reservation) or one they already have a row of, so nothing reaches them past the rules Next
// applies (security catalogue 66); reviewers, managers and admins read every task and may
// label any within the caps.
// Blind by default: nothing here returns other people's labels, and nobody's drafts reach
// reviewers or exports.
// Gold: Next mixes the project's gold tasks in at its gold rate (never two in a row, each to
// at most gold.max_exposures annotators) through the same reservation as any task, and
// refuses an annotator whose accuracy on gold fell under gold.pause_below (kPermissionDenied
// naming "gold", with their figures). Nothing returned says whether a task is gold, except
// during qualification (service/qualification.h), when the annotator knows that every task
// is a calibration item and sees its reference once answered.
// Tiers and dynamic overlap: an annotator below the project's (or the task's) required tier is
// refused, and tasks requiring more are never handed to them; after each label, dynamic overlap
// (service/routing.h) closes the task, asks for one more label or escalates it.
// Returned work: once qualified and not paused, Next hands an annotator their own rejected
// labels first (oldest label first, store::AnnotationStore::FirstReturned), before new work
// and before gold offers, without a new reservation; correcting or skipping the label through
// UpdateAnnotation, or a later accepting or fixing review, ends the return. Nothing about the
// reviewer but their comment, and nothing about gold, goes with it.
// Wellbeing (domain/wellbeing_policy.h): with the project's policy enabled, new work (not
// returned work, not qualification) follows the annotator's standing (service/wellbeing.h):
// no sensitive task after an opt-out, at a daily or session cap or during a forced break
// (their held sensitive reservations go back), ordinary work first when rotation is due. When
// no other work is left for them, Next answers no task with the reason and, when known, when
// it ends, whatever is left (gold included), so the answer never tells gold apart; likewise
// rotation never keeps sensitive gold back, only a refusal does.
// Diversity (domain/diversity_policy.h): with a quota, new ordinary work goes to an annotator
// only where the slots left after theirs cover the other groups' unmet minimums
// (service/diversity_service.h, ReserveQuotaOf); an annotator whose group is full for a task
// gets another task or none.
// Model drafts (service/model_drafts.h): with the project's draft policy on, new work carries
// the model's draft unless the task is gold or the (task, annotator) pair is a blind control;
// nothing tells the two apart from a task without a prediction. A submission records which
// model's draft applied, whether it was withheld (blind) and whether the label equals the
// draft shown (accepted unchanged); the decision is recomputed then, so the client cannot
// claim otherwise.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/project.h"
#include "domain/review.h"
#include "domain/task.h"
#include "service/diversity_service.h"
#include "service/gold_standing.h"
#include "service/model_drafts.h"
#include "service/principal.h"
#include "service/qualification.h"
#include "service/routing.h"
#include "service/wellbeing.h"
#include "store/store.h"

namespace chorus::service {

struct LabellingOptions {
  int64_t reservation_ttl_ms = 30 * 60 * 1000;  // A task handed out is held this long.
  uint64_t random_seed = 0;  // Seeds the gold offers (tests); 0: from std::random_device.
};

// The annotator's own label that a reviewer rejected, handed back to them to correct. The
// reviewer is not named; only their comment is passed on.
struct ReturnedLabel {
  domain::Annotation annotation;  // Their annotation as stored, with the version to update.
  int64_t review_id = 0;          // The rejecting review.
  std::string comment;            // Why it was rejected.
  int64_t returned_at = 0;        // When (the review's time).
};

struct NextTask {
  domain::Task task;
  // The reservation ends then unless the annotator asks again. Returned work holds no
  // reservation (their label takes the slot): it is the time the page should ask again.
  int64_t expires_at = 0;
  // The annotator's own draft of the task, if they saved one: work resumed after a reload
  // or on another device comes back with the task, without a second request.
  std::optional<domain::Annotation> draft;
  // During qualification: where the annotator stands (the task is a calibration item).
  std::optional<Qualification> calibration;
  // Set when the task is the annotator's rejected work: correct it with UpdateAnnotation
  // (which ends the return) rather than submitting anew.
  std::optional<ReturnedLabel> returned;
  // The model's draft (result JSON text) to pre-fill the answer with (service/model_drafts.h);
  // absent when drafts are off, for gold, without a prediction, and for blind controls alike.
  std::optional<std::string> model_draft;
};

// Why Next handed out no task although sensitive work is left for the annotator.
struct WellbeingHold {
  HoldReason reason = HoldReason::kBreak;
  std::optional<int64_t> until;  // When it ends (break, session, day); absent for an opt-out.
};

// What a calibration answer earns: whether it was right, the reference and its rationale, and
// the qualification after it.
struct CalibrationFeedback {
  bool correct = false;
  std::string reference;  // JSON text.
  std::string rationale;
  Qualification qualification;
};

// A stored submission and, during qualification, its feedback.
struct SubmitOutcome : store::SubmitResult {
  std::optional<CalibrationFeedback> calibration;
};

struct Submission {
  std::string result = "{}";  // JSON text: per control name, that control's answer.
  domain::AnnotationState state = domain::AnnotationState::kSubmitted;  // Or kSkipped.
  std::optional<int64_t> lead_time_ms;    // Absent: the draft's, when there is one; else 0.
  std::optional<int64_t> active_time_ms;  // Absent: the draft's, when there is one; else 0.
  std::string idempotency_key;  // Client-chosen; a retry with the same key changes nothing.
  std::string skip_reason;      // With kSkipped only: why, free text (trimmed, <= 500 chars).
  // The project version whose label interface the answer was made in (domain::Project::version);
  // absent: not said. Tells an interface edited under the annotator from a wrong answer.
  std::optional<int64_t> project_version;
};

struct DraftSave {
  std::string result = "{}";              // JSON object text, not checked against the interface.
  std::optional<int64_t> lead_time_ms;    // Absent: the stored draft's (0 for a new draft).
  std::optional<int64_t> active_time_ms;  // Absent: the stored draft's (0 for a new draft).
  int64_t version = 0;                    // The draft's version last seen; 0 for the first save.
};

struct AnnotationChange {
  std::string result = "{}";  // JSON text; checked against the interface when submitted.
  std::optional<domain::AnnotationState> state;  // kSubmitted or kSkipped; absent: unchanged.
  std::optional<int64_t> lead_time_ms;           // Absent: unchanged.
  std::optional<int64_t> active_time_ms;         // Absent: unchanged.
  std::optional<std::string> skip_reason;  // Absent: kept while skipped; trimmed, <= 500 chars.
  int64_t version = 0;                     // The version read (required).
};

// A reviewer's verdict as sent (domain/review.h).
struct ReviewInput {
  domain::ReviewVerdict verdict = domain::ReviewVerdict::kAccepted;
  std::string comment;  // Required when rejected.
  std::string result;   // JSON text of the corrected result when fixed; "" otherwise.
};

class LabellingService {
 public:
  // REQUIRES: `store` outlives the service.
  LabellingService(store::Store& store, std::function<int64_t()> now,
                   LabellingOptions options = {});

  // The task `actor` should label next in the project, or nullopt when nothing is left for them:
  // their oldest returned label first (NextTask::returned), then new work. When nothing is
  // handed out because the wellbeing policy holds sensitive work back, *hold (when given)
  // says why; it is reset otherwise.
  Result<std::optional<NextTask>> Next(const Principal& actor, int64_t project_id,
                                       std::optional<WellbeingHold>* hold = nullptr);
  // The caller's own answers in the project and their recorded times (the annotate page's
  // "your progress"). kNotFound for an unknown project.
  Result<store::AnnotatorStats> MyStats(const Principal& actor, int64_t project_id);
  // Stores `actor`'s answer to task `task_id`, completing their draft of it when they have
  // one. kNotFound for an unknown task; kPermissionDenied (field "task_id") when `actor` is an
  // annotator who was not handed the task (see CheckHandedOut); kInvalidArgument for a bad
  // result or skip_reason; kConflict naming "project_version", with the project's version as
  // current_version(), for an answer the label interface no longer takes when it was made in
  // an older project version (the answer is then kept as the caller's draft: catalogue 15);
  // kConflict when the task has its labels already (others' live reservations count as
  // taken slots) or the annotator answered it under another key (update that annotation
  // instead).
  // During qualification (GoldPolicy::qualification_items) only the calibration items handed
  // out take answers (anything else: kPermissionDenied naming "gold"; a skip:
  // kInvalidArgument), and the outcome carries the feedback. A failed qualification refuses
  // every submission (kPermissionDenied).
  store::UpdateResult<SubmitOutcome> Submit(const Principal& actor, int64_t task_id,
                                            Submission submission);

  // Autosaves `actor`'s draft of task `task_id` (store::AnnotationStore::SaveDraft): kConflict
  // with current_version() when `save.version` is stale; kConflict (field "state") once they
  // submitted or skipped the task; kNotFound; kPermissionDenied as for Submit when the task was
  // not handed to an annotator; kInvalidArgument when the result is not a JSON object.
  store::UpdateResult<domain::Annotation> SaveDraft(const Principal& actor, int64_t task_id,
                                                    DraftSave save);
  // `actor`'s own draft of the task; kNotFound when the task is unknown or they have none.
  Result<domain::Annotation> GetDraft(const Principal& actor, int64_t task_id);

  // `actor` corrects their own annotation `annotation_id` (submitted or skipped), naming the
  // version they read. kPermissionDenied when it is someone else's; kConflict with
  // current_version() when stale; kConflict (field "state") for a draft (save or submit it
  // instead); kConflict when becoming submitted would pass the overlap; kInvalidArgument for
  // a bad result (checked against the interface when the new state is submitted) or reason.
  // Recorded in the audit log with the row before and after.
  store::UpdateResult<domain::Annotation> UpdateAnnotation(const Principal& actor,
                                                           int64_t annotation_id,
                                                           AnnotationChange change);

  // Every submitted or skipped annotation of a task, for reviewers (callers check the role);
  // drafts are their annotators' own. kNotFound.
  Result<std::vector<domain::Annotation>> ListAnnotations(int64_t task_id);

  // `actor` reviews someone else's submitted annotation (callers check the role): accepted,
  // rejected with a comment, or fixed with a result checked against the interface as a
  // submission is. The annotation is not changed. kPermissionDenied for one's own label;
  // kConflict when it is not submitted; kNotFound; kInvalidArgument naming the field.
  // Recorded in the audit log.
  Result<domain::Review> AddReview(const Principal& actor, int64_t annotation_id,
                                   ReviewInput input);
  // A task's reviews in order (callers check the role). kNotFound for an unknown task.
  Result<std::vector<domain::Review>> ListReviews(int64_t task_id);

 private:
  // The guideline version shown now (0 when the project has none).
  Result<int64_t> CurrentGuideline(int64_t project_id);
  // Submitted labels a task may take: the gold exposure cap for a gold task, else the labels it
  // wants (its own under dynamic overlap, else the project's overlap).
  static int64_t LabelCap(const domain::Project& project, const store::TaskRouting& routing);
  // kPermissionDenied naming "tier" when `actor`'s tier is below the project's required tier,
  // or the task's when its routing `task` is given (domain/routing_policy.h).
  static Status CheckTier(const Principal& actor, const domain::Project& project,
                          const store::TaskRouting* task);
  // The annotator's qualification answers in the project (none when it has no qualification).
  Result<std::vector<store::CalibrationAnswer>> CalibrationAnswersOf(const domain::Project& project,
                                                                     int64_t annotator_id);
  // ok unless `actor` is an annotator who was not handed task `task_id`: no live reservation
  // from Next and no row of their own (a draft or a label); then kPermissionDenied naming
  // "task_id", the same for every task (security catalogue 66).
  Status CheckHandedOut(const Principal& actor, int64_t task_id);
  // kPermissionDenied naming "gold", with their figures, for a failed qualification.
  static Status FailedQualification(const domain::Project& project, const Qualification& q);
  // ok when a submission in `state` to `task` may be a new calibration answer now.
  Status CheckCalibrationAnswer(const Principal& actor, const domain::Task& task,
                                domain::AnnotationState state);
  // The refusal of an answer made in an older project version that the interface edited since
  // no longer takes (`invalid` says where); the answer is first kept as `actor`'s draft.
  store::UpdateResult<SubmitOutcome> KeepStaleAnswer(const Principal& actor, int64_t task_id,
                                                     const domain::Project& project,
                                                     const Submission& submission,
                                                     const Status& invalid);
  // Judges and records a stored calibration answer; its feedback.
  Result<CalibrationFeedback> RecordCalibration(const domain::Project& project,
                                                const Qualification& before,
                                                const SubmitOutcome& outcome);
  // `actor`'s oldest returned label in the project as a next task, or nullopt when none.
  Result<std::optional<NextTask>> NextReturned(const Principal& actor, int64_t project_id);
  // Whether this next-task request offers gold (GoldPolicy::rate, never twice in a row).
  bool DrawGoldOffer(double rate);
  uint64_t DrawNumber();  // Uniform over 64 bits.

  store::Store& store_;
  std::function<int64_t()> now_;
  LabellingOptions options_;
  GoldStandings gold_standings_;
  TaskRouter router_{store_, gold_standings_};
  ModelDrafts drafts_{store_};
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

}  // namespace chorus::service
