#include "server/project_routes.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "domain/task.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/invalid_records.h"
#include "server/job_routes.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

HttpResponse ListProjects(service::ProjectService& projects, const HttpRequest& request,
                          const Principal& principal) {
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto listed = projects.List(principal, *page);
  if (!listed.ok()) return ErrorResponse(listed.status(), request.correlation_id);
  json items = json::array();
  for (const domain::Project& project : listed->items) items.push_back(domain::ToJson(project));
  return JsonResponse(200,
                      {{"projects", items}, {"next_cursor", NextCursor(listed->next_after_id)}});
}

HttpResponse CreateProject(service::ProjectService& projects, const HttpRequest& request,
                           const Principal& principal) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto project = domain::ProjectFromJson(*body);
  if (!project.ok()) return ErrorResponse(project.status(), request.correlation_id);
  auto created = projects.Create(principal, std::move(*project));
  if (!created.ok()) return ErrorResponse(created.status(), request.correlation_id);
  return JsonResponse(201, domain::ToJson(*created));
}

HttpResponse GetProject(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto view = projects.Get(*id);
  if (!view.ok()) return ErrorResponse(view.status(), request.correlation_id);
  json out = domain::ToJson(view->project);
  out["task_count"] = view->task_count;
  return JsonResponse(200, out);
}

HttpResponse UpdateProject(service::ProjectService& projects, const HttpRequest& request,
                           const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  if (!body->is_object() || !body->contains("version")) {
    return ErrorResponse(InvalidArgument("send the version you read, so a concurrent change is "
                                         "not overwritten",
                                         "version"),
                         request.correlation_id);
  }
  auto current = projects.Get(*id);
  if (!current.ok()) return ErrorResponse(current.status(), request.correlation_id);
  json merged = domain::ToJson(current->project);
  for (const auto& [key, value] : body->items()) merged[key] = value;
  auto changed = domain::ProjectFromJson(merged);
  if (!changed.ok()) return ErrorResponse(changed.status(), request.correlation_id);
  changed->id = *id;
  auto updated = projects.Update(principal, *changed);
  if (!updated.ok()) {
    return ErrorResponse(updated.status(), request.correlation_id, updated.current_version());
  }
  return JsonResponse(200, domain::ToJson(*updated));
}

HttpResponse AddGuideline(service::ProjectService& projects, const HttpRequest& request,
                          const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  if (!body->is_object() || !(*body)["markdown"].is_string()) {
    return ErrorResponse(InvalidArgument("send {\"markdown\": \"...\"}", "markdown"),
                         request.correlation_id);
  }
  auto added = projects.AddGuideline(principal, *id, (*body)["markdown"].get<std::string>());
  if (!added.ok()) return ErrorResponse(added.status(), request.correlation_id);
  return JsonResponse(201, domain::ToJson(*added));
}

HttpResponse ListGuidelines(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto guidelines = projects.ListGuidelines(*id);
  if (!guidelines.ok()) return ErrorResponse(guidelines.status(), request.correlation_id);
  json items = json::array();
  for (const domain::Guideline& guideline : *guidelines) items.push_back(domain::ToJson(guideline));
  return JsonResponse(200, {{"guidelines", items}});
}

// Opens the upload from the start: the spooled file, or the body held in memory.
service::SourceOpener UploadOpener(const HttpRequest& request) {
  if (request.body_file) {
    return [file = request.body_file] { return OpenFileSource(file->path()); };
  }
  return [&request]() -> Result<std::unique_ptr<ByteSource>> {
    return MakeStringSource(request.body, "upload");
  };
}

// The answer of both import routes: the summary, or 422 with the record errors.
HttpResponse ImportAnswer(const Result<service::ImportSummary>& summary,
                          const std::string& correlation_id) {
  if (!summary.ok()) return ErrorResponse(summary.status(), correlation_id);
  if (!summary->errors.empty()) return InvalidRecordsResponse(*summary, correlation_id);
  json duplicates = json::array();
  for (const store::DuplicateTask& duplicate : summary->duplicates) {
    duplicates.push_back({{"record", duplicate.index},
                          {"existing_task_id", duplicate.existing_task_id},
                          {"by", duplicate.by_external_id ? "external_id" : "content_hash"}});
  }
  return JsonResponse(200, {{"records", summary->records},
                            {"inserted", summary->inserted},
                            {"duplicates", duplicates},
                            {"duplicate_count", summary->duplicate_count},
                            {"errors", json::array()}});
}

// The upload for a job that outlives the request: the spooled file it shares, or a copy of a
// body held in memory.
service::SourceOpener DetachedUploadOpener(const HttpRequest& request) {
  if (request.body_file) return UploadOpener(request);
  return [body = request.body]() -> Result<std::unique_ptr<ByteSource>> {
    return MakeStringSource(body, "upload");
  };
}

// ?background=true starts a job (202 and its Location) that answers, in its manifest, what
// the request would have answered; without it the answer comes when the import is done.
HttpResponse ImportTasks(service::ProjectService& projects, service::ImportJobs* jobs,
                         const HttpRequest& request, const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto format =
      service::ImportFormatFromContentType(request.headers.Get("Content-Type").value_or(""));
  if (!format.ok()) return ErrorResponse(format.status(), request.correlation_id);
  const std::string background = request.QueryParam("background").value_or("false");
  if (background != "false" && background != "true") {
    return ErrorResponse(InvalidArgument("background is true (import as a job, answer 202 at "
                                         "once) or false (answer when done)",
                                         "background"),
                         request.correlation_id);
  }
  if (background == "false") {
    return ImportAnswer(projects.Import(principal, *id, UploadOpener(request), *format),
                        request.correlation_id);
  }
  if (jobs == nullptr) {
    return ErrorResponse(Status(StatusCode::kDisabled,
                                "this server runs no background imports; upload without "
                                "?background=true",
                                "background"),
                         request.correlation_id);
  }
  auto job = jobs->Start(
      principal, *id, DetachedUploadOpener(request), *format,
      [correlation_id = request.correlation_id](const Result<service::ImportSummary>& summary) {
        HttpResponse answer = ImportAnswer(summary, correlation_id);
        if (!answer.log_note.empty()) {  // What the dispatcher logs for a request.
          std::fprintf(stderr, "chorus serve: request %s background import -> %d: %s\n",
                       correlation_id.c_str(), answer.status, answer.log_note.c_str());
        }
        return answer.body;
      });
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  HttpResponse response = JsonResponse(202, JobJson(*job));
  response.headers.Set("Location", "/api/v1/jobs/" + std::to_string(job->id));
  return response;
}

// {"path": "...", "format": "jsonl"}: a file the server reads itself, only from inside the
// --import-dir directories (core/allowed_roots.h: canonical path, symlinks followed, one 404
// for outside and missing alike).
HttpResponse ImportServerFile(service::ProjectService& projects, const AllowedRoots& roots,
                              const HttpRequest& request, const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  if (roots.empty()) {
    return ErrorResponse(NotFound("this server imports no files of its own; start it with "
                                  "--import-dir DIR to import files from DIR, or upload the "
                                  "file to POST /api/v1/projects/{project}/imports",
                                  "path"),
                         request.correlation_id);
  }
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  if (!body->is_object() || !body->contains("path") || !(*body)["path"].is_string()) {
    return ErrorResponse(InvalidArgument("send {\"path\": \"FILE\"} with FILE relative to an "
                                         "--import-dir directory or absolute inside one",
                                         "path"),
                         request.correlation_id);
  }
  const std::string path = (*body)["path"].get<std::string>();
  std::string format_name;
  if (auto it = body->find("format"); it != body->end() && !it->is_null()) {
    if (!it->is_string()) {
      return ErrorResponse(InvalidArgument("format must be json, jsonl or csv", "format"),
                           request.correlation_id);
    }
    format_name = it->get<std::string>();
    if (format_name.empty()) {
      return ErrorResponse(InvalidArgument("format must be json, jsonl or csv", "format"),
                           request.correlation_id);
    }
  }
  auto resolved = roots.Resolve(path, "path");
  if (!resolved.ok()) return ErrorResponse(resolved.status(), request.correlation_id);
  auto format = service::ImportFormatFromName(format_name, path);
  if (!format.ok()) return ErrorResponse(format.status(), request.correlation_id);
  service::SourceOpener open = [file = resolved->string()] { return OpenFileSource(file); };
  return ImportAnswer(projects.Import(principal, *id, open, *format), request.correlation_id);
}

// {"url": "https://...", "format": "jsonl"}: the file at a public http(s) URL (or one an
// --allow-fetch rule opens), fetched through the outbound guard into the upload's import.
HttpResponse ImportUrl(service::UrlImporter* importer, const HttpRequest& request,
                       const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  if (importer == nullptr) {
    return ErrorResponse(Status(StatusCode::kDisabled, "this server does not fetch URLs"),
                         request.correlation_id);
  }
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  if (!body->is_object() || !body->contains("url") || !(*body)["url"].is_string()) {
    return ErrorResponse(
        InvalidArgument("send {\"url\": \"https://...\"} naming the task file", "url"),
        request.correlation_id);
  }
  std::string format_name;
  if (auto it = body->find("format"); it != body->end() && !it->is_null()) {
    if (!it->is_string() || it->get<std::string>().empty()) {
      return ErrorResponse(InvalidArgument("format must be json, jsonl or csv", "format"),
                           request.correlation_id);
    }
    format_name = it->get<std::string>();
  }
  service::FetchFailure why;
  auto summary =
      importer->Import(principal, *id, (*body)["url"].get<std::string>(), format_name, &why);
  HttpResponse response = ImportAnswer(summary, request.correlation_id);
  if (why.reason != service::FetchFailure::Reason::kNone) {
    response.log_note = std::string("outbound fetch refused (") +
                        service::FetchFailureName(why.reason) + "): " + why.detail;
  }
  return response;
}

// The data browser's query: ?q= (text in the data), labels=any|unlabelled|labelled,
// order=id|-id, offset=N, and the usual cursor and limit.
Result<service::TaskBrowseRequest> BrowseRequestOf(const HttpRequest& request) {
  constexpr size_t kMaxSearchBytes = 200;
  auto page = PageOf(request);
  if (!page.ok()) return page.status();
  service::TaskBrowseRequest browse;
  browse.after_id = page->after_id;
  browse.limit = page->limit;
  browse.contains = request.QueryParam("q").value_or("");
  if (browse.contains.size() > kMaxSearchBytes) {
    return InvalidArgument("search for at most 200 bytes of text", "q");
  }
  const std::string labels = request.QueryParam("labels").value_or("any");
  if (labels == "unlabelled") {
    browse.labels = service::TaskLabelFilter::kUnlabelled;
  } else if (labels == "labelled") {
    browse.labels = service::TaskLabelFilter::kLabelled;
  } else if (labels != "any") {
    return InvalidArgument("labels must be any, unlabelled or labelled", "labels");
  }
  const std::string order = request.QueryParam("order").value_or("id");
  if (order != "id" && order != "-id") {
    return InvalidArgument("order must be id (oldest first) or -id (newest first)", "order");
  }
  browse.newest_first = order == "-id";
  if (auto offset = request.QueryParam("offset"); offset && *offset != "0") {
    auto value = PositiveInt(*offset);
    if (!value) return InvalidArgument("offset must be a whole number of rows to skip", "offset");
    browse.offset = *value;
  }
  return browse;
}

HttpResponse ListTasks(service::ProjectService& projects, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto browse = BrowseRequestOf(request);
  if (!browse.ok()) return ErrorResponse(browse.status(), request.correlation_id);
  auto listed = projects.BrowseTasks(*id, std::move(*browse));
  if (!listed.ok()) return ErrorResponse(listed.status(), request.correlation_id);
  json items = json::array();
  for (const service::TaskSummary& row : listed->items) {
    json task = domain::ToJson(row.task);
    task["label_counts"] = {{"submitted", row.submitted}, {"skipped", row.skipped}};
    items.push_back(std::move(task));
  }
  return JsonResponse(200, {{"tasks", items}, {"next_cursor", NextCursor(listed->next_after_id)}});
}

// The body goes to a private file in `spool_dir`, sent from there and removed by the server
// once opened: memory stays flat however large the project (a body built in memory stayed
// in the allocator's arenas, 1.1 GiB after repeated exports; docs/benchmarks.md).
HttpResponse Export(service::ProjectService& projects, const std::string& spool_dir,
                    const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto format = service::ParseExportFormat(request.QueryParam("format").value_or("jsonl"));
  if (!format.ok()) return ErrorResponse(format.status(), request.correlation_id);
  auto file = projects.ExportToFile(
      *id, *format,
      spool_dir.empty() ? std::filesystem::temp_directory_path().string() : spool_dir);
  if (!file.ok()) return ErrorResponse(file.status(), request.correlation_id);
  HttpResponse response;
  response.body_path = std::move(file->path);
  if (const std::string digest = ReprDigest(file->sha256); !digest.empty()) {
    response.headers.Set("Repr-Digest", digest);
  }
  response.remove_body_file = true;
  response.content_type = service::ExportContentType(*format);
  const char* extension = service::ExportExtension(*format);
  response.headers.Set("Content-Disposition", "attachment; filename=\"project-" +
                                                  std::to_string(*id) + "." + extension + "\"");
  return response;
}

}  // namespace

Status AddProjectRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                        std::shared_ptr<const service::ProjectAccess> access,
                        std::shared_ptr<service::ProjectService> projects,
                        const ProjectRouteOptions& options) {
  const auto guard = [&](Action action, AuthedHandler handler) {
    return Guard(authenticator, action, std::move(handler));
  };
  // The routes under /api/v1/projects/{project}: only for those who reach the project.
  const auto scoped = [&](Action action, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, action, service::ProjectScope::kProject, "project",
                        std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects",
      guard(Action::kListProjects, [projects](const HttpRequest& r, const Principal& who) {
        return ListProjects(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects",
      guard(Action::kManageProjects, [projects](const HttpRequest& r, const Principal& who) {
        return CreateProject(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}",
                 scoped(Action::kListProjects, [projects](const HttpRequest& r, const Principal&) {
                   return GetProject(*projects, r);
                 })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "PATCH", "/api/v1/projects/{project}",
      scoped(Action::kManageProjects, [projects](const HttpRequest& r, const Principal& who) {
        return UpdateProject(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/guidelines",
      scoped(Action::kManageProjects, [projects](const HttpRequest& r, const Principal& who) {
        return AddGuideline(*projects, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}/guidelines",
                 scoped(Action::kListProjects, [projects](const HttpRequest& r, const Principal&) {
                   return ListGuidelines(*projects, r);
                 })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/imports",
      scoped(Action::kImportTasks,
             [projects, jobs = options.import_jobs](const HttpRequest& r, const Principal& who) {
               return ImportTasks(*projects, jobs.get(), r, who);
             }),
      RouteOptions{options.max_import_bytes, /*spool_body=*/true}));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/imports/server-file",
      scoped(Action::kImportServerFiles,
             [projects, roots = options.import_roots](const HttpRequest& r, const Principal& who) {
               return ImportServerFile(*projects, roots, r, who);
             })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/imports/url",
      scoped(Action::kImportTasks,
             [importer = options.url_importer](const HttpRequest& r, const Principal& who) {
               return ImportUrl(importer.get(), r, who);
             })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/projects/{project}/tasks",
                 scoped(Action::kReadTasks, [projects](const HttpRequest& r, const Principal&) {
                   return ListTasks(*projects, r);
                 })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/export",
      scoped(Action::kExport,
             [projects, spool = options.export_spool_dir](const HttpRequest& r, const Principal&) {
               return Export(*projects, spool, r);
             })));
  return Status::Ok();
}

}  // namespace chorus::server
