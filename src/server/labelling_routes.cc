#include "server/labelling_routes.h"

#include <nlohmann/json.hpp>

#include "domain/annotation.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

HttpResponse Next(service::LabellingService& labelling, const HttpRequest& request,
                  const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto next = labelling.Next(principal, *id);
  if (!next.ok()) return ErrorResponse(next.status(), request.correlation_id);
  if (!next->has_value()) {
    HttpResponse none;
    none.status = 204;
    return none;
  }
  return JsonResponse(
      200, {{"task", domain::ToJson((*next)->task)}, {"expires_at", (*next)->expires_at}});
}

// Reads an integer field that may be absent (then 0); the error names it.
Status ReadMillis(const json& body, const char* name, int64_t* out) {
  const auto it = body.find(name);
  if (it == body.end()) return Status::Ok();
  if (!it->is_number_integer() || it->get<int64_t>() < 0) {
    return InvalidArgument(std::string(name) + " must be a non-negative integer of milliseconds",
                           name);
  }
  *out = it->get<int64_t>();
  return Status::Ok();
}

Result<service::Submission> SubmissionFromJson(const json& body) {
  if (!body.is_object()) return InvalidArgument("send a JSON object", "body");
  for (const auto& [key, value] : body.items()) {
    if (key != "result" && key != "state" && key != "lead_time_ms" && key != "active_time_ms" &&
        key != "idempotency_key") {
      return InvalidArgument("unknown field \"" + key +
                                 "\"; send result, state, lead_time_ms, active_time_ms and "
                                 "idempotency_key",
                             key);
    }
  }
  service::Submission submission;
  const auto result = body.find("result");
  if (result == body.end() || !result->is_object()) {
    return InvalidArgument("result must be an object: each control's answer by its name", "result");
  }
  submission.result = result->dump();
  if (const auto state = body.find("state"); state != body.end()) {
    if (!state->is_string()) return InvalidArgument("state must be submitted or skipped", "state");
    auto parsed = domain::ParseAnnotationState(state->get<std::string>());
    if (!parsed.ok()) return InvalidArgument("state must be submitted or skipped", "state");
    submission.state = *parsed;
  }
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "lead_time_ms", &submission.lead_time_ms));
  CHORUS_RETURN_IF_ERROR(ReadMillis(body, "active_time_ms", &submission.active_time_ms));
  if (const auto key = body.find("idempotency_key"); key != body.end()) {
    if (!key->is_string()) {
      return InvalidArgument("idempotency_key must be a string (a UUID is a good choice)",
                             "idempotency_key");
    }
    submission.idempotency_key = key->get<std::string>();
  }
  return submission;
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
  return JsonResponse(
      submitted->replayed ? 200 : 201,
      {{"annotation", domain::ToJson(submitted->annotation)}, {"replayed", submitted->replayed}});
}

HttpResponse ListAnnotations(service::LabellingService& labelling, const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto annotations = labelling.ListAnnotations(*id);
  if (!annotations.ok()) return ErrorResponse(annotations.status(), request.correlation_id);
  json items = json::array();
  for (const domain::Annotation& annotation : *annotations) {
    items.push_back(domain::ToJson(annotation));
  }
  return JsonResponse(200, {{"annotations", items}});
}

}  // namespace

Status AddLabellingRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<service::LabellingService> labelling) {
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/projects/{project}/next",
                                    Guard(authenticator, Action::kAnnotate,
                                          [labelling](const HttpRequest& r, const Principal& who) {
                                            return Next(*labelling, r, who);
                                          })));
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/tasks/{task}/annotations",
                                    Guard(authenticator, Action::kAnnotate,
                                          [labelling](const HttpRequest& r, const Principal& who) {
                                            return Submit(*labelling, r, who);
                                          })));
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/tasks/{task}/annotations",
                                    Guard(authenticator, Action::kReadAnnotations,
                                          [labelling](const HttpRequest& r, const Principal&) {
                                            return ListAnnotations(*labelling, r);
                                          })));
  return Status::Ok();
}

}  // namespace chorus::server
