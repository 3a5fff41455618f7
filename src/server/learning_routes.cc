#include "server/learning_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/job_routes.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

// The body's object, or {} when there is none (every field is optional).
Result<json> OptionalBody(const HttpRequest& request,
                          std::initializer_list<std::string_view> known) {
  if (request.body.empty()) return json::object();
  auto body = ParseJsonBody(request);
  if (!body.ok()) return body.status();
  CHORUS_RETURN_IF_ERROR(CheckFields(*body, known));
  return body;
}

// body[name] as a string, when present.
Status ReadString(const json& body, const char* name, std::string& out) {
  const auto it = body.find(name);
  if (it == body.end()) return Status::Ok();
  if (!it->is_string()) return InvalidArgument("must be a string", name);
  out = it->get<std::string>();
  return Status::Ok();
}

Result<service::ActiveLearningRequest> ActiveRequestOf(const json& body) {
  service::ActiveLearningRequest request;
  std::string strategy = "entropy";
  CHORUS_RETURN_IF_ERROR(ReadString(body, "strategy", strategy));
  auto parsed = quality::ParseStrategy(strategy);
  if (!parsed.ok()) {
    return InvalidArgument(
        "must be least_confidence, margin, entropy, vote_entropy, consensus_kl, density or "
        "random",
        "strategy");
  }
  request.strategy = *parsed;
  if (const auto it = body.find("random_share"); it != body.end()) {
    if (!it->is_number()) return InvalidArgument("must be a number from 0 to 1", "random_share");
    request.random_share = it->get<double>();
  }
  if (const auto it = body.find("seed"); it != body.end()) {
    if (!it->is_number_unsigned()) {
      return InvalidArgument("must be a non-negative integer", "seed");
    }
    request.seed = it->get<uint64_t>();
  }
  if (const auto it = body.find("batch"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer()) return InvalidArgument("must be an integer >= 1", "batch");
    request.batch = it->get<int64_t>();
  }
  CHORUS_RETURN_IF_ERROR(ReadString(body, "text_field", request.text_field));
  CHORUS_RETURN_IF_ERROR(service::ValidateActiveLearningRequest(request));
  return request;
}

HttpResponse StartActiveLearning(service::ActiveQueueService& active, const HttpRequest& request,
                                 const Principal& who) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = OptionalBody(request, {"strategy", "random_share", "seed", "batch", "text_field"});
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto parsed = ActiveRequestOf(*body);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request.correlation_id);
  auto job = active.Start(who, *id, *parsed);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  HttpResponse response = JsonResponse(202, JobJson(*job));
  response.headers.Set("Location", "/api/v1/jobs/" + std::to_string(job->id));
  return response;
}

HttpResponse ListSuspects(service::SuspectLabelsService& suspects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  int64_t limit = 100;
  if (const auto text = request.QueryParam("limit")) {
    const std::optional<int64_t> parsed = PositiveInt(*text);
    if (!parsed || *parsed > service::kMaxSuspectsShown) {
      return ErrorResponse(InvalidArgument("must be an integer from 1 to " +
                                               std::to_string(service::kMaxSuspectsShown),
                                           "limit"),
                           request.correlation_id);
    }
    limit = *parsed;
  }
  auto report = suspects.Find(*id, request.QueryParam("text_field").value_or(""), limit);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  json items = json::array();
  for (const service::Suspect& s : report->suspects) {
    items.push_back({{"task_id", s.task_id},
                     {"given", s.given},
                     {"suggested", s.suggested},
                     {"score", s.score},
                     {"reasons", s.reasons}});
  }
  return JsonResponse(200, {{"control", report->control},
                            {"text_field", report->text_field},
                            {"label_source", report->label_source},
                            {"labelled", report->labelled},
                            {"out_of_fold_accuracy", report->out_of_fold_accuracy},
                            {"estimated_noise", report->estimated_noise},
                            {"total", report->total},
                            {"suspects", std::move(items)}});
}

HttpResponse Relabel(service::SuspectLabelsService& suspects, const HttpRequest& request,
                     const Principal& who) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = OptionalBody(request, {"top", "text_field"});
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  const auto top = body->find("top");
  if (top == body->end() || !top->is_number_integer()) {
    return ErrorResponse(
        InvalidArgument("send {\"top\": N}: how many of the most suspect tasks go to experts",
                        "top"),
        request.correlation_id);
  }
  std::string text_field;
  if (Status read = ReadString(*body, "text_field", text_field); !read.ok()) {
    return ErrorResponse(read, request.correlation_id);
  }
  auto sent = suspects.Relabel(who, *id, text_field, top->get<int64_t>());
  if (!sent.ok()) return ErrorResponse(sent.status(), request.correlation_id);
  return JsonResponse(200, {{"sent", sent->sent}, {"not_reopened", sent->not_reopened}});
}

}  // namespace

Status AddLearningRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                         std::shared_ptr<const service::ProjectAccess> access,
                         std::shared_ptr<service::ActiveQueueService> active,
                         std::shared_ptr<service::SuspectLabelsService> suspects) {
  using service::ProjectScope;
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/active-learning",
      ProjectGuard(authenticator, access, Action::kManageProjects, ProjectScope::kProject,
                   "project", [active](const HttpRequest& r, const Principal& who) {
                     return StartActiveLearning(*active, r, who);
                   })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}/suspects",
                 ProjectGuard(authenticator, access, Action::kReview, ProjectScope::kProject,
                              "project", [suspects](const HttpRequest& r, const Principal&) {
                                return ListSuspects(*suspects, r);
                              })));
  return router.Add(
      "POST", "/api/v1/projects/{project}/suspects/relabel",
      ProjectGuard(authenticator, access, Action::kManageProjects, ProjectScope::kProject,
                   "project", [suspects](const HttpRequest& r, const Principal& who) {
                     return Relabel(*suspects, r, who);
                   }));
}

}  // namespace chorus::server
