#include "server/auth_guard.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::server {
namespace {

using service::Action;
using service::Credentials;
using service::Principal;

// Knows one session ("s1", an annotator, CSRF "c1") and one token ("t1", a manager).
class FixedAuthenticator : public service::Authenticator {
 public:
  Result<Principal> Authenticate(const Credentials& credentials) override {
    last = credentials;
    if (credentials.bearer_token == "t1") {
      return Principal{7, domain::Role::kManager, service::CredentialKind::kApiToken,
                       domain::Tier::kCrowd};
    }
    if (credentials.session_cookie == "s1") {
      if (credentials.unsafe_method && credentials.csrf_token != "c1") {
        return Status(StatusCode::kPermissionDenied, "missing CSRF token");
      }
      return Principal{3, domain::Role::kAnnotator, service::CredentialKind::kSession,
                       domain::Tier::kCrowd};
    }
    return Status(StatusCode::kUnauthenticated, "log in first");
  }
  Credentials last;
};

HttpRequest Request(std::string method) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = "/api/v1/x";
  request.correlation_id = "r1";
  return request;
}

HttpHandler Echo(std::shared_ptr<FixedAuthenticator> auth, Action action) {
  return Guard(auth, action, [](const HttpRequest&, const Principal& principal) {
    HttpResponse response;
    response.body = std::to_string(principal.user_id);
    return response;
  });
}

TEST(AuthGuardTest, NoCredentialsIs401WithTheErrorBody) {
  auto auth = std::make_shared<FixedAuthenticator>();
  const HttpResponse response = Echo(auth, Action::kReadSelf)(Request("GET"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "unauthenticated");
}

TEST(AuthGuardTest, RoleOutsideTheTableIs403AndTheHandlerDoesNotRun) {
  auto auth = std::make_shared<FixedAuthenticator>();
  HttpRequest request = Request("GET");
  request.headers.Add("Cookie", "theme=dark; chorus_session=s1");
  const HttpResponse response = Echo(auth, Action::kExport)(request);
  EXPECT_EQ(response.status, 403);
  EXPECT_NE(response.body.find("annotator"), std::string::npos);
  EXPECT_EQ(Echo(auth, Action::kAnnotate)(request).body, "3");
}

TEST(AuthGuardTest, UnsafeCookieRequestsNeedTheCsrfHeader) {
  auto auth = std::make_shared<FixedAuthenticator>();
  HttpRequest request = Request("POST");
  request.headers.Add("Cookie", "chorus_session=s1");
  EXPECT_EQ(Echo(auth, Action::kAnnotate)(request).status, 403);
  EXPECT_TRUE(auth->last.unsafe_method);
  request.headers.Add("x-csrf-token", "c1");
  EXPECT_EQ(Echo(auth, Action::kAnnotate)(request).body, "3");
}

TEST(AuthGuardTest, BearerTokensAreReadCaseInsensitively) {
  auto auth = std::make_shared<FixedAuthenticator>();
  HttpRequest request = Request("DELETE");
  request.headers.Add("authorization", "bearer  t1 ");
  EXPECT_EQ(Echo(auth, Action::kExport)(request).body, "7");
  EXPECT_EQ(auth->last.bearer_token, "t1");
}

TEST(AuthGuardTest, CookieValueFindsTheNamedCookieOnly) {
  HttpRequest request = Request("GET");
  request.headers.Add("Cookie", "xchorus_session=no; a=1");
  request.headers.Add("Cookie", "chorus_session=yes");
  EXPECT_EQ(CookieValue(request, "chorus_session"), "yes");
  EXPECT_EQ(CookieValue(request, "a"), "1");
  EXPECT_FALSE(CookieValue(request, "b").has_value());
}

}  // namespace
}  // namespace chorus::server
