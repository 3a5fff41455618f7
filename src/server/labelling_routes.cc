#include "server/labelling_routes.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "domain/annotation.h"
#include "domain/json_fields.h"
#include "domain/review.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

json QualificationJson(const service::Qualification& q) {
  return {{"status", service::QualificationStatusName(q.status)},
          {"attempt", q.attempt},
          {"answered", q.answered},
          {"correct", q.correct},
          {"items", q.items}};
}

// The annotator's own rejected label: their annotation (with its version, to PATCH), why
// and when; never who rejected it.
// An annotation as its annotator (or a reviewer) sees it: without which model's draft applied
// and whether it was withheld, so no response tells a blind control apart (managers read both
// in exports and the anchoring report).
json LabelJson(const domain::Annotation& annotation) {
  json out = domain::ToJson(annotation);
  out.erase("draft_model_version");
  out.erase("blind");
  return out;
}

json ReturnedJson(const service::ReturnedLabel& returned) {
  return {{"annotation", LabelJson(returned.annotation)},
          {"review_id", returned.review_id},
          {"comment", returned.comment},
          {"returned_at", returned.returned_at}};
}

// {task, expires_at, draft, returned, model_draft} for a task handed out (returned is null unless
// it is the annotator's rejected work; model_draft is the model's answer to pre-fill, null when
// there is none to show, blind or not), plus {calibration} during qualification; null when nothing
// is left; {task: null, ..., wellbeing: {reason, until}} when the wellbeing policy holds back
// the sensitive work that is left (until: null for an opt-out).
json NextTaskJson(const std::optional<service::NextTask>& next,
                  const std::optional<service::WellbeingHold>& hold) {
  if (!next && hold) {
    return {{"task", nullptr},
            {"expires_at", nullptr},
            {"draft", nullptr},
            {"returned", nullptr},
            {"model_draft", nullptr},
            {"wellbeing",
             {{"reason", service::HoldReasonName(hold->reason)},
              {"until", hold->until ? json(*hold->until) : json(nullptr)}}}};
  }
  if (!next) return json();
  json out = {{"task", domain::ToJson(next->task)},
              {"expires_at", next->expires_at},
              {"draft", next->draft ? LabelJson(*next->draft) : json()},
              {"returned", next->returned ? ReturnedJson(*next->returned) : json()},
              {"model_draft",
               next->model_draft ? domain::JsonFromText(*next->model_draft) : json()}};
  if (next->calibration) out["calibration"] = QualificationJson(*next->calibration);
  return out;
}

HttpResponse Next(service::LabellingService& labelling, const HttpRequest& request,
                  const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  std::optional<service::WellbeingHold> hold;
  auto next = labelling.Next(principal, *id, &hold);
  if (!next.ok()) return ErrorResponse(next.status(), request.correlation_id);
  if (!next->has_value() && !hold) {
    HttpResponse none;
    none.status = 204;
    return none;
  }
  return JsonResponse(200, NextTaskJson(*next, hold));
}

HttpResponse MyStats(service::LabellingService& labelling, const HttpRequest& request,
                     const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto stats = labelling.MyStats(principal, *id);
  if (!stats.ok()) return ErrorResponse(stats.status(), request.correlation_id);
  return JsonResponse(200, {{"submitted", stats->submitted},
                            {"skipped", stats->skipped},
                            {"active_time_ms", stats->active_time_ms},
                            {"lead_time_ms", stats->lead_time_ms}});
}

// Reads a non-negative integer field that may be absent (then nullopt); the error names it.
Status ReadMillis(const json& body, const char* name, std::optional<int64_t>* out) {
  const auto it = body.find(name);
  if (it == body.end()) return Status::Ok();
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    return InvalidArgument(std::string(name) + " must be a non-negative integer of milliseconds",
                           name);
  }
  *out = it->get<int64_t>();
  return Status::Ok();
}

// The required "result": an object (each control's answer by its name), as JSON text.
Result<std::string> ReadResult(const json& body) {
  const auto result = body.find("result");
  if (result == body.end() || !result->is_object()) {
    return InvalidArgument("result must be an object: each control's answer by its name", "result");
  }
  return result->dump();
}

// "state", when present: submitted or skipped (drafts have their own route).
Status ReadState(const json& body, std::optional<domain::AnnotationState>* out) {
  const auto state = body.find("state");
  if (state == body.end()) return Status::Ok();
  std::optional<domain::AnnotationState> parsed;
  if (state->is_string()) {
    auto named = domain::ParseAnnotationState(state->get<std::string>());
    if (named.ok() && *named != domain::AnnotationState::kDraft) parsed = *named;
  }
  if (!parsed) {
    return InvalidArgument(
        "state must be submitted or skipped (save work in progress with PUT "
        "/api/v1/tasks/{task}/draft)",
        "state");
  }
  *out = parsed;
  return Status::Ok();
}

// "skip_reason", when present: a string (trimmed and limited by the service).
Status ReadSkipReason(const json& body, std::optional<std::string>* out) {
  const auto reason = body.find("skip_reason");
  if (reason == body.end()) return Status::Ok();
  if (!reason->is_string()) {
    return InvalidArgument("skip_reason must be a string: why you skipped, at most " +
                               std::to_string(domain::kMaxSkipReasonChars) + " characters",
                           "skip_reason");
  }
  *out = reason->get<std::string>();
  return Status::Ok();
}

// "version": a positive integer when `required`, else absent or a non-negative integer (0).
Status ReadVersion(const json& body, bool required, int64_t* out) {
  const auto version = body.find("version");
  if (version == body.end() && !required) return Status::Ok();
  if (version == body.end() || !version->is_number_integer() || version->get<int64_t>() < 0 ||
      (required && version->get<int64_t>() == 0)) {
    return InvalidArgument(
        "send the version you read (an integer), so a concurrent change is not overwritten",
        "version");
  }
  *out = version->get<int64_t>();
  return Status::Ok();
}

Result<service::Submission> SubmissionFromJson(const json& body) {
  CHORUS_RETURN_IF_ERROR(CheckFields(body, {"result", "state", "lead_time_ms", "active_time_ms",
                                            "idempotency_key", "skip_reason", "project_version"}));
  service::Submission submission;
  auto result = ReadResult(body);
  if (!result.ok()) return result.status();
  submission.result = std::move(*result);
  std::optional<domain::AnnotationState> state;
  CHORUS_RETURN_IF_ERROR(ReadState(body, &state));
  submission.state = state.value_or(domain::AnnotationState::kSubmitted);
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "lead_time_ms", &submission.lead_time_ms));
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "active_time_ms", &submission.active_time_ms));
  if (const auto key = body.find("idempotency_key"); key != body.end()) {
    if (!key->is_string()) {
      return InvalidArgument("idempotency_key must be a string (a UUID is a good choice)",
                             "idempotency_key");
    }
    submission.idempotency_key = key->get<std::string>();
  }
  std::optional<std::string> reason;
  CHORUS_RETURN_IF_ERROR(ReadSkipReason(body, &reason));
  submission.skip_reason = reason.value_or("");
  if (const auto version = body.find("project_version"); version != body.end()) {
    if (!version->is_number_integer() || version->get<int64_t>() < 1) {
      return InvalidArgument(
          "project_version must be the version of the project whose label interface you "
          "answered in (a positive integer from GET /api/v1/projects/{project})",
          "project_version");
    }
    submission.project_version = version->get<int64_t>();
  }
  return submission;
}

Result<service::DraftSave> DraftSaveFromJson(const json& body) {
  CHORUS_RETURN_IF_ERROR(
      CheckFields(body, {"result", "lead_time_ms", "active_time_ms", "version"}));
  service::DraftSave save;
  auto result = ReadResult(body);
  if (!result.ok()) return result.status();
  save.result = std::move(*result);
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "lead_time_ms", &save.lead_time_ms));
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "active_time_ms", &save.active_time_ms));
  CHORUS_RETURN_IF_ERROR(ReadVersion(body, /*required=*/false, &save.version));
  return save;
}

Result<service::AnnotationChange> ChangeFromJson(const json& body) {
  CHORUS_RETURN_IF_ERROR(CheckFields(
      body, {"result", "state", "lead_time_ms", "active_time_ms", "skip_reason", "version"}));
  service::AnnotationChange change;
  CHORUS_RETURN_IF_ERROR(ReadVersion(body, /*required=*/true, &change.version));
  auto result = ReadResult(body);
  if (!result.ok()) return result.status();
  change.result = std::move(*result);
  CHORUS_RETURN_IF_ERROR(ReadState(body, &change.state));
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "lead_time_ms", &change.lead_time_ms));
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "active_time_ms", &change.active_time_ms));
  CHORUS_RETURN_IF_ERROR(ReadSkipReason(body, &change.skip_reason));
  return change;
}

HttpResponse Submit(service::LabellingService& labelling, const HttpRequest& request,
                    const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto submission = SubmissionFromJson(*body);
  if (!submission.ok()) return ErrorResponse(submission.status(), request.correlation_id);
  auto submitted = labelling.Submit(principal, *id, std::move(*submission));
  if (!submitted.ok()) {
    return ErrorResponse(submitted.status(), request.correlation_id, submitted.current_version());
  }
  json answer = {{"annotation", LabelJson(submitted->annotation)},
                 {"replayed", submitted->replayed}};
  if (const auto& feedback = submitted->calibration) {
    answer["calibration"] = {{"correct", feedback->correct},
                             {"reference", json::parse(feedback->reference, nullptr, false)},
                             {"rationale", feedback->rationale},
                             {"qualification", QualificationJson(feedback->qualification)}};
  }
  // ?next=1: the task to label next comes with the acknowledgement, saving the annotate page a
  // round trip. The label is stored whatever happens here, so a failure to reserve leaves
  // "next" out (the page then asks POST /projects/{p}/next) instead of failing the request.
  if (request.QueryParam("next") == "1") {
    std::optional<service::WellbeingHold> hold;
    auto next = labelling.Next(principal, submitted->annotation.project_id, &hold);
    if (next.ok()) answer["next"] = NextTaskJson(*next, hold);
  }
  return JsonResponse(submitted->replayed ? 200 : 201, answer);
}

HttpResponse SaveDraft(service::LabellingService& labelling, const HttpRequest& request,
                       const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto save = DraftSaveFromJson(*body);
  if (!save.ok()) return ErrorResponse(save.status(), request.correlation_id);
  auto saved = labelling.SaveDraft(principal, *id, std::move(*save));
  if (!saved.ok()) {
    return ErrorResponse(saved.status(), request.correlation_id, saved.current_version());
  }
  return JsonResponse(saved->version == 1 ? 201 : 200, {{"annotation", LabelJson(*saved)}});
}

HttpResponse GetDraft(service::LabellingService& labelling, const HttpRequest& request,
                      const Principal& principal) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto draft = labelling.GetDraft(principal, *id);
  if (!draft.ok()) return ErrorResponse(draft.status(), request.correlation_id);
  return JsonResponse(200, {{"annotation", LabelJson(*draft)}});
}

HttpResponse UpdateAnnotation(service::LabellingService& labelling, const HttpRequest& request,
                              const Principal& principal) {
  auto id = PathId(request, "annotation");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto change = ChangeFromJson(*body);
  if (!change.ok()) return ErrorResponse(change.status(), request.correlation_id);
  auto updated = labelling.UpdateAnnotation(principal, *id, std::move(*change));
  if (!updated.ok()) {
    return ErrorResponse(updated.status(), request.correlation_id, updated.current_version());
  }
  return JsonResponse(200, {{"annotation", LabelJson(*updated)}});
}

Result<service::ReviewInput> ReviewFromJson(const json& body) {
  CHORUS_RETURN_IF_ERROR(CheckFields(body, {"verdict", "comment", "result"}));
  service::ReviewInput input;
  const auto verdict = body.find("verdict");
  if (verdict == body.end() || !verdict->is_string()) {
    return InvalidArgument("verdict must be accepted, fixed or rejected", "verdict");
  }
  auto parsed = domain::ParseReviewVerdict(verdict->get<std::string>());
  if (!parsed.ok()) return parsed.status();
  input.verdict = *parsed;
  if (const auto comment = body.find("comment"); comment != body.end()) {
    if (!comment->is_string()) return InvalidArgument("comment must be a string", "comment");
    input.comment = comment->get<std::string>();
  }
  if (body.contains("result")) {
    auto result = ReadResult(body);
    if (!result.ok()) return result.status();
    input.result = std::move(*result);
  }
  return input;
}

HttpResponse AddReview(service::LabellingService& labelling, const HttpRequest& request,
                       const Principal& principal) {
  auto id = PathId(request, "annotation");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto input = ReviewFromJson(*body);
  if (!input.ok()) return ErrorResponse(input.status(), request.correlation_id);
  auto review = labelling.AddReview(principal, *id, std::move(*input));
  if (!review.ok()) return ErrorResponse(review.status(), request.correlation_id);
  return JsonResponse(201, {{"review", domain::ToJson(*review)}});
}

HttpResponse ListReviews(service::LabellingService& labelling, const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto reviews = labelling.ListReviews(*id);
  if (!reviews.ok()) return ErrorResponse(reviews.status(), request.correlation_id);
  json items = json::array();
  for (const domain::Review& review : *reviews) items.push_back(domain::ToJson(review));
  return JsonResponse(200, {{"reviews", items}});
}

HttpResponse ListAnnotations(service::LabellingService& labelling, const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto annotations = labelling.ListAnnotations(*id);
  if (!annotations.ok()) return ErrorResponse(annotations.status(), request.correlation_id);
  json items = json::array();
  for (const domain::Annotation& annotation : *annotations) {
    items.push_back(LabelJson(annotation));
  }
  return JsonResponse(200, {{"annotations", items}});
}

}  // namespace

Status AddLabellingRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<service::LabellingService> labelling) {
  using service::ProjectScope;
  const auto scoped = [&](Action action, ProjectScope scope, const char* param,
                          AuthedHandler handler) {
    return ProjectGuard(authenticator, access, action, scope, param, std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/projects/{project}/next",
                                    scoped(Action::kAnnotate, ProjectScope::kProject, "project",
                                           [labelling](const HttpRequest& r, const Principal& who) {
                                             return Next(*labelling, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/projects/{project}/stats/me",
                                    scoped(Action::kAnnotate, ProjectScope::kProject, "project",
                                           [labelling](const HttpRequest& r, const Principal& who) {
                                             return MyStats(*labelling, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/tasks/{task}/annotations",
                                    scoped(Action::kAnnotate, ProjectScope::kTask, "task",
                                           [labelling](const HttpRequest& r, const Principal& who) {
                                             return Submit(*labelling, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("PUT", "/api/v1/tasks/{task}/draft",
                                    scoped(Action::kAnnotate, ProjectScope::kTask, "task",
                                           [labelling](const HttpRequest& r, const Principal& who) {
                                             return SaveDraft(*labelling, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/tasks/{task}/draft",
                                    scoped(Action::kAnnotate, ProjectScope::kTask, "task",
                                           [labelling](const HttpRequest& r, const Principal& who) {
                                             return GetDraft(*labelling, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("PATCH", "/api/v1/annotations/{annotation}",
                 scoped(Action::kAnnotate, ProjectScope::kAnnotation, "annotation",
                        [labelling](const HttpRequest& r, const Principal& who) {
                          return UpdateAnnotation(*labelling, r, who);
                        })));
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/annotations/{annotation}/reviews",
                                    scoped(Action::kReview, ProjectScope::kAnnotation, "annotation",
                                           [labelling](const HttpRequest& r, const Principal& who) {
                                             return AddReview(*labelling, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/tasks/{task}/reviews",
                                    scoped(Action::kReadAnnotations, ProjectScope::kTask, "task",
                                           [labelling](const HttpRequest& r, const Principal&) {
                                             return ListReviews(*labelling, r);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/tasks/{task}/annotations",
                                    scoped(Action::kReadAnnotations, ProjectScope::kTask, "task",
                                           [labelling](const HttpRequest& r, const Principal&) {
                                             return ListAnnotations(*labelling, r);
                                           })));
  return Status::Ok();
}

}  // namespace chorus::server
