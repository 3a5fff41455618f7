#include "server/invitation_routes.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "domain/json_fields.h"
#include "server/auth_guard.h"
#include "server/error_response.h"
#include "server/json_body.h"
#include "server/request_params.h"
#include "server/session_cookies.h"

namespace chorus::server {
namespace {

using service::Action;
using service::InvitationService;
using service::Principal;

// An email, a role, a few attributes; a token, a password of at most 1024 bytes, a name.
constexpr uint64_t kInvitationBodyBytes = 64 * 1024;
constexpr uint64_t kAcceptBodyBytes = 8 * 1024;

Result<service::NewInvitation> NewInvitationFrom(const nlohmann::json& body) {
  service::NewInvitation invitation;
  std::string role;
  std::optional<std::string> tier;
  domain::JsonFields fields(body);
  fields.String("email", &invitation.email, /*required=*/true);
  fields.String("role", &role, /*required=*/true);
  fields.OptionalString("tier", &tier);
  fields.StringMap("attributes", &invitation.attributes);
  fields.OptionalInt("pay_rate_cents_per_hour", &invitation.pay_rate_cents_per_hour);
  CHORUS_RETURN_IF_ERROR(fields.Finish());
  auto parsed_role = domain::ParseRole(role);
  if (!parsed_role.ok()) return parsed_role.status();
  invitation.role = *parsed_role;
  if (tier) {
    auto parsed_tier = domain::ParseTier(*tier);
    if (!parsed_tier.ok()) return parsed_tier.status();
    invitation.tier = *parsed_tier;
  }
  return invitation;
}

HttpResponse Invite(InvitationService& invitations, const HttpRequest& request,
                    const Principal& who) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  auto fields = NewInvitationFrom(*body);
  if (!fields.ok()) return ErrorResponse(fields.status(), request.correlation_id);
  auto created = invitations.Invite(who, *fields);
  if (!created.ok()) return ErrorResponse(created.status(), request.correlation_id);
  nlohmann::json json = domain::ToJson(created->invitation);
  json["token"] = created->token;
  return JsonResponse(201, json);
}

HttpResponse ListPending(InvitationService& invitations, const HttpRequest& request,
                         const Principal& who) {
  auto page = PageOf(request);
  if (!page.ok()) return ErrorResponse(page.status(), request.correlation_id);
  auto pending = invitations.ListPending(who, *page);
  if (!pending.ok()) return ErrorResponse(pending.status(), request.correlation_id);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& invitation : pending->items) list.push_back(domain::ToJson(invitation));
  return JsonResponse(
      200, {{"invitations", std::move(list)}, {"next_cursor", NextCursor(pending->next_after_id)}});
}

HttpResponse Accept(InvitationService& invitations, const AuthRouteOptions& options,
                    const HttpRequest& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  service::InvitationAcceptance acceptance;
  domain::JsonFields fields(*body);
  fields.String("token", &acceptance.token, /*required=*/true);
  fields.String("password", &acceptance.password, /*required=*/true);
  fields.String("display_name", &acceptance.display_name, /*required=*/true);
  if (Status read = fields.Finish(); !read.ok()) {
    return ErrorResponse(read, request.correlation_id);
  }
  int64_t retry_after = 0;
  auto login = invitations.Accept(acceptance, request.remote_address, &retry_after);
  if (!login.ok()) {
    HttpResponse response = ErrorResponse(login.status(), request.correlation_id);
    if (login.status().code() == StatusCode::kResourceExhausted) {
      response.headers.Set("Retry-After", std::to_string(retry_after));
    }
    return response;
  }
  HttpResponse response = JsonResponse(201, LoginBody(*login));
  response.headers.Set("Location", "/api/v1/users/" + std::to_string(login->user.id));
  SetSessionCookies(response, *login, options.secure_cookies);
  return response;
}

}  // namespace

Status AddInvitationRoutes(Router& router, std::shared_ptr<service::Authenticator> authenticator,
                           std::shared_ptr<InvitationService> invitations,
                           const AuthRouteOptions& options) {
  RouteOptions invite_options;
  invite_options.max_body_bytes = kInvitationBodyBytes;
  RouteOptions accept_options;
  accept_options.max_body_bytes = kAcceptBodyBytes;
  CHORUS_RETURN_IF_ERROR(
      router.Add("POST", "/api/v1/invitations",
                 Guard(authenticator, Action::kInviteUsers,
                       [invitations](const HttpRequest& request, const Principal& who) {
                         return Invite(*invitations, request, who);
                       }),
                 invite_options));
  CHORUS_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/invitations",
                 Guard(authenticator, Action::kInviteUsers,
                       [invitations](const HttpRequest& request, const Principal& who) {
                         return ListPending(*invitations, request, who);
                       })));
  CHORUS_RETURN_IF_ERROR(
      router.Add("DELETE", "/api/v1/invitations/{id}",
                 Guard(authenticator, Action::kInviteUsers,
                       [invitations](const HttpRequest& request, const Principal& who) {
                         auto id = PathId(request, "id");
                         if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
                         if (Status revoked = invitations->Revoke(who, *id); !revoked.ok()) {
                           return ErrorResponse(revoked, request.correlation_id);
                         }
                         HttpResponse response;
                         response.status = 204;
                         return response;
                       })));
  // Anonymous, like login: the invitee has no account yet; the token is the credential.
  return router.Add(
      "POST", "/api/v1/invitations/accept",
      [invitations, options](const HttpRequest& request) {
        return Accept(*invitations, options, request);
      },
      accept_options);
}

}  // namespace chorus::server
