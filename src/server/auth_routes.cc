#include "server/auth_routes.h"

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
using service::AuthService;
using service::Principal;

// Login and token bodies are small: an email, a password of at most 1024 bytes, a name.
constexpr uint64_t kSmallBodyBytes = 8 * 1024;

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  return response;
}

HttpResponse Login(AuthService& auth, const AuthRouteOptions& options, const HttpRequest& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  std::string email;
  std::string password;
  domain::JsonFields fields(*body);
  fields.String("email", &email, /*required=*/true);
  fields.String("password", &password, /*required=*/true);
  if (Status read = fields.Finish(); !read.ok()) {
    return ErrorResponse(read, request.correlation_id);
  }
  int64_t retry_after = 0;
  auto login = auth.Login(email, password, request.remote_address, &retry_after);
  if (!login.ok()) {
    HttpResponse response = ErrorResponse(login.status(), request.correlation_id);
    if (login.status().code() == StatusCode::kResourceExhausted) {
      response.headers.Set("Retry-After", std::to_string(retry_after));
    }
    return response;
  }
  HttpResponse response = JsonResponse(200, LoginBody(*login));
  SetSessionCookies(response, *login, options.secure_cookies);
  return response;
}

HttpResponse ChangePassword(AuthService& auth, const AuthRouteOptions& options,
                            const HttpRequest& request, const Principal& principal) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  std::string current;
  std::string next;
  domain::JsonFields fields(*body);
  fields.String("current_password", &current, /*required=*/true);
  fields.String("new_password", &next, /*required=*/true);
  if (Status read = fields.Finish(); !read.ok()) {
    return ErrorResponse(read, request.correlation_id);
  }
  if (Status changed = auth.ChangePassword(principal, current, next); !changed.ok()) {
    return ErrorResponse(changed, request.correlation_id);
  }
  HttpResponse response = NoContent();
  ClearSessionCookies(response, options.secure_cookies);
  return response;
}

HttpResponse CreateToken(AuthService& auth, const HttpRequest& request,
                         const Principal& principal) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return ErrorResponse(body.status(), request.correlation_id);
  std::string name;
  domain::JsonFields fields(*body);
  fields.String("name", &name, /*required=*/true);
  if (Status read = fields.Finish(); !read.ok()) {
    return ErrorResponse(read, request.correlation_id);
  }
  auto created = auth.CreateToken(principal, name);
  if (!created.ok()) return ErrorResponse(created.status(), request.correlation_id);
  HttpResponse response = JsonResponse(201, {{"token", created->plain},
                                             {"id", created->token.id},
                                             {"name", created->token.name},
                                             {"created_at", created->token.created_at}});
  response.headers.Set("Location", "/api/v1/auth/tokens/" + std::to_string(created->token.id));
  return response;
}

}  // namespace

Status AddAuthRoutes(Router& router, std::shared_ptr<AuthService> auth,
                     const AuthRouteOptions& options) {
  RouteOptions small;
  small.max_body_bytes = kSmallBodyBytes;

  CHORUS_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/auth/login",
      [auth, options](const HttpRequest& request) { return Login(*auth, options, request); },
      small));

  CHORUS_RETURN_IF_ERROR(
      router.Add("POST", "/api/v1/auth/logout",
                 Guard(auth, Action::kReadSelf,
                       [auth, options](const HttpRequest& request, const Principal&) {
                         if (Status done = auth->Logout(CookieValue(request, kSessionCookieName));
                             !done.ok()) {
                           return ErrorResponse(done, request.correlation_id);
                         }
                         HttpResponse response = NoContent();
                         ClearSessionCookies(response, options.secure_cookies);
                         return response;
                       }),
                 small));

  CHORUS_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/auth/me",
      Guard(auth, Action::kReadSelf, [auth](const HttpRequest& request, const Principal& who) {
        auto user = auth->GetUser(who, who.user_id);
        if (!user.ok()) return ErrorResponse(user.status(), request.correlation_id);
        return JsonResponse(200, {{"user", domain::ToJson(*user)}});
      })));

  CHORUS_RETURN_IF_ERROR(
      router.Add("POST", "/api/v1/auth/password",
                 Guard(auth, Action::kReadSelf,
                       [auth, options](const HttpRequest& request, const Principal& who) {
                         return ChangePassword(*auth, options, request, who);
                       }),
                 small));

  CHORUS_RETURN_IF_ERROR(router.Add("POST", "/api/v1/auth/tokens",
                                    Guard(auth, Action::kManageOwnTokens,
                                          [auth](const HttpRequest& request, const Principal& who) {
                                            return CreateToken(*auth, request, who);
                                          }),
                                    small));

  CHORUS_RETURN_IF_ERROR(router.Add("GET", "/api/v1/auth/tokens",
                                    Guard(auth, Action::kManageOwnTokens,
                                          [auth](const HttpRequest& request, const Principal& who) {
                                            auto tokens = auth->ListTokens(who);
                                            if (!tokens.ok())
                                              return ErrorResponse(tokens.status(),
                                                                   request.correlation_id);
                                            nlohmann::json list = nlohmann::json::array();
                                            for (const auto& token : *tokens)
                                              list.push_back(domain::ToJson(token));
                                            return JsonResponse(200, {{"tokens", std::move(list)}});
                                          })));

  return router.Add("DELETE", "/api/v1/auth/tokens/{id}",
                    Guard(auth, Action::kManageOwnTokens,
                          [auth](const HttpRequest& request, const Principal& who) {
                            auto id = PathId(request, "id");
                            if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
                            if (Status revoked = auth->RevokeToken(who, *id); !revoked.ok()) {
                              return ErrorResponse(revoked, request.correlation_id);
                            }
                            return NoContent();
                          }));
}

}  // namespace chorus::server
