#include "server/member_routes.h"

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
using service::MembershipService;
using service::Principal;

constexpr uint64_t kMemberBodyBytes = 4 * 1024;  // {"user_id": N}.

json MemberJson(const service::MemberView& view) {
  json out = domain::ToJson(view.member);
  out["user"] = {{"id", view.user.id},
                 {"email", view.user.email},
                 {"display_name", view.user.display_name},
                 {"role", domain::RoleName(view.user.role)},
                 {"disabled", view.user.disabled}};
  return out;
}

HttpResponse List(MembershipService& members, const HttpRequest& request, const Principal& who) {
  auto project = PathId(request, "project");
  if (!project.ok()) return ErrorResponse(project.status(), request.correlation_id);
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto listed = members.List(who, *project, *page);
  if (!listed.ok()) return ErrorResponse(listed.status(), request.correlation_id);
  json items = json::array();
  for (const service::MemberView& view : listed->items) items.push_back(MemberJson(view));
  return JsonResponse(200,
                      {{"members", items}, {"next_cursor", NextCursor(listed->next_after_id)}});
}

HttpResponse Add(MembershipService& members, const HttpRequest& request, const Principal& who) {
  auto project = PathId(request, "project");
  if (!project.ok()) return ErrorResponse(project.status(), request.correlation_id);
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  int64_t user_id = 0;
  domain::JsonFields fields(*body);
  fields.Int("user_id", &user_id, /*required=*/true);
  if (Status read = fields.Finish(); !read.ok()) return ErrorResponse(read, request.correlation_id);
  auto added = members.Add(who, *project, user_id);
  if (!added.ok()) return ErrorResponse(added.status(), request.correlation_id);
  HttpResponse response = JsonResponse(201, MemberJson(*added));
  response.headers.Set("Location", "/api/v1/projects/" + std::to_string(*project) + "/members/" +
                                       std::to_string(user_id));
  return response;
}

HttpResponse Remove(MembershipService& members, const HttpRequest& request, const Principal& who) {
  auto project = PathId(request, "project");
  if (!project.ok()) return ErrorResponse(project.status(), request.correlation_id);
  auto user = PathId(request, "user");
  if (!user.ok()) return ErrorResponse(user.status(), request.correlation_id);
  if (Status removed = members.Remove(who, *project, *user); !removed.ok()) {
    return ErrorResponse(removed, request.correlation_id);
  }
  HttpResponse response;
  response.status = 204;
  return response;
}

}  // namespace

Status AddMemberRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                       std::shared_ptr<const service::ProjectAccess> access,
                       std::shared_ptr<MembershipService> members) {
  const auto scoped = [&](AuthedHandler handler) {
    return ProjectGuard(authenticator, access, Action::kManageMembers,
                        service::ProjectScope::kProject, "project", std::move(handler));
  };
  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/projects/{project}/members",
                                    scoped([members](const HttpRequest& r, const Principal& who) {
                                      return List(*members, r, who);
                                    })));
  RouteOptions add_options;
  add_options.max_body_bytes = kMemberBodyBytes;
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/projects/{project}/members",
                                    scoped([members](const HttpRequest& r, const Principal& who) {
                                      return Add(*members, r, who);
                                    }),
                                    add_options));
  return router.Add("DELETE", "/api/v1/projects/{project}/members/{user}",
                    scoped([members](const HttpRequest& r, const Principal& who) {
                      return Remove(*members, r, who);
                    }));
}

}  // namespace chorus::server
