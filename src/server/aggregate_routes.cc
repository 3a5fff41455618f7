#include "server/aggregate_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/csv_writer.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/job_routes.h"
#include "server/json_body.h"
#include "server/request_params.h"
#include "service/aggregate_columns.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

// Appends `fields`, each preceded by a comma, to a record whose '\n' is not written yet.
template <typename Fields>
void AppendAggregateFields(std::string& out, const Fields& fields) {
  for (const auto& field : fields) {
    out.push_back(',');
    AppendCsvField(out, field);
  }
}

HttpResponse StartAggregation(service::AggregationService& aggregation, const HttpRequest& request,
                              const Principal& principal) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  std::string method_name = "ds";
  if (!request.body.empty()) {
    auto body = ParseJsonBody(request);
    if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
    if (!body->is_object()) {
      return ErrorResponse(
          InvalidArgument("send a JSON object such as {\"method\": \"ds\"}", "body"),
          request.correlation_id);
    }
    for (const auto& [key, value] : body->items()) {
      if (key != "method" || !value.is_string()) {
        return ErrorResponse(
            InvalidArgument(
                "the only field is method: \"ds\", \"mv\", \"wmv\", \"wawa\", \"onecoin\", "
                "\"glad\" or \"mace\"",
                key),
            request.correlation_id);
      }
      method_name = value.get<std::string>();
    }
  }
  auto method = quality::ParseTruthMethod(method_name);
  if (!method.ok()) {
    return ErrorResponse(
        InvalidArgument("must be ds, mv, wmv, wawa, onecoin, glad or mace", "method"),
        request.correlation_id);
  }
  auto job = aggregation.Start(principal, *id, *method);
  if (!job.ok()) return ErrorResponse(job.status(), request.correlation_id);
  HttpResponse response = JsonResponse(202, JobJson(*job));
  response.headers.Set("Location", "/api/v1/jobs/" + std::to_string(job->id));
  return response;
}

std::string AggregatesCsv(service::AggregationService& aggregation, int64_t project_id,
                          Status& status) {
  std::string out = "task_id,control";
  AppendAggregateFields(out, service::kAggregateCsvColumns);
  out += ",computed_at\n";
  store::PageRequest page{.after_id = 0, .limit = 5000};
  while (true) {
    auto got = aggregation.ForProject(project_id, page);
    if (!got.ok()) {
      status = got.status();
      return {};
    }
    for (const domain::TaskAggregate& a : got->items) {
      AppendCsvField(out, std::to_string(a.task_id));
      out.push_back(',');
      AppendCsvField(out, a.control);
      AppendAggregateFields(out, service::AggregateCsvFields(&a));
      out += "," + std::to_string(a.computed_at) + "\n";
    }
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  return out;
}

HttpResponse ListAggregates(service::AggregationService& aggregation, const HttpRequest& request) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  const std::string format = request.QueryParam("format").value_or("json");
  if (format == "csv") {
    Status status = Status::Ok();
    std::string body = AggregatesCsv(aggregation, *id, status);
    if (!status.ok()) return ErrorResponse(status, request.correlation_id);
    HttpResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.headers.Set("Content-Disposition", "attachment; filename=\"aggregates-project-" +
                                                    std::to_string(*id) + ".csv\"");
    response.body = std::move(body);
    return response;
  }
  if (format != "json") {
    return ErrorResponse(InvalidArgument("must be json or csv", "format"), request.correlation_id);
  }
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto got = aggregation.ForProject(*id, *page);
  if (!got.ok()) return ErrorResponse(got.status(), request.correlation_id);
  json items = json::array();
  for (const domain::TaskAggregate& a : got->items) items.push_back(domain::ToJson(a));
  return JsonResponse(
      200, {{"aggregates", std::move(items)}, {"next_cursor", NextCursor(got->next_after_id)}});
}

HttpResponse GetTaskAggregate(service::AggregationService& aggregation,
                              const HttpRequest& request) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto got = aggregation.ForTask(*id);
  if (!got.ok()) return ErrorResponse(got.status(), request.correlation_id);
  return JsonResponse(200, domain::ToJson(*got));
}

}  // namespace

Status AddAggregateRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                          std::shared_ptr<const service::ProjectAccess> access,
                          std::shared_ptr<service::AggregationService> aggregation) {
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/projects/{project}/aggregates",
      ProjectGuard(authenticator, access, Action::kManageProjects, service::ProjectScope::kProject,
                   "project", [aggregation](const HttpRequest& r, const Principal& who) {
                     return StartAggregation(*aggregation, r, who);
                   })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/projects/{project}/aggregates",
      ProjectGuard(authenticator, access, Action::kManageGold, service::ProjectScope::kProject,
                   "project", [aggregation](const HttpRequest& r, const Principal&) {
                     return ListAggregates(*aggregation, r);
                   })));
  return router.Add(
      "GET", "/api/v1/tasks/{task}/aggregate",
      ProjectGuard(authenticator, access, Action::kManageGold, service::ProjectScope::kTask,
                   "task", [aggregation](const HttpRequest& r, const Principal&) {
                     return GetTaskAggregate(*aggregation, r);
                   }));
}

}  // namespace chorus::server
