#include "server/project_routes.h"

#include <nlohmann/json.hpp>

#include "domain/task.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

HttpResponse Fail(const Status& status, const HttpRequest& request) {
  return ErrorResponse(status, request.correlation_id);
}

HttpResponse ListProjects(service::ProjectService& projects, const HttpRequest& request) {
  auto page = PageOf(request);
  if (!page.ok()) return Fail(page.status(), request);
  auto listed = projects.List(*page);
  if (!listed.ok()) return Fail(listed.status(), request);
  json items = json::array();
  for (const domain::Project& project : listed->items) items.push_back(domain::ToJson(project));
  return JsonResponse(200, {{"projects", items}, {"next_cursor", NextCursor(listed->next_after_id)}});
}

HttpResponse CreateProject(service::ProjectService& projects, const HttpRequest& request,
                           const Principal& principal) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Fail(body.status(), request);
  auto project = domain::ProjectFromJson(*body);
  if (!project.ok()) return Fail(project.status(), request);
  auto created = projects.Create(principal, std::move(*project));
  if (!created.ok()) return Fail(created.status(), request);
  return JsonResponse(201, domain::ToJson(*created));
}

HttpResponse GetProject(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto view = projects.Get(*id);
  if (!view.ok()) return Fail(view.status(), request);
  json out = domain::ToJson(view->project);
  out["task_count"] = view->task_count;
  return JsonResponse(200, out);
}

HttpResponse UpdateProject(service::ProjectService& projects, const HttpRequest& request,
                           const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Fail(body.status(), request);
  if (!body->is_object() || !body->contains("version")) {
    return Fail(InvalidArgument("send the version you read, so a concurrent change is not "
                                "overwritten",
                                "version"),
                request);
  }
  auto current = projects.Get(*id);
  if (!current.ok()) return Fail(current.status(), request);
  json merged = domain::ToJson(current->project);
  for (const auto& [key, value] : body->items()) merged[key] = value;
  auto changed = domain::ProjectFromJson(merged);
  if (!changed.ok()) return Fail(changed.status(), request);
  changed->id = *id;
  auto updated = projects.Update(principal, *changed);
  if (!updated.ok()) {
    HttpResponse response = Fail(updated.status(), request);
    if (updated.current_version() > 0) {
      json error = json::parse(response.body);
      error["error"]["current_version"] = updated.current_version();
      response.body = error.dump();
    }
    return response;
  }
  return JsonResponse(200, domain::ToJson(*updated));
}

HttpResponse AddGuideline(service::ProjectService& projects, const HttpRequest& request,
                          const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Fail(body.status(), request);
  if (!body->is_object() || !(*body)["markdown"].is_string()) {
    return Fail(InvalidArgument("send {\"markdown\": \"...\"}", "markdown"), request);
  }
  auto added = projects.AddGuideline(principal, *id, (*body)["markdown"].get<std::string>());
  if (!added.ok()) return Fail(added.status(), request);
  return JsonResponse(201, domain::ToJson(*added));
}

HttpResponse ListGuidelines(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto guidelines = projects.ListGuidelines(*id);
  if (!guidelines.ok()) return Fail(guidelines.status(), request);
  json items = json::array();
  for (const domain::Guideline& guideline : *guidelines) items.push_back(domain::ToJson(guideline));
  return JsonResponse(200, {{"guidelines", items}});
}

HttpResponse ImportTasks(service::ProjectService& projects, const HttpRequest& request,
                         const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto format = service::ImportFormatFromContentType(request.headers.Get("Content-Type").value_or(""));
  if (!format.ok()) return Fail(format.status(), request);
  if (Status found = projects.Get(*id).status(); !found.ok()) return Fail(found, request);
  service::ParsedTasks parsed = service::ParseTaskRecords(request.body, *format);
  if (!parsed.errors.empty()) {
    HttpResponse response = MakeErrorResponse(
        422, "invalid_records",
        "some records are invalid, so nothing was imported; fix the records listed in errors "
        "and upload the file again",
        "body", request.correlation_id);
    json body = json::parse(response.body);
    json errors = json::array();
    for (const service::RecordError& error : parsed.errors) {
      errors.push_back({{"record", error.record},
                        {"line", error.line == 0 ? json(nullptr) : json(error.line)},
                        {"field", error.field},
                        {"message", error.message}});
    }
    body["errors"] = errors;
    body["more_errors"] = parsed.more_errors;
    response.body = body.dump();
    return response;
  }
  auto summary = projects.Import(principal, *id, std::move(parsed.tasks));
  if (!summary.ok()) return Fail(summary.status(), request);
  json duplicates = json::array();
  for (const store::DuplicateTask& duplicate : summary->duplicates) {
    duplicates.push_back({{"record", duplicate.index},
                          {"existing_task_id", duplicate.existing_task_id},
                          {"by", duplicate.by_external_id ? "external_id" : "content_hash"}});
  }
  return JsonResponse(200, {{"records", summary->records},
                            {"inserted", summary->inserted},
                            {"duplicates", duplicates},
                            {"errors", json::array()}});
}

HttpResponse ListTasks(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto page = PageOf(request);
  if (!page.ok()) return Fail(page.status(), request);
  auto listed = projects.ListTasks(*id, *page);
  if (!listed.ok()) return Fail(listed.status(), request);
  json items = json::array();
  for (const domain::Task& task : listed->items) items.push_back(domain::ToJson(task));
  return JsonResponse(200, {{"tasks", items}, {"next_cursor", NextCursor(listed->next_after_id)}});
}

HttpResponse Export(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return Fail(id.status(), request);
  auto format = service::ParseExportFormat(request.QueryParam("format").value_or("jsonl"));
  if (!format.ok()) return Fail(format.status(), request);
  HttpResponse response;
  const Status exported =
      projects.Export(*id, *format, [&](std::string_view piece) { response.body.append(piece); });
  if (!exported.ok()) return Fail(exported, request);
  response.content_type = service::ExportContentType(*format);
  const char* extension = *format == service::ExportFormat::kCsv    ? "csv"
                          : *format == service::ExportFormat::kJson ? "json"
                                                                    : "jsonl";
  response.headers.Set("Content-Disposition", "attachment; filename=\"project-" +
                                                  std::to_string(*id) + "." + extension + "\"");
  return response;
}

}  // namespace

Status AddProjectRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                        std::shared_ptr<service::ProjectService> projects,
                        const ProjectRouteOptions& options) {
  const auto guard = [&](Action action, AuthedHandler handler) {
    return Guard(authenticator, action, std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects",
      guard(Action::kListProjects, [projects](const HttpRequest& r, const Principal&) {
        return ListProjects(*projects, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects",
      guard(Action::kManageProjects, [projects](const HttpRequest& r, const Principal& who) {
        return CreateProject(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}",
      guard(Action::kListProjects, [projects](const HttpRequest& r, const Principal&) {
        return GetProject(*projects, r);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PATCH", "/api/v1/projects/{project}",
      guard(Action::kManageProjects, [projects](const HttpRequest& r, const Principal& who) {
        return UpdateProject(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/guidelines",
      guard(Action::kManageProjects, [projects](const HttpRequest& r, const Principal& who) {
        return AddGuideline(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/guidelines",
      guard(Action::kListProjects,
            [projects](const HttpRequest& r, const Principal&) {
              return ListGuidelines(*projects, r);
            })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/imports",
      guard(Action::kImportTasks,
            [projects](const HttpRequest& r, const Principal& who) {
              return ImportTasks(*projects, r, who);
            }),
      RouteOptions{options.max_import_bytes}));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/tasks",
      guard(Action::kReadTasks,
            [projects](const HttpRequest& r, const Principal&) { return ListTasks(*projects, r); })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/export",
      guard(Action::kExport,
            [projects](const HttpRequest& r, const Principal&) { return Export(*projects, r); })));
  return Status::Ok();
}

}  // namespace chorus::server
