#include "server/session_cookies.h"

#include <nlohmann/json.hpp>
#include <string>

#include "server/auth_guard.h"

namespace chorus::server {
namespace {

std::string Cookie(std::string_view name, std::string_view value, int64_t max_age_seconds,
                   bool http_only, bool secure) {
  std::string cookie = std::string(name) + "=" + std::string(value);
  if (http_only) cookie += "; HttpOnly";
  cookie += "; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace

void SetSessionCookies(HttpResponse& response, const service::LoginResult& login, bool secure) {
  const int64_t max_age = (login.expires_at - login.created_at) / 1000;
  response.headers.Add("Set-Cookie", Cookie(kSessionCookieName, login.session_cookie, max_age,
                                            /*http_only=*/true, secure));
  response.headers.Add("Set-Cookie", Cookie(kCsrfCookieName, login.csrf_token, max_age,
                                            /*http_only=*/false, secure));
}

void ClearSessionCookies(HttpResponse& response, bool secure) {
  response.headers.Add("Set-Cookie", Cookie(kSessionCookieName, "", 0, true, secure));
  response.headers.Add("Set-Cookie", Cookie(kCsrfCookieName, "", 0, false, secure));
}

nlohmann::json LoginBody(const service::LoginResult& login) {
  return {{"user", domain::ToJson(login.user)},
          {"csrf_token", login.csrf_token},
          {"expires_at", login.expires_at}};
}

}  // namespace chorus::server
