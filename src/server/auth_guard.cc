#include "server/auth_guard.h"

#include <string>

#include "server/error_response.h"
#include "server/request_params.h"

namespace chorus::server {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsUnsafe(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

std::optional<std::string> CookieValue(const HttpRequest& request, std::string_view name) {
  for (const auto& [field, value] : request.headers.fields()) {
    if (!EqualsIgnoreCase(field, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t end = rest.find(';');
      const std::string_view pair = Trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      const size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return std::nullopt;
}

service::Credentials CredentialsOf(const HttpRequest& request) {
  service::Credentials credentials;
  credentials.session_cookie = CookieValue(request, kSessionCookieName);
  if (auto csrf = request.headers.Get(kCsrfHeaderName)) credentials.csrf_token = std::string(*csrf);
  if (auto authorization = request.headers.Get("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->size() > kBearer.size() &&
        EqualsIgnoreCase(authorization->substr(0, kBearer.size()), kBearer)) {
      credentials.bearer_token = std::string(Trim(authorization->substr(kBearer.size())));
    }
  }
  credentials.unsafe_method = IsUnsafe(request.method);
  return credentials;
}

HttpHandler Guard(std::shared_ptr<service::Authenticator> authenticator, service::Action action,
                  AuthedHandler handler) {
  return [authenticator = std::move(authenticator), action,
          handler = std::move(handler)](const HttpRequest& request) {
    auto principal = authenticator->Authenticate(CredentialsOf(request));
    if (!principal.ok()) return ErrorResponse(principal.status(), request.correlation_id);
    if (!service::Allows(principal->role, action)) {
      return ErrorResponse(
          Status(StatusCode::kPermissionDenied,
                 std::string("your role (") + domain::RoleName(principal->role) + ") may not " +
                     service::ActionName(action) + "; ask an administrator for a role that may"),
          request.correlation_id);
    }
    return handler(request, *principal);
  };
}

HttpHandler ProjectGuard(std::shared_ptr<service::Authenticator> authenticator,
                         std::shared_ptr<const service::ProjectAccess> access,
                         service::Action action, service::ProjectScope scope, std::string param,
                         AuthedHandler handler) {
  return Guard(
      std::move(authenticator), action,
      [access = std::move(access), scope, param = std::move(param), handler = std::move(handler)](
          const HttpRequest& request, const service::Principal& principal) {
        auto id = PathId(request, param);
        if (!id.ok()) return ErrorResponse(id.status(), request.correlation_id);
        if (Status reach = access->Check(principal, scope, *id); !reach.ok()) {
          return ErrorResponse(reach, request.correlation_id);
        }
        return handler(request, principal);
      });
}

}  // namespace chorus::server
