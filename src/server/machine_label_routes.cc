#include "server/machine_label_routes.h"

#include <cmath>
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

json NumberOrNull(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json IntervalOrNull(const std::optional<quality::Interval>& interval) {
  if (!interval) return nullptr;
  return {{"low", interval->low}, {"high", interval->high}};
}

// A number field of `body`, or kInvalidArgument naming it.
Status ReadNumber(const json& body, const char* name, double& out) {
  const auto found = body.find(name);
  if (found == body.end()) return Status::Ok();
  if (!found->is_number()) return InvalidArgument("must be a number", name);
  out = found->get<double>();
  return Status::Ok();
}

Result<service::AutoLabelRequest> AutoLabelRequestOf(const HttpRequest& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return body.status();
  CHORUS_RETURN_IF_ERROR(
      CheckFields(*body, {"model_version", "target_accuracy", "confidence", "apply"}));
  service::AutoLabelRequest out;
  const auto version = body->find("model_version");
  if (version == body->end() || !version->is_string()) {
    return InvalidArgument("name the model version, e.g. \"sentiment-v3\"", "model_version");
  }
  out.model_version = version->get<std::string>();
  CHORUS_RETURN_IF_ERROR(ReadNumber(*body, "target_accuracy", out.target_accuracy));
  CHORUS_RETURN_IF_ERROR(ReadNumber(*body, "confidence", out.confidence));
  if (const auto apply = body->find("apply"); apply != body->end()) {
    if (!apply->is_boolean()) return InvalidArgument("must be true or false", "apply");
    out.apply = apply->get<bool>();
  }
  return out;
}

json AutoLabelJson(const service::AutoLabelReport& r) {
  return {{"model_version", r.model_version},
          {"control", r.control},
          {"target_accuracy", r.target_accuracy},
          {"confidence", r.confidence},
          {"threshold", NumberOrNull(r.threshold)},
          {"calibration_items", r.calibration_items},
          {"calibration_gold", r.calibration_gold},
          {"calibration_blind", r.calibration_items - r.calibration_gold},
          {"calibration_above", r.calibration_above},
          {"calibration_correct_above", r.calibration_correct_above},
          {"estimated_accuracy", NumberOrNull(r.estimated_accuracy)},
          {"wilson95", IntervalOrNull(r.wilson95)},
          {"lower_bound", r.lower_bound},
          {"open_tasks", r.open_tasks},
          {"eligible", r.eligible},
          {"share", NumberOrNull(r.share)},
          {"applied", r.applied},
          {"auto_labelled", r.labelled},
          {"summary", r.summary}};
}

HttpResponse AutoLabel(service::AutoLabelling& service, const HttpRequest& request,
                       const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto parsed = AutoLabelRequestOf(request);
  if (!parsed.ok()) return ErrorResponse(parsed.status(), request.correlation_id);
  auto report = service.Run(principal, *id, *parsed);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  return JsonResponse(200, AutoLabelJson(*report));
}

json ValidationJson(const service::ValidationReport& r) {
  json sources = json::array();
  for (const service::SourceValidation& s : r.sources) {
    sources.push_back({{"source", s.source},
                       {s.source == "rule" ? "rule_set" : "model_version", s.origin},
                       {"labels", s.labels},
                       {"compared", s.compared},
                       {"correct", s.correct},
                       {"accuracy", NumberOrNull(s.accuracy)},
                       {"wilson95", IntervalOrNull(s.wilson95)},
                       {"confusion", s.confusion},
                       {"fit_to_train", s.fit_to_train},
                       {"verdict", s.verdict}});
  }
  return {{"control", r.control},
          {"options", r.options},
          {"min_accuracy", r.min_accuracy},
          {"human_tasks", r.human_tasks},
          {"sources", std::move(sources)}};
}

HttpResponse Validation(service::MachineLabelReports& reports, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  double min_accuracy = service::kDefaultMinTrainAccuracy;
  if (auto text = request.QueryParam("min_accuracy")) {
    char* end = nullptr;
    const std::string value(*text);
    min_accuracy = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(min_accuracy)) {
      return ErrorResponse(InvalidArgument("must be a number between 0 and 1", "min_accuracy"),
                           request.correlation_id);
    }
  }
  auto report = reports.Validate(*id, min_accuracy);
  if (!report.ok()) return ErrorResponse(report.status(), request.correlation_id);
  return JsonResponse(200, ValidationJson(*report));
}

HttpResponse ListMachineLabels(service::MachineLabelReports& reports, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  std::optional<domain::AnnotationSource> source;
  if (auto name = request.QueryParam("source")) {
    if (*name == "model") {
      source = domain::AnnotationSource::kModel;
    } else if (*name == "rule") {
      source = domain::AnnotationSource::kRule;
    } else {
      return ErrorResponse(InvalidArgument("must be model or rule", "source"),
                           request.correlation_id);
    }
  }
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto labels = reports.List(*id, source, *page);
  if (!labels.ok()) return ErrorResponse(labels.status(), request.correlation_id);
  json items = json::array();
  for (const domain::MachineLabel& m : labels->items) items.push_back(domain::ToJson(m));
  return JsonResponse(200, {{"items", std::move(items)},
                            {"next_cursor", NextCursor(labels->next_after_id)}});
}

HttpResponse GetFunctions(service::WeakLabelling& weak, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto stored = weak.Functions(*id);
  if (!stored.ok()) return ErrorResponse(stored.status(), request.correlation_id);
  if (stored->first.empty()) {
    return ErrorResponse(NotFound("the project has no labelling functions yet; PUT some",
                                  "functions"),
                         request.correlation_id);
  }
  json body = json::parse(stored->first);
  body["updated_at"] = stored->second;
  return JsonResponse(200, body);
}

HttpResponse PutFunctions(service::WeakLabelling& weak, const HttpRequest& request,
                          const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);  // Size and depth limits, and a JSON error naming body.
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto stored = weak.PutFunctions(principal, *id, body->dump());
  if (!stored.ok()) return ErrorResponse(stored.status(), request.correlation_id);
  return JsonResponse(200, json::parse(*stored));
}

HttpResponse DeleteFunctions(service::WeakLabelling& weak, const HttpRequest& request,
                             const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  if (Status removed = weak.DeleteFunctions(principal, *id); !removed.ok()) {
    return ErrorResponse(removed, request.correlation_id);
  }
  HttpResponse none;
  none.status = 204;
  return none;
}

HttpResponse StartWeakLabels(service::WeakLabelling& weak, const HttpRequest& request,
                             const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  service::WeakLabelRequest parsed;
  if (!request.body.empty()) {
    auto body = ParseJsonBody(request);
    if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
    if (Status s = CheckFields(*body, {"text_field", "rule_set"}); !s.ok()) {
      return ErrorResponse(s, request.correlation_id);
    }
    for (const char* name : {"text_field", "rule_set"}) {
      const auto found = body->find(name);
      if (found == body->end()) continue;
      if (!found->is_string()) {
        return ErrorResponse(InvalidArgument("must be a string", name), request.correlation_id);
      }
      (std::string(name) == "text_field" ? parsed.text_field : parsed.rule_set) =
          found->get<std::string>();
    }
  }
  auto job = weak.Start(principal, *id, parsed);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  HttpResponse response = JsonResponse(202, JobJson(*job));
  response.headers.Set("Location", "/api/v1/jobs/" + std::to_string(job->id));
  return response;
}

}  // namespace

Status AddMachineLabelRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                             std::shared_ptr<const service::ProjectAccess> access,
                             std::shared_ptr<service::AutoLabelling> auto_labelling,
                             std::shared_ptr<service::WeakLabelling> weak,
                             std::shared_ptr<service::MachineLabelReports> reports) {
  const auto guard = [&](Action action, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, action, service::ProjectScope::kProject, "project",
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/auto-label",
      guard(Action::kManageGold, [auto_labelling](const HttpRequest& r, const Principal& who) {
        return AutoLabel(*auto_labelling, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/machine-labels",
      guard(Action::kManageProjects, [reports](const HttpRequest& r, const Principal&) {
        return ListMachineLabels(*reports, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/machine-labels/validation",
      guard(Action::kManageGold, [reports](const HttpRequest& r, const Principal&) {
        return Validation(*reports, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/labelling-functions",
      guard(Action::kManageProjects,
            [weak](const HttpRequest& r, const Principal&) { return GetFunctions(*weak, r); })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PUT", "/api/v1/projects/{project}/labelling-functions",
      guard(Action::kManageProjects, [weak](const HttpRequest& r, const Principal& who) {
        return PutFunctions(*weak, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "DELETE", "/api/v1/projects/{project}/labelling-functions",
      guard(Action::kManageProjects, [weak](const HttpRequest& r, const Principal& who) {
        return DeleteFunctions(*weak, r, who);
      })));
  return router.Add(
      "POST", "/api/v1/projects/{project}/weak-labels",
      guard(Action::kManageProjects, [weak](const HttpRequest& r, const Principal& who) {
        return StartWeakLabels(*weak, r, who);
      }));
}

}  // namespace chorus::server
