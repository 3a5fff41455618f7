#include "service/labelling_service.h"

#include <nlohmann/json.hpp>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"

namespace chorus::service {

LabellingService::LabellingService(store::Store& store, std::function<int64_t()> now,
                                   LabellingOptions options)
    : store_(store), now_(std::move(now)), options_(options) {}

Result<std::optional<NextTask>> LabellingService::Next(const Principal& actor, int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  store::ReserveRequest request;
  request.project_id = project_id;
  request.annotator_id = actor.user_id;
  request.overlap = project->overlap;
  request.ttl_ms = options_.reservation_ttl_ms;
  request.now_ms = now_();
  auto reserved = store_.tasks().ReserveNextTask(request);
  if (!reserved.ok()) return reserved.status();
  if (!reserved->has_value()) return std::optional<NextTask>();
  return std::optional<NextTask>(NextTask{std::move((*reserved)->task), (*reserved)->expires_at});
}

store::UpdateResult<store::SubmitResult> LabellingService::Submit(const Principal& actor,
                                                                  int64_t task_id,
                                                                  Submission submission) {
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(task->project_id);
  if (!project.ok()) return project.status();
  if (submission.state == domain::AnnotationState::kDraft) {
    return Status(StatusCode::kInvalidArgument,
                  "state must be submitted or skipped here; drafts are saved elsewhere", "state");
  }
  if (submission.state == domain::AnnotationState::kSubmitted) {
    // Answers are checked against the project's interface and the task's data; a skip carries
    // no answer to check.
    auto interface = domain::ParseLabelInterface(project->label_interface);
    if (!interface.ok()) return interface.status();
    const auto result = nlohmann::json::parse(submission.result, nullptr, false);
    const auto data = nlohmann::json::parse(task->data, nullptr, false);
    CHORUS_RETURN_IF_ERROR(domain::ValidateResult(*interface, result, data));
  }
  auto guideline = store_.projects().LatestGuideline(project->id);
  if (!guideline.ok() && guideline.status().code() != StatusCode::kNotFound) {
    return guideline.status();
  }
  const int64_t now = now_();
  domain::Annotation annotation;
  annotation.task_id = task_id;
  annotation.project_id = project->id;
  annotation.annotator_id = actor.user_id;
  annotation.result = std::move(submission.result);
  annotation.state = submission.state;
  annotation.lead_time_ms = submission.lead_time_ms;
  annotation.active_time_ms = submission.active_time_ms;
  annotation.guideline_version = guideline.ok() ? guideline->version : 0;
  annotation.idempotency_key = std::move(submission.idempotency_key);
  annotation.created_at = now;
  annotation.updated_at = now;
  store::SubmitOptions options;
  options.max_submitted_per_task = project->overlap;
  auto submitted = store_.annotations().Submit(std::move(annotation), options);
  // A key names one submission: reused for another task it would replay that task's answer.
  if (submitted.ok() && submitted->replayed && submitted->annotation.task_id != task_id) {
    return Status(StatusCode::kConflict,
                  "this idempotency_key was used for task " +
                      std::to_string(submitted->annotation.task_id) +
                      "; send a new key for each task (a UUID per submission)",
                  "idempotency_key");
  }
  return submitted;
}

Result<std::vector<domain::Annotation>> LabellingService::ListAnnotations(int64_t task_id) {
  CHORUS_RETURN_IF_ERROR(store_.tasks().Get(task_id).status());
  return store_.annotations().ListByTask(task_id);
}

}  // namespace chorus::service
