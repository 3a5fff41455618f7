#include "server/user_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "domain/json_fields.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

using service::Action;
using service::AuthService;
using service::Principal;

constexpr uint64_t kUserBodyBytes = 64 * 1024;

// Reads role and tier names into the patch or new user, naming the field on error.
Status ReadRole(const std::optional<std::string>& name, std::optional<domain::Role>* out) {
  if (!name) return Status::Ok();
  auto role = domain::ParseRole(*name);
  if (!role.ok()) return role.status();
  *out = *role;
  return Status::Ok();
}

Status ReadTier(const std::optional<std::string>& name, std::optional<domain::Tier>* out) {
  if (!name) return Status::Ok();
  auto tier = domain::ParseTier(*name);
  if (!tier.ok()) return tier.status();
  *out = *tier;
  return Status::Ok();
}

Result<service::NewUser> NewUserFrom(const nlohmann::json& body) {
  service::NewUser user;
  std::optional<std::string> role;
  std::optional<std::string> tier;
  domain::JsonFields fields(body);
  fields.String("email", &user.email, /*required=*/true);
  fields.String("display_name", &user.display_name, /*required=*/true);
  fields.String("password", &user.password, /*required=*/true);
  fields.OptionalString("role", &role);
  fields.OptionalString("tier", &tier);
  fields.StringMap("attributes", &user.attributes);
  fields.OptionalInt("pay_rate_cents_per_hour", &user.pay_rate_cents_per_hour);
  CHORUS_RETURN_IF_ERROR(fields.Finish());
  std::optional<domain::Role> parsed_role;
  std::optional<domain::Tier> parsed_tier;
  CHORUS_RETURN_IF_ERROR(ReadRole(role, &parsed_role));
  CHORUS_RETURN_IF_ERROR(ReadTier(tier, &parsed_tier));
  if (parsed_role) user.role = *parsed_role;
  if (parsed_tier) user.tier = *parsed_tier;
  return user;
}

Result<service::UserPatch> UserPatchFrom(const nlohmann::json& body) {
  service::UserPatch patch;
  std::optional<std::string> role;
  std::optional<std::string> tier;
  domain::JsonFields fields(body);
  fields.Int("version", &patch.version, /*required=*/true);
  fields.OptionalString("display_name", &patch.display_name);
  fields.OptionalString("role", &role);
  fields.OptionalString("tier", &tier);
  if (body.contains("attributes")) {
    patch.attributes.emplace();
    fields.StringMap("attributes", &*patch.attributes);
  }
  if (body.contains("pay_rate_cents_per_hour")) {
    patch.pay_rate_cents_per_hour.emplace();
    fields.OptionalInt("pay_rate_cents_per_hour", &*patch.pay_rate_cents_per_hour);
  }
  if (body.contains("disabled") && !body["disabled"].is_null()) {
    patch.disabled.emplace(false);
    fields.Bool("disabled", &*patch.disabled);
  }
  fields.OptionalString("password", &patch.password);
  CHORUS_RETURN_IF_ERROR(fields.Finish());
  CHORUS_RETURN_IF_ERROR(ReadRole(role, &patch.role));
  CHORUS_RETURN_IF_ERROR(ReadTier(tier, &patch.tier));
  return patch;
}

HttpResponse ListUsers(AuthService& auth, const HttpRequest& request, const Principal& who) {
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto users = auth.ListUsers(who, *page);
  if (!users.ok()) return ErrorResponse(users.status(), request.correlation_id);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& user : users->items) list.push_back(domain::ToJson(user));
  return JsonResponse(
      200, {{"users", std::move(list)}, {"next_cursor", NextCursor(users->next_after_id)}});
}

HttpResponse CreateUser(AuthService& auth, const HttpRequest& request, const Principal& who) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto fields = NewUserFrom(*body);
  if (!fields.ok()) return ErrorResponse(fields.status(), request.correlation_id);
  auto user = auth.CreateUser(who, *fields);
  if (!user.ok()) return ErrorResponse(user.status(), request.correlation_id);
  HttpResponse response = JsonResponse(201, domain::ToJson(*user));
  response.headers.Set("Location", "/api/v1/users/" + std::to_string(user->id));
  return response;
}

HttpResponse GetUser(AuthService& auth, const HttpRequest& request, const Principal& who) {
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  auto user = auth.GetUser(who, *id);
  if (!user.ok()) return ErrorResponse(user.status(), request.correlation_id);
  return JsonResponse(200, domain::ToJson(*user));
}

HttpResponse UpdateUser(AuthService& auth, const HttpRequest& request, const Principal& who) {
  auto id = PathId(request, "id");
  auto body = ParseJsonBody(request);
  // Who may patch at all is decided first, from the field names alone, so a refused attempt
  // is recorded whatever its values (catalogue 61) and learns nothing about the target.
  const std::vector<std::string> sent = body.ok() ? ObjectKeys(*body) : std::vector<std::string>();
  if (Status may = auth.CheckMayPatchUser(who, id.ok() ? *id : 0, sent); !may.ok()) {
    return ErrorResponse(may, request.correlation_id);
  }
  if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto patch = UserPatchFrom(*body);
  if (!patch.ok()) return ErrorResponse(patch.status(), request.correlation_id);
  auto updated = auth.UpdateUser(who, *id, *patch);
  if (!updated.ok()) {
    return ErrorResponse(updated.status(), request.correlation_id, updated.current_version());
  }
  return JsonResponse(200, domain::ToJson(*updated));
}

}  // namespace

Status AddUserRoutes(Router& router, std::shared_ptr<AuthService> auth) {
  RouteOptions options;
  options.max_body_bytes = kUserBodyBytes;
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/users",
      Guard(auth, Action::kListUsers, [auth](const HttpRequest& request, const Principal& who) {
        return ListUsers(*auth, request, who);
      })));
  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/users",
                                    Guard(auth, Action::kManageUsers,
                                          [auth](const HttpRequest& request, const Principal& who) {
                                            return CreateUser(*auth, request, who);
                                          }),
                                    options));
  // read_self: the service lets list_users see anyone and everyone else only themself.
  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/users/{id}",
      Guard(auth, Action::kReadSelf, [auth](const HttpRequest& request, const Principal& who) {
        return GetUser(*auth, request, who);
      })));
  // read_self: any signed-in user reaches the handler, so that a refused attempt by one
  // without manage_users is recorded (AuthService::CheckMayPatchUser) before the 403.
  return router.Add("PATCH", "/api/v1/users/{id}",
                    Guard(auth, Action::kReadSelf,
                          [auth](const HttpRequest& request, const Principal& who) {
                            return UpdateUser(*auth, request, who);
                          }),
                    options);
}

}  // namespace chorus::server
