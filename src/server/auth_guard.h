// Authentication and the permission check in front of every API handler: a route is added as
// Guard(authenticator, Action::kX, handler) and the handler then receives the Principal. No
// credentials or bad ones give 401; a role the table (service/permissions.h) refuses, or a
// cookie-authenticated unsafe request without the CSRF token, gives 403. Both carry the usual
// error body and say what to do (log in; ask an administrator).
// A project-scoped route is added as ProjectGuard(...): after the role check, the caller must
// reach the project its path names (service/project_access.h), or it gets the 404 a missing
// project, task or annotation gets, before the handler reads anything (no existence oracle,
// security catalogue entry 63).
// Thread-safety: the returned handler is safe to call concurrently if the authenticator is.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/http_message.h"
#include "service/authenticator.h"
#include "service/permissions.h"
#include "service/principal.h"
#include "service/project_access.h"

namespace chorus::server {

// The session cookie's name and the header that must echo the session's CSRF token.
inline constexpr std::string_view kSessionCookieName = "chorus_session";
inline constexpr std::string_view kCsrfHeaderName = "X-CSRF-Token";

using AuthedHandler = std::function<HttpResponse(const HttpRequest&, const service::Principal&)>;

// The credentials `request` carries: the session cookie, the CSRF header, a Bearer token.
service::Credentials CredentialsOf(const HttpRequest& request);

// The value of cookie `name` in the request's Cookie header(s), if present.
std::optional<std::string> CookieValue(const HttpRequest& request, std::string_view name);

// REQUIRES: authenticator outlives every call of the returned handler.
HttpHandler Guard(std::shared_ptr<service::Authenticator> authenticator, service::Action action,
                  AuthedHandler handler);

// Guard, then: path parameter `param` must be an id (else 404) and the principal must reach
// the project it names as `scope` says (else 404 with the missing resource's body); then the
// handler runs.
HttpHandler ProjectGuard(std::shared_ptr<service::Authenticator> authenticator,
                         std::shared_ptr<const service::ProjectAccess> access,
                         service::Action action, service::ProjectScope scope, std::string param,
                         AuthedHandler handler);

}  // namespace chorus::server
