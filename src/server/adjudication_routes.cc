#include "server/adjudication_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "domain/json_fields.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using nlohmann::json;
using service::Action;
using service::Principal;

Result<store::AdjudicationFilter> AdjudicationFilterOf(const HttpRequest& request) {
  const std::optional<std::string> state = request.QueryParam("state");
  if (!state || *state == "open") return store::AdjudicationFilter::kOpen;
  if (*state == "decided") return store::AdjudicationFilter::kDecided;
  return InvalidArgument("must be open or decided", "state");
}

HttpResponse ListQueue(service::AdjudicationService& service, const HttpRequest& request,
                       const Principal& who) {
  auto id = PathId(request, "project");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto filter = AdjudicationFilterOf(request);
  if (!filter.ok()) return ErrorResponse(filter.status(), request.correlation_id);
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto queue = service.Queue(who, *id, *filter, *page);
  if (!queue.ok()) return ErrorResponse(queue.status(), request.correlation_id);
  json items = json::array();
  for (const service::AdjudicationListing& listing : queue->page.items) {
    json item = domain::ToJson(listing.adjudication);
    item["task"] = domain::ToJson(listing.task);
    item["labelled_by_you"] = listing.labelled_by_you;
    items.push_back(std::move(item));
  }
  return JsonResponse(200, {{"adjudications", items},
                            {"open", queue->open},
                            {"next_cursor", NextCursor(queue->page.next_after_id)}});
}

HttpResponse GetItem(service::AdjudicationService& service, const HttpRequest& request,
                     const Principal& who) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto item = service.Item(who, *id);
  if (!item.ok()) return ErrorResponse(item.status(), request.correlation_id);
  json labels = json::array();
  for (const service::AnonymousLabel& label : item->labels) {
    labels.push_back(
        {{"annotator", label.annotator}, {"result", domain::JsonFromText(label.result)}});
  }
  json distribution = json::array();
  for (const service::ChoiceDistribution& d : item->distribution) {
    json options = json::array();
    for (const auto& [option, count] : d.options) {
      options.push_back({{"option", option}, {"count", count}});
    }
    distribution.push_back({{"control", d.control},
                            {"options", options},
                            {"unanswered", d.unanswered},
                            {"ambiguous", d.ambiguous}});
  }
  return JsonResponse(200, {{"adjudication", domain::ToJson(item->adjudication)},
                            {"task", domain::ToJson(item->task)},
                            {"labels", labels},
                            {"distribution", distribution},
                            {"may_decide", item->may_decide}});
}

HttpResponse Decide(service::AdjudicationService& service, const HttpRequest& request,
                    const Principal& who) {
  auto id = PathId(request, "task");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  if (Status known = CheckFields(*body, {"result", "rationale"}); !known.ok()) {
    return ErrorResponse(known, request.correlation_id);
  }
  // Left for the service to refuse (naming the field) after it has checked who is asking.
  const auto result = body->find("result");
  const auto rationale = body->find("rationale");
  std::string result_text = result != body->end() && result->is_object() ? result->dump() : "";
  std::string rationale_text =
      rationale != body->end() && rationale->is_string() ? rationale->get<std::string>() : "";
  auto decided = service.Decide(who, *id, std::move(result_text), std::move(rationale_text));
  if (!decided.ok()) return ErrorResponse(decided.status(), request.correlation_id);
  return JsonResponse(201, {{"adjudication", domain::ToJson(*decided)}});
}

}  // namespace

Status AddAdjudicationRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                             std::shared_ptr<const service::ProjectAccess> access,
                             std::shared_ptr<service::AdjudicationService> adjudication) {
  using service::ProjectScope;
  const auto scoped = [&](ProjectScope scope, const char* param, AuthedHandler handler) {
    return ProjectGuard(authenticator, access, Action::kAdjudicate, scope, param,
                        std::move(handler));
  };
  const auto service = adjudication;
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/projects/{project}/adjudications",
                                    scoped(ProjectScope::kProject, "project",
                                           [service](const HttpRequest& r, const Principal& who) {
                                             return ListQueue(*service, r, who);
                                           })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/tasks/{task}/adjudication",
      scoped(ProjectScope::kTask, "task", [service](const HttpRequest& r, const Principal& who) {
        return GetItem(*service, r, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/tasks/{task}/adjudication",
      scoped(ProjectScope::kTask, "task", [service](const HttpRequest& r, const Principal& who) {
        return Decide(*service, r, who);
      })));
  return Status::Ok();
}

}  // namespace chorus::server
