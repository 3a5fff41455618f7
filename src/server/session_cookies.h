// The cookies of a logged-in browser, shared by every route that logs someone in or out
// (auth_routes.cc: login, logout, password change; invitation_routes.cc: accepting an
// invitation), so they all set the same attributes: chorus_session is HttpOnly, chorus_csrf is
// readable by the web app (double submit), both SameSite=Strict, Path=/, Max-Age, and Secure
// behind TLS (docs/server.md "Cookies and CSRF").
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "server/http_message.h"
#include "service/sessions.h"

namespace chorus::server {

inline constexpr std::string_view kCsrfCookieName = "chorus_csrf";

// Adds the two Set-Cookie headers for `login`'s session.
void SetSessionCookies(HttpResponse& response, const service::LoginResult& login, bool secure);

// Expires both cookies in the browser (logout, password change).
void ClearSessionCookies(HttpResponse& response, bool secure);

// The body of a login response: {"user", "csrf_token", "expires_at"}.
nlohmann::json LoginBody(const service::LoginResult& login);

}  // namespace chorus::server
