#include "service/labelling_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"
#include "service/audit.h"
#include "service/gold_comparison.h"
#include "service/result_check.h"
#include "service/wellbeing_service.h"

namespace chorus::service {
namespace {

// `text` without leading and trailing whitespace (ASCII space, tab, CR, LF, VT, FF).
std::string Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(kSpace) - first + 1));
}

// kInvalidArgument unless `result` is the text of a JSON object.
Status CheckResultIsObject(const std::string& result) {
  const auto parsed = nlohmann::json::parse(result, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return InvalidArgument("result must be an object: each control's answer by its name", "result");
  }
  return Status::Ok();
}

// P(a gold task is offered | the last one handed out was not gold) that makes gold `rate` of
// the queue when gold never comes twice in a row: the two-state chain's stationary share of
// gold is p / (1 + p).
double GoldOfferProbability(double rate) { return rate >= 1 ? 1 : rate / (1 - rate); }

}  // namespace

LabellingService::LabellingService(store::Store& store, std::function<int64_t()> now,
                                   LabellingOptions options)
    : store_(store),
      now_(std::move(now)),
      options_(options),
      gold_standings_(store),
      random_(options.random_seed != 0 ? options.random_seed : std::random_device{}()) {}

int64_t LabellingService::LabelCap(const domain::Project& project,
                                   const store::TaskRouting& routing) {
  if (routing.is_gold) return project.gold.max_exposures;
  return routing.wanted.value_or(project.overlap);
}

Status LabellingService::CheckTier(const Principal& actor, const domain::Project& project,
                                   const store::TaskRouting* task) {
  domain::Tier required = project.routing.required_tier;
  if (task != nullptr) required = task->required_tier.value_or(required);
  if (domain::TierAdmits(required, actor.tier)) return Status::Ok();
  return Status(StatusCode::kPermissionDenied,
                std::string(task != nullptr ? "this task" : "this project") + " needs " +
                    domain::TierName(required) + " annotators or above (your tier is " +
                    domain::TierName(actor.tier) + "); a manager can change your tier",
                "tier");
}

uint64_t LabellingService::DrawNumber() {
  std::lock_guard lock(random_mutex_);
  return random_();
}

bool LabellingService::DrawGoldOffer(double rate) {
  if (rate <= 0) return false;
  std::lock_guard lock(random_mutex_);
  return std::uniform_real_distribution<double>(0, 1)(random_) < GoldOfferProbability(rate);
}

Result<store::AnnotatorStats> LabellingService::MyStats(const Principal& actor,
                                                        int64_t project_id) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  return store_.annotations().StatsFor(project_id, actor.user_id);
}

Result<std::vector<store::CalibrationAnswer>> LabellingService::CalibrationAnswersOf(
    const domain::Project& project, int64_t annotator_id) {
  if (project.gold.qualification_items == 0) return std::vector<store::CalibrationAnswer>();
  return store_.gold().CalibrationAnswers(project.id, annotator_id);
}

Status LabellingService::FailedQualification(const domain::Project& project,
                                             const Qualification& q) {
  return Status(StatusCode::kPermissionDenied,
                "you did not pass this project's qualification: " + std::to_string(q.correct) +
                    " of " + std::to_string(q.items) + " right in your last attempt (" +
                    std::to_string(q.attempt) + " of " +
                    std::to_string(project.gold.qualification_attempts) +
                    " allowed). Ask a project manager whether you may try again.",
                "gold");
}

Result<std::optional<NextTask>> LabellingService::Next(const Principal& actor, int64_t project_id,
                                                       std::optional<WellbeingHold>* hold) {
  if (hold != nullptr) hold->reset();
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  CHORUS_RETURN_IF_ERROR(CheckTier(actor, *project, nullptr));
  auto calibration = CalibrationAnswersOf(*project, actor.user_id);
  if (!calibration.ok()) return calibration.status();
  const Qualification qualification = JudgeQualification(*calibration, project->gold);
  if (qualification.status == QualificationStatus::kFailed) {
    return FailedQualification(*project, qualification);
  }
  const bool calibrating = qualification.status == QualificationStatus::kInProgress;
  if (project->gold.pause_below > 0 && !calibrating) {
    auto standing = gold_standings_.Of(*project, actor.user_id);
    if (!standing.ok()) return standing.status();
    if (standing->verdict == GoldVerdict::kPaused) {
      return Status(StatusCode::kPermissionDenied, PausedMessage(*standing, project->gold), "gold");
    }
  }
  if (!calibrating) {
    // Rejected work comes back before anything new; qualification hands calibration only.
    auto returned = NextReturned(actor, project_id);
    if (!returned.ok() || returned->has_value()) return returned;
  }
  store::ReserveRequest request;
  request.project_id = project_id;
  request.annotator_id = actor.user_id;
  request.overlap = project->overlap;
  request.ttl_ms = options_.reservation_ttl_ms;
  request.now_ms = now_();
  request.calibration = calibrating;
  request.offer_gold = !calibrating && DrawGoldOffer(project->gold.rate);
  request.gold_max_exposures = project->gold.max_exposures;
  request.tier = actor.tier;
  if (request.offer_gold || calibrating) request.gold_draw = DrawNumber();
  std::optional<WellbeingDecision> wellbeing;
  if (project->wellbeing.enabled && !calibrating) {
    auto standing = StandingOf(store_.tasks(), *project, actor.user_id, request.now_ms);
    if (!standing.ok()) return standing.status();
    wellbeing = standing->decision;
    request.sensitive = wellbeing->rule;
  }
  if (!calibrating) {
    // Diversity: the store keeps each task's room for the groups its quota still needs.
    auto quota = ReserveQuotaOf(store_.projects(), *project, actor.user_id);
    if (!quota.ok()) return quota.status();
    request.quota = std::move(quota).value();
  }
  auto reserved = store_.tasks().ReserveNextTask(request);
  if (!reserved.ok()) return reserved.status();
  if (!reserved->has_value()) {
    if (!calibrating && hold != nullptr && wellbeing && wellbeing->reason) {
      // Always said, whatever is left: a hold reported only while ordinary sensitive work
      // remained would tell that the rest is gold (the annotator sees their hold anyway).
      *hold = WellbeingHold{*wellbeing->reason, wellbeing->until};
    }
    if (!calibrating) return std::optional<NextTask>();
    return Status(StatusCode::kFailedPrecondition,
                  "the qualification needs " +
                      std::to_string(qualification.items - qualification.answered) +
                      " more gold items than this project has left for you; ask a project "
                      "manager to mark more tasks gold",
                  "gold");
  }
  NextTask next{std::move((*reserved)->task), (*reserved)->expires_at, std::nullopt, std::nullopt,
                std::nullopt, std::nullopt};
  if (calibrating) {
    next.calibration = qualification;
  } else {
    auto decision = drafts_.Decide(*project, next.task.id, actor.user_id);
    if (!decision.ok()) return decision.status();
    if (decision->shown) next.model_draft = std::move(decision->shown->result);
  }
  auto own = store_.annotations().FindOwn(next.task.id, actor.user_id);
  if (!own.ok()) return own.status();
  if (*own && (*own)->state == domain::AnnotationState::kDraft) next.draft = std::move(**own);
  return std::optional<NextTask>(std::move(next));
}

Result<std::optional<NextTask>> LabellingService::NextReturned(const Principal& actor,
                                                               int64_t project_id) {
  auto first = store_.annotations().FirstReturned(project_id, actor.user_id);
  if (!first.ok()) return first.status();
  if (!first->has_value()) return std::optional<NextTask>();
  store::ReturnedWork& work = **first;
  auto task = store_.tasks().Get(work.annotation.task_id);
  if (!task.ok()) return task.status();
  // Their label holds the task's slot already: no reservation is taken.
  ReturnedLabel returned{std::move(work.annotation), work.review.id, std::move(work.review.comment),
                         work.review.created_at};
  return std::optional<NextTask>(NextTask{std::move(task).value(),
                                          now_() + options_.reservation_ttl_ms, std::nullopt,
                                          std::nullopt, std::move(returned), std::nullopt});
}

Result<int64_t> LabellingService::CurrentGuideline(int64_t project_id) {
  auto guideline = store_.projects().LatestGuideline(project_id);
  if (guideline.ok()) return guideline->version;
  if (guideline.status().code() == StatusCode::kNotFound) return int64_t{0};
  return guideline.status();
}

store::UpdateResult<SubmitOutcome> LabellingService::Submit(const Principal& actor, int64_t task_id,
                                                            Submission submission) {
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(task->project_id);
  if (!project.ok()) return project.status();
  if (submission.state == domain::AnnotationState::kDraft) {
    return Status(StatusCode::kInvalidArgument,
                  "state must be submitted or skipped here; save work in progress as the "
                  "task's draft instead",
                  "state");
  }
  // One read of the task's routing serves the tier check and the label cap.
  auto routing = store_.tasks().GetRouting(task_id);
  if (!routing.ok()) return routing.status();
  CHORUS_RETURN_IF_ERROR(CheckTier(actor, *project, &*routing));
  auto calibration = CalibrationAnswersOf(*project, actor.user_id);
  if (!calibration.ok()) return calibration.status();
  const Qualification qualification = JudgeQualification(*calibration, project->gold);
  // A calibration answer given already is replayed (or corrected) whatever came after it.
  const bool answered_in_calibration =
      std::any_of(calibration->begin(), calibration->end(),
                  [&](const store::CalibrationAnswer& a) { return a.task_id == task_id; });
  const bool calibrating =
      answered_in_calibration || qualification.status == QualificationStatus::kInProgress;
  if (!answered_in_calibration) {
    if (qualification.status == QualificationStatus::kFailed) {
      return FailedQualification(*project, qualification);
    }
    if (calibrating) CHORUS_RETURN_IF_ERROR(CheckCalibrationAnswer(actor, *task, submission.state));
  }
  CHORUS_RETURN_IF_ERROR(CheckHandedOut(actor, task_id));
  // A skip carries no answer to check.
  if (submission.state == domain::AnnotationState::kSubmitted) {
    const Status valid = CheckResult(*project, *task, submission.result);
    if (!valid.ok() && valid.code() == StatusCode::kInvalidArgument && submission.project_version &&
        *submission.project_version != project->version) {
      return KeepStaleAnswer(actor, task_id, *project, submission, valid);
    }
    CHORUS_RETURN_IF_ERROR(valid);
  }
  auto guideline = CurrentGuideline(project->id);
  if (!guideline.ok()) return guideline.status();
  domain::Annotation annotation;
  if (!submission.lead_time_ms || !submission.active_time_ms) {
    // Times the client did not send are the draft's: its work is what is being submitted.
    auto own = store_.annotations().FindOwn(task_id, actor.user_id);
    if (!own.ok()) return own.status();
    if (*own && (*own)->state == domain::AnnotationState::kDraft) {
      annotation.lead_time_ms = (*own)->lead_time_ms;
      annotation.active_time_ms = (*own)->active_time_ms;
    }
  }
  const int64_t now = now_();
  annotation.task_id = task_id;
  annotation.project_id = project->id;
  annotation.annotator_id = actor.user_id;
  annotation.result = std::move(submission.result);
  annotation.state = submission.state;
  annotation.lead_time_ms = submission.lead_time_ms.value_or(annotation.lead_time_ms);
  annotation.active_time_ms = submission.active_time_ms.value_or(annotation.active_time_ms);
  annotation.guideline_version = *guideline;
  annotation.idempotency_key = std::move(submission.idempotency_key);
  annotation.skip_reason = Trimmed(submission.skip_reason);
  annotation.created_at = now;
  annotation.updated_at = now;
  if (!calibrating) {
    // The same decision Next made: which draft was shown or withheld, and whether it was kept.
    auto decision = drafts_.Decide(*project, task_id, actor.user_id);
    if (!decision.ok()) return decision.status();
    annotation.draft_model_version = decision->model_version;
    annotation.blind = decision->blind;
    annotation.draft_shown = decision->shown.has_value();
    annotation.draft_accepted = decision->shown &&
                                annotation.state == domain::AnnotationState::kSubmitted &&
                                SameAnswer(annotation.result, decision->shown->result);
  }
  // A gold task takes up to its exposure cap of labels, an ordinary one its overlap, and the
  // slots others hold count as taken.
  store::SubmitOptions options;
  options.max_submitted_per_task = LabelCap(*project, *routing);
  options.now_ms = now;
  auto submitted = store_.annotations().Submit(std::move(annotation), options);
  // A key names one submission: reused for another task it would replay that task's answer.
  if (submitted.ok() && submitted->replayed && submitted->annotation.task_id != task_id) {
    return Status(StatusCode::kConflict,
                  "this idempotency_key was used for task " +
                      std::to_string(submitted->annotation.task_id) +
                      "; send a new key for each task (a UUID per submission)",
                  "idempotency_key");
  }
  if (!submitted.ok()) return {submitted.status(), submitted.current_version()};
  SubmitOutcome outcome{std::move(submitted).value(), std::nullopt};
  if (calibrating) {
    auto feedback = RecordCalibration(*project, qualification, outcome);
    if (!feedback.ok()) return feedback.status();
    outcome.calibration = std::move(feedback).value();
  } else if (outcome.annotation.state == domain::AnnotationState::kSubmitted) {
    // A replay routes again, so a retry after a failed routing still decides the task.
    CHORUS_RETURN_IF_ERROR(router_.Route(*project, task_id, now).status());
  }
  return outcome;
}

store::UpdateResult<SubmitOutcome> LabellingService::KeepStaleAnswer(const Principal& actor,
                                                                     int64_t task_id,
                                                                     const domain::Project& project,
                                                                     const Submission& submission,
                                                                     const Status& invalid) {
  auto own = store_.annotations().FindOwn(task_id, actor.user_id);
  if (!own.ok()) return own.status();
  bool kept = false;
  if (!*own || (*own)->state == domain::AnnotationState::kDraft) {
    DraftSave save;
    save.result = submission.result;
    save.lead_time_ms = submission.lead_time_ms;
    save.active_time_ms = submission.active_time_ms;
    save.version = *own ? (*own)->version : 0;
    // A draft saved meanwhile by another tab wins; the refusal stands either way.
    kept = SaveDraft(actor, task_id, std::move(save)).ok();
  }
  return {Status(StatusCode::kConflict,
                 "the label interface changed while you worked (you answered in project version " +
                     std::to_string(*submission.project_version) + ", it is now version " +
                     std::to_string(project.version) + "): " + invalid.field() + " " +
                     invalid.message() +
                     (kept ? "; your answer is kept as your draft: reload the task and answer in "
                             "the new terms"
                           : "; answer in the new terms"),
                 "project_version"),
          project.version};
}

Status LabellingService::CheckHandedOut(const Principal& actor, int64_t task_id) {
  if (actor.role != domain::Role::kAnnotator) return Status::Ok();
  auto own = store_.annotations().FindOwn(task_id, actor.user_id);
  if (!own.ok()) return own.status();
  if (*own) return Status::Ok();
  auto held = store_.tasks().HoldsReservation(task_id, actor.user_id, now_());
  if (!held.ok()) return held.status();
  if (*held) return Status::Ok();
  // One message for every task, so the refusal tells nothing about gold or anyone's work.
  return Status(StatusCode::kPermissionDenied,
                "task " + std::to_string(task_id) +
                    " is not handed to you: ask for the next task (a task is yours for " +
                    std::to_string(options_.reservation_ttl_ms / 60000) +
                    " minutes after it is handed out, and for good once you save a draft)",
                "task_id");
}

Status LabellingService::CheckCalibrationAnswer(const Principal& actor, const domain::Task& task,
                                                domain::AnnotationState state) {
  // Until they pass, only the calibration items they were handed take an answer, and the
  // refusal reads the same for every other task, gold or not.
  const Status refused(StatusCode::kPermissionDenied,
                       "finish this project's qualification first: answer the tasks it hands "
                       "you (next task) until it says you passed",
                       "gold");
  auto gold = store_.gold().Get(task.id);
  if (!gold.ok()) return gold.status().code() == StatusCode::kNotFound ? refused : gold.status();
  auto held = store_.tasks().HoldsReservation(task.id, actor.user_id, now_());
  if (!held.ok()) return held.status();
  if (!*held) return refused;
  if (state != domain::AnnotationState::kSubmitted) {
    return Status(StatusCode::kInvalidArgument,
                  "qualification tasks cannot be skipped: answer as well as you can", "state");
  }
  return Status::Ok();
}

Result<CalibrationFeedback> LabellingService::RecordCalibration(const domain::Project& project,
                                                                const Qualification& before,
                                                                const SubmitOutcome& outcome) {
  const domain::Annotation& answer = outcome.annotation;
  auto gold = store_.gold().Get(answer.task_id);
  if (!gold.ok()) return gold.status();
  auto interface = domain::ParseLabelInterface(project.label_interface);
  if (!interface.ok()) return interface.status();
  const GoldComparison judged =
      CompareToGold(*interface, nlohmann::json::parse(gold->reference, nullptr, false),
                    nlohmann::json::parse(answer.result, nullptr, false));
  store::CalibrationAnswer record{project.id,     answer.annotator_id, answer.task_id,
                                  before.attempt, judged.correct,      now_()};
  const Status recorded = store_.gold().RecordCalibration(record);
  // A replayed submission was recorded the first time.
  if (!recorded.ok() && recorded.code() != StatusCode::kConflict) return recorded;
  auto answers = store_.gold().CalibrationAnswers(project.id, answer.annotator_id);
  if (!answers.ok()) return answers.status();
  CalibrationFeedback feedback;
  for (const store::CalibrationAnswer& a : *answers) {
    if (a.task_id == answer.task_id) feedback.correct = a.correct;
  }
  feedback.reference = gold->reference;
  feedback.rationale = gold->rationale;
  feedback.qualification = JudgeQualification(*answers, project.gold);
  return feedback;
}

store::UpdateResult<domain::Annotation> LabellingService::SaveDraft(const Principal& actor,
                                                                    int64_t task_id,
                                                                    DraftSave save) {
  // Work in progress may be incomplete: only its shape is checked, not the interface.
  CHORUS_RETURN_IF_ERROR(CheckResultIsObject(save.result));
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  CHORUS_RETURN_IF_ERROR(CheckHandedOut(actor, task_id));
  auto guideline = CurrentGuideline(task->project_id);
  if (!guideline.ok()) return guideline.status();
  domain::Annotation draft;
  if (!save.lead_time_ms || !save.active_time_ms) {
    // Times the client did not send are kept; the store refuses the save if it is stale.
    auto own = store_.annotations().FindOwn(task_id, actor.user_id);
    if (!own.ok()) return own.status();
    if (*own && (*own)->version == save.version) {
      draft.lead_time_ms = (*own)->lead_time_ms;
      draft.active_time_ms = (*own)->active_time_ms;
    }
  }
  const int64_t now = now_();
  draft.task_id = task_id;
  draft.project_id = task->project_id;
  draft.annotator_id = actor.user_id;
  draft.state = domain::AnnotationState::kDraft;
  draft.result = std::move(save.result);
  draft.lead_time_ms = save.lead_time_ms.value_or(draft.lead_time_ms);
  draft.active_time_ms = save.active_time_ms.value_or(draft.active_time_ms);
  draft.guideline_version = *guideline;
  draft.version = save.version;
  draft.created_at = now;
  draft.updated_at = now;
  return store_.annotations().SaveDraft(std::move(draft));
}

Result<domain::Annotation> LabellingService::GetDraft(const Principal& actor, int64_t task_id) {
  CHORUS_RETURN_IF_ERROR(store_.tasks().Get(task_id).status());
  auto own = store_.annotations().FindOwn(task_id, actor.user_id);
  if (!own.ok()) return own.status();
  if (!*own || (*own)->state != domain::AnnotationState::kDraft) {
    return Status(StatusCode::kNotFound,
                  "you have no draft of task " + std::to_string(task_id) +
                      " (none saved yet, or it was submitted)",
                  "task_id");
  }
  return std::move(**own);
}

store::UpdateResult<domain::Annotation> LabellingService::UpdateAnnotation(
    const Principal& actor, int64_t annotation_id, AnnotationChange change) {
  auto before = store_.annotations().Get(annotation_id);
  if (!before.ok()) return before.status();
  // Nobody overwrites another person's label (DESIGN §4), whatever their role.
  if (before->annotator_id != actor.user_id) {
    return Status(StatusCode::kPermissionDenied,
                  "only its annotator may change an annotation; add your own annotation instead",
                  "annotation_id");
  }
  if (before->version != change.version) {
    return {Status(StatusCode::kConflict,
                   "annotation " + std::to_string(annotation_id) + " changed since version " +
                       std::to_string(change.version) + " (now " + std::to_string(before->version) +
                       "); reload it and apply your change again",
                   "version"),
            before->version};
  }
  if (before->state == domain::AnnotationState::kDraft) {
    return Status(StatusCode::kConflict,
                  "annotation " + std::to_string(annotation_id) + " is your draft of task " +
                      std::to_string(before->task_id) +
                      ": save it as that task's draft, or submit it as your annotation of the task",
                  "state");
  }
  domain::Annotation changed = *before;
  changed.state = change.state.value_or(before->state);
  if (changed.state == domain::AnnotationState::kDraft) {
    return Status(StatusCode::kInvalidArgument, "state must be submitted or skipped", "state");
  }
  auto task = store_.tasks().Get(before->task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(before->project_id);
  if (!project.ok()) return project.status();
  if (changed.state == domain::AnnotationState::kSubmitted) {
    CHORUS_RETURN_IF_ERROR(CheckResult(*project, *task, change.result));
  }
  auto guideline = CurrentGuideline(project->id);
  if (!guideline.ok()) return guideline.status();
  if (before->draft_shown) {
    // Still "accepted unchanged" only while the label equals the draft that was shown.
    auto shown = store_.predictions().Find(before->task_id, before->draft_model_version);
    if (!shown.ok()) return shown.status();
    changed.draft_accepted = shown->has_value() &&
                             changed.state == domain::AnnotationState::kSubmitted &&
                             SameAnswer(change.result, (*shown)->result);
  }
  changed.result = std::move(change.result);
  changed.lead_time_ms = change.lead_time_ms.value_or(before->lead_time_ms);
  changed.active_time_ms = change.active_time_ms.value_or(before->active_time_ms);
  // The label is revised now, under the guidelines shown now.
  changed.guideline_version = *guideline;
  if (change.skip_reason) {
    changed.skip_reason = Trimmed(*change.skip_reason);
  } else if (changed.state != domain::AnnotationState::kSkipped) {
    changed.skip_reason.clear();  // A label is no longer a skip: its reason goes with it.
  }
  changed.updated_at = now_();
  auto routing = store_.tasks().GetRouting(task->id);
  if (!routing.ok()) return routing.status();
  store::SubmitOptions options;
  options.max_submitted_per_task = LabelCap(*project, *routing);
  options.now_ms = changed.updated_at;
  auto updated = store_.annotations().Update(changed, actor.user_id, options);
  if (!updated.ok()) return updated;
  const Status logged = RecordChange(store_.audit(), actor.user_id, "annotation.update",
                                     "annotation", annotation_id, domain::ToJson(*before).dump(),
                                     domain::ToJson(*updated).dump(), changed.updated_at);
  if (!logged.ok()) return logged;
  // A changed answer can change the task's agreement.
  CHORUS_RETURN_IF_ERROR(router_.Route(*project, task->id, changed.updated_at).status());
  return updated;
}

Result<std::vector<domain::Annotation>> LabellingService::ListAnnotations(int64_t task_id) {
  CHORUS_RETURN_IF_ERROR(store_.tasks().Get(task_id).status());
  auto all = store_.annotations().ListByTask(task_id);
  if (!all.ok()) return all.status();
  std::vector<domain::Annotation> out;
  for (domain::Annotation& annotation : *all) {
    if (annotation.state != domain::AnnotationState::kDraft) out.push_back(std::move(annotation));
  }
  return out;
}

Result<domain::Review> LabellingService::AddReview(const Principal& actor, int64_t annotation_id,
                                                   ReviewInput input) {
  auto annotation = store_.annotations().Get(annotation_id);
  if (!annotation.ok()) return annotation.status();
  if (annotation->annotator_id == actor.user_id) {
    return Status(StatusCode::kPermissionDenied,
                  "you cannot review your own label; another reviewer does", "annotation_id");
  }
  domain::Review review;
  review.annotation_id = annotation_id;
  review.reviewer_id = actor.user_id;
  review.verdict = input.verdict;
  review.comment = std::move(input.comment);
  review.result = std::move(input.result);
  review.created_at = now_();
  CHORUS_RETURN_IF_ERROR(domain::ValidateReview(review));
  if (review.verdict == domain::ReviewVerdict::kFixed) {
    auto project = store_.projects().Get(annotation->project_id);
    if (!project.ok()) return project.status();
    auto task = store_.tasks().Get(annotation->task_id);
    if (!task.ok()) return task.status();
    CHORUS_RETURN_IF_ERROR(CheckResult(*project, *task, review.result));
  }
  auto stored = store_.annotations().AddReview(std::move(review));
  if (!stored.ok()) return stored.status();
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "annotation.review",
                                      "annotation", annotation_id, "null",
                                      domain::ToJson(*stored).dump(), stored->created_at));
  return stored;
}

Result<std::vector<domain::Review>> LabellingService::ListReviews(int64_t task_id) {
  CHORUS_RETURN_IF_ERROR(store_.tasks().Get(task_id).status());
  return store_.annotations().ListReviews(task_id);
}

}  // namespace chorus::service
