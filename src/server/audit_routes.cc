#include "server/audit_routes.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using service::Action;
using service::AuditService;
using service::Principal;

// Query parameter `name` as an id (1..2^63-1), absent when not sent; kInvalidArgument otherwise.
Status OptionalId(const HttpRequest& request, const char* name, std::optional<int64_t>* out) {
  const auto text = request.QueryParam(name);
  if (!text) return Status::Ok();
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1) {
    return InvalidArgument("must be a positive integer id", name);
  }
  *out = value;
  return Status::Ok();
}

// The filters, allow-listed (catalogue 64): any other parameter is refused, not ignored, so a
// misspelt filter cannot silently widen the answer.
Result<service::AuditFilter> AuditFilterOf(const HttpRequest& request) {
  for (const auto& [name, value] : request.query) {
    if (name != "entity" && name != "entity_id" && name != "actor_id" && name != "cursor" &&
        name != "limit") {
      return InvalidArgument(
          "unknown parameter; filter with entity, entity_id and actor_id, page with cursor and "
          "limit",
          name.substr(0, 100));
    }
  }
  service::AuditFilter filter;
  if (auto entity = request.QueryParam("entity")) {
    if (entity->empty() || entity->size() > 100) {
      return InvalidArgument("must be 1 to 100 bytes, e.g. user, project, invitation", "entity");
    }
    filter.entity = std::move(*entity);
  }
  CHORUS_RETURN_IF_ERROR(OptionalId(request, "entity_id", &filter.entity_id));
  CHORUS_RETURN_IF_ERROR(OptionalId(request, "actor_id", &filter.actor_id));
  if (filter.entity_id && !filter.entity) {
    return InvalidArgument("give entity too (ids are numbered per kind of entity)", "entity_id");
  }
  return filter;
}

HttpResponse ListEvents(AuditService& audit, const HttpRequest& request, const Principal& who) {
  auto filter = AuditFilterOf(request);
  if (!filter.ok()) return ErrorResponse(filter.status(), request.correlation_id);
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto events = audit.List(who, *filter, *page);
  if (!events.ok()) return ErrorResponse(events.status(), request.correlation_id);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& event : events->items) list.push_back(domain::ToJson(event));
  return JsonResponse(
      200, {{"events", std::move(list)}, {"next_cursor", NextCursor(events->next_after_id)}});
}

}  // namespace

Status AddAuditRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                      std::shared_ptr<AuditService> audit) {
  return router.Add("GET", "/api/v1/audit",
                    Guard(authenticator, Action::kReadAudit,
                          [audit](const HttpRequest& request, const Principal& who) {
                            return ListEvents(*audit, request, who);
                          }));
}

}  // namespace chorus::server
