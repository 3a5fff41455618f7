// Authentication and account management over HTTP: a real in-process server with the auth and
// user routes over each store: SQLite in a temporary directory, and a database of the
// pg_cluster fixture's PostgreSQL. Covers security catalogue entries
// 51, 52, 54, 55, 58, 59, 61 and 62 as a client sees them on the wire.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <strings.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/open_store.h"
#include "server/auth_routes.h"
#include "server/server.h"
#include "server/user_routes.h"
#include "service/auth_service.h"
#include "tests/api/http_client.h"
#include "tests/store/pg_test_cluster.h"

namespace chorus::server {
namespace {

using test::ClientResponse;
using test::Fetch;

constexpr char kAdminEmail[] = "root@example.org";
constexpr char kPassword[] = "a long enough password";
constexpr char kJson[] = "Content-Type: application/json\r\n";

// A browser-like session: the two cookies and the CSRF token from a login.
struct Session {
  std::string session_cookie;
  std::string csrf_token;
  nlohmann::json user;

  std::string CookieHeader() const {
    return "Cookie: chorus_session=" + session_cookie + "; chorus_csrf=" + csrf_token + "\r\n";
  }
  std::string WithCsrf() const { return CookieHeader() + "X-CSRF-Token: " + csrf_token + "\r\n"; }
};

// The value of cookie `name` among the response's Set-Cookie headers, and its whole line.
std::optional<std::string> SetCookieLine(const ClientResponse& response, std::string_view name) {
  for (const auto& [field, value] : response.headers) {
    if (field.size() == 10 && strncasecmp(field.c_str(), "set-cookie", 10) == 0 &&
        value.rfind(std::string(name) + "=", 0) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

std::string CookieValueOf(const std::string& line) {
  const size_t equals = line.find('=');
  return line.substr(equals + 1, line.find(';') - equals - 1);
}

// The parameter names the backend: "sqlite" or "postgres".
class AuthApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { Start(/*secure_cookies=*/false); }

  void Start(bool secure_cookies) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "chorus_authapi_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    std::string db;  // Empty: SQLite in dir_.
    if (GetParam() == "postgres") {
      if (const std::string why = store::conformance::PgUnavailable(); !why.empty()) {
        GTEST_SKIP() << why;
      }
      database_ = std::make_unique<store::conformance::TestDatabase>();
      db = database_->url();
    }
    auto opened = app::OpenStore(db, dir_.string());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened->store);

    service::AuthServiceOptions options;
    options.hasher = service::PasswordHasherOptions::Fastest();
    options.rate_limit.max_failures_per_email = 3;
    auth_ = std::make_shared<service::AuthService>(*store_, options);
    auto admin = auth_->BootstrapAdmin(kAdminEmail, std::string(kPassword));
    ASSERT_TRUE(admin.ok() && admin->has_value());

    Router router;
    AuthRouteOptions route_options;
    route_options.secure_cookies = secure_cookies;
    ASSERT_TRUE(AddAuthRoutes(router, auth_, route_options).ok());
    ASSERT_TRUE(AddUserRoutes(router, auth_).ok());
    ServerOptions server_options;
    server_options.listen = "127.0.0.1:0";
    server_options.worker_threads = 2;
    server_options.log = [](std::string_view) {};
    server_ = std::make_unique<Server>(std::move(router), server_options);
    const Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
  }

  void TearDown() override {
    server_.reset();
    auth_.reset();
    store_.reset();
    database_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  ClientResponse Call(std::string_view method, std::string_view target, std::string_view body = "",
                      std::string extra = "") {
    if (!body.empty()) extra += kJson;
    auto response = Fetch(server_->port(), method, target, body, extra);
    EXPECT_TRUE(response.has_value()) << method << " " << target;
    return response.value_or(ClientResponse{});
  }

  ClientResponse LoginResponse(const std::string& email, const std::string& password) {
    return Call("POST", "/api/v1/auth/login",
                nlohmann::json{{"email", email}, {"password", password}}.dump());
  }

  Session LogIn(const std::string& email = kAdminEmail, const std::string& password = kPassword) {
    const ClientResponse response = LoginResponse(email, password);
    EXPECT_EQ(response.status, 200) << response.body;
    Session session;
    if (auto line = SetCookieLine(response, "chorus_session"))
      session.session_cookie = CookieValueOf(*line);
    if (auto line = SetCookieLine(response, "chorus_csrf"))
      session.csrf_token = CookieValueOf(*line);
    if (response.status == 200) session.user = response.Json()["user"];
    return session;
  }

  // Creates a user as the administrator and returns its JSON.
  nlohmann::json CreateUser(const Session& admin, const std::string& email,
                            const std::string& role) {
    const ClientResponse response = Call(
        "POST", "/api/v1/users",
        nlohmann::json{
            {"email", email}, {"display_name", "Someone"}, {"role", role}, {"password", kPassword}}
            .dump(),
        admin.WithCsrf());
    EXPECT_EQ(response.status, 201) << response.body;
    return response.status == 201 ? response.Json() : nlohmann::json();
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::conformance::TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<service::AuthService> auth_;
  std::unique_ptr<Server> server_;
};

void ExpectError(const ClientResponse& response, int status, const std::string& code) {
  EXPECT_EQ(response.status, status) << response.body;
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("error")) << response.body;
  EXPECT_EQ(body["error"]["code"], code) << response.body;
  EXPECT_TRUE(body["error"]["message"].is_string());
}

TEST_P(AuthApiTest, LoginSetsTwoCookiesWithTheRightAttributes) {
  const ClientResponse response = LoginResponse(kAdminEmail, kPassword);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = response.Json();
  EXPECT_EQ(body["user"]["email"], kAdminEmail);
  EXPECT_EQ(body["user"]["role"], "admin");
  EXPECT_FALSE(body["user"].contains("password_hash"));
  EXPECT_TRUE(body["expires_at"].is_number_integer());

  auto session = SetCookieLine(response, "chorus_session");
  auto csrf = SetCookieLine(response, "chorus_csrf");
  ASSERT_TRUE(session && csrf);
  EXPECT_EQ(*session, "chorus_session=" + CookieValueOf(*session) +
                          "; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
  EXPECT_EQ(*csrf,
            "chorus_csrf=" + CookieValueOf(*csrf) + "; SameSite=Strict; Path=/; Max-Age=43200");
  EXPECT_EQ(body["csrf_token"], CookieValueOf(*csrf));
  EXPECT_EQ(CookieValueOf(*session).size(), 43u);
  EXPECT_EQ(response.body.find(CookieValueOf(*session)), std::string::npos);  // HttpOnly only.
}

TEST_P(AuthApiTest, SecureCookiesBehindTls) {
  TearDown();
  Start(/*secure_cookies=*/true);
  const ClientResponse response = LoginResponse(kAdminEmail, kPassword);
  ASSERT_EQ(response.status, 200);
  EXPECT_NE(SetCookieLine(response, "chorus_session")->find("; Secure"), std::string::npos);
  EXPECT_NE(SetCookieLine(response, "chorus_csrf")->find("; Secure"), std::string::npos);
}

TEST_P(AuthApiTest, BadCredentialsAre401WithOneMessage) {
  const ClientResponse wrong = LoginResponse(kAdminEmail, "not the password");
  const ClientResponse unknown = LoginResponse("nobody@example.org", kPassword);
  ExpectError(wrong, 401, "unauthenticated");
  ExpectError(unknown, 401, "unauthenticated");
  EXPECT_EQ(wrong.Json()["error"]["message"], unknown.Json()["error"]["message"]);
  EXPECT_FALSE(SetCookieLine(wrong, "chorus_session").has_value());
  // Login is JSON only: a cross-site form post is refused (catalogue 55).
  auto form =
      Fetch(server_->port(), "POST", "/api/v1/auth/login", "email=root%40example.org&password=x",
            "Content-Type: application/x-www-form-urlencoded\r\n");
  ASSERT_TRUE(form);
  ExpectError(*form, 400, "invalid_argument");
}

TEST_P(AuthApiTest, MeWithTheCookie) {
  const Session session = LogIn();
  const ClientResponse me = Call("GET", "/api/v1/auth/me", "", session.CookieHeader());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["user"]["email"], kAdminEmail);

  const ClientResponse anonymous = Call("GET", "/api/v1/auth/me");
  ExpectError(anonymous, 401, "unauthenticated");
  EXPECT_EQ(anonymous.Json()["error"]["message"],
            "log in (POST /api/v1/auth/login) or send Authorization: Bearer TOKEN");
}

TEST_P(AuthApiTest, UnsafeRequestsWithCookiesNeedTheCsrfHeader) {
  const Session session = LogIn();
  const std::string body = nlohmann::json{{"name", "script"}}.dump();
  const ClientResponse without = Call("POST", "/api/v1/auth/tokens", body, session.CookieHeader());
  ExpectError(without, 403, "permission_denied");
  EXPECT_EQ(without.Json()["error"]["message"],
            "send the X-CSRF-Token header (the chorus_csrf cookie's value)");
  const ClientResponse wrong =
      Call("POST", "/api/v1/auth/tokens", body, session.CookieHeader() + "X-CSRF-Token: nope\r\n");
  ExpectError(wrong, 403, "permission_denied");
  const ClientResponse with = Call("POST", "/api/v1/auth/tokens", body, session.WithCsrf());
  EXPECT_EQ(with.status, 201) << with.body;
}

TEST_P(AuthApiTest, BearerTokensWorkUntilRevoked) {
  const Session session = LogIn();
  const ClientResponse created =
      Call("POST", "/api/v1/auth/tokens", nlohmann::json{{"name", "nightly"}}.dump(),
           session.WithCsrf());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.Json()["token"];
  const int64_t id = created.Json()["id"];
  EXPECT_EQ(token.rfind("chorus_", 0), 0u);
  EXPECT_EQ(created.Json()["name"], "nightly");

  const std::string bearer = "Authorization: Bearer " + token + "\r\n";
  const ClientResponse me = Call("GET", "/api/v1/auth/me", "", bearer);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["user"]["email"], kAdminEmail);
  // No CSRF token needed with a bearer token, even for unsafe methods.
  const ClientResponse made =
      Call("POST", "/api/v1/users",
           nlohmann::json{
               {"email", "via-token@example.org"}, {"display_name", "T"}, {"password", kPassword}}
               .dump(),
           bearer);
  EXPECT_EQ(made.status, 201) << made.body;

  // The list shows the token without its secret.
  const ClientResponse list = Call("GET", "/api/v1/auth/tokens", "", bearer);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(token.substr(7)), std::string::npos);
  EXPECT_EQ(list.Json()["tokens"][0]["name"], "nightly");
  EXPECT_FALSE(list.Json()["tokens"][0].contains("token_hash"));

  const ClientResponse revoked =
      Call("DELETE", "/api/v1/auth/tokens/" + std::to_string(id), "", session.WithCsrf());
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  ExpectError(Call("GET", "/api/v1/auth/me", "", bearer), 401, "unauthenticated");
  ExpectError(Call("DELETE", "/api/v1/auth/tokens/999", "", session.WithCsrf()), 404, "not_found");
}

TEST_P(AuthApiTest, LogoutExpiresTheCookiesAndTheSession) {
  const Session session = LogIn();
  ExpectError(Call("POST", "/api/v1/auth/logout", "", session.CookieHeader()), 403,
              "permission_denied");
  const ClientResponse out = Call("POST", "/api/v1/auth/logout", "", session.WithCsrf());
  ASSERT_EQ(out.status, 204) << out.body;
  EXPECT_EQ(SetCookieLine(out, "chorus_session"),
            "chorus_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  EXPECT_EQ(SetCookieLine(out, "chorus_csrf"), "chorus_csrf=; SameSite=Strict; Path=/; Max-Age=0");
  // Replaying the old cookie (catalogue 52).
  ExpectError(Call("GET", "/api/v1/auth/me", "", session.CookieHeader()), 401, "unauthenticated");
}

TEST_P(AuthApiTest, TooManyFailuresAre429WithRetryAfter) {
  for (int i = 0; i < 3; ++i)
    ExpectError(LoginResponse(kAdminEmail, "wrong password!"), 401, "unauthenticated");
  const ClientResponse limited = LoginResponse(kAdminEmail, kPassword);
  ExpectError(limited, 429, "resource_exhausted");
  ASSERT_TRUE(limited.Header("Retry-After").has_value());
  const int seconds = std::stoi(*limited.Header("Retry-After"));
  EXPECT_GT(seconds, 0);
  EXPECT_LE(seconds, 15 * 60);
  EXPECT_NE(limited.Json()["error"]["message"].get<std::string>().find("try again in"),
            std::string::npos);
}

TEST_P(AuthApiTest, AdministratorsManageUsers) {
  const Session admin = LogIn();
  const nlohmann::json ann = CreateUser(admin, "ann@example.org", "annotator");
  ASSERT_TRUE(ann.is_object());
  EXPECT_EQ(ann["role"], "annotator");
  EXPECT_EQ(ann["version"], 1);
  EXPECT_FALSE(ann.contains("password"));

  // Mass assignment: unknown fields are refused (catalogue 62).
  ExpectError(Call("POST", "/api/v1/users",
                   nlohmann::json{{"email", "x@example.org"},
                                  {"display_name", "X"},
                                  {"password", kPassword},
                                  {"is_admin", true}}
                       .dump(),
                   admin.WithCsrf()),
              400, "invalid_argument");
  ExpectError(
      Call("POST", "/api/v1/users",
           nlohmann::json{{"email", "x@example.org"}, {"display_name", "X"}, {"password", "short"}}
               .dump(),
           admin.WithCsrf()),
      400, "invalid_argument");

  const ClientResponse list = Call("GET", "/api/v1/users?limit=1", "", admin.CookieHeader());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["users"].size(), 1u);
  ASSERT_TRUE(list.Json()["next_cursor"].is_string());
  const ClientResponse rest =
      Call("GET", "/api/v1/users?cursor=" + list.Json()["next_cursor"].get<std::string>(), "",
           admin.CookieHeader());
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(rest.Json()["users"][0]["email"], "ann@example.org");
  EXPECT_TRUE(rest.Json()["next_cursor"].is_null());

  const std::string path = "/api/v1/users/" + std::to_string(ann["id"].get<int64_t>());
  const ClientResponse got = Call("GET", path, "", admin.CookieHeader());
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.Json()["email"], "ann@example.org");

  const ClientResponse patched = Call(
      "PATCH", path, nlohmann::json{{"version", 1}, {"role", "reviewer"}}.dump(), admin.WithCsrf());
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json()["role"], "reviewer");
  EXPECT_EQ(patched.Json()["version"], 2);

  const ClientResponse stale = Call(
      "PATCH", path, nlohmann::json{{"version", 1}, {"tier", "expert"}}.dump(), admin.WithCsrf());
  ExpectError(stale, 409, "conflict");
  EXPECT_EQ(stale.Json()["error"]["current_version"], 2);
  ExpectError(Call("PATCH", path, nlohmann::json{{"version", 2}, {"email", "y@example.org"}}.dump(),
                   admin.WithCsrf()),
              400, "invalid_argument");
  ExpectError(Call("GET", "/api/v1/users/99999", "", admin.CookieHeader()), 404, "not_found");
}

TEST_P(AuthApiTest, AnnotatorsGet403OnUsersAndSeeOnlyThemselves) {
  const Session admin = LogIn();
  const nlohmann::json ann = CreateUser(admin, "ann@example.org", "annotator");
  const Session annotator = LogIn("ann@example.org");
  const ClientResponse list = Call("GET", "/api/v1/users", "", annotator.CookieHeader());
  ExpectError(list, 403, "permission_denied");
  EXPECT_NE(list.Json()["error"]["message"].get<std::string>().find("annotator"),
            std::string::npos);
  ExpectError(Call("POST", "/api/v1/users",
                   nlohmann::json{
                       {"email", "z@example.org"}, {"display_name", "Z"}, {"password", kPassword}}
                       .dump(),
                   annotator.WithCsrf()),
              403, "permission_denied");
  // Self-escalation (catalogue 61): refused and nothing changes.
  const std::string self = "/api/v1/users/" + std::to_string(ann["id"].get<int64_t>());
  ExpectError(Call("PATCH", self, nlohmann::json{{"version", 1}, {"role", "admin"}}.dump(),
                   annotator.WithCsrf()),
              403, "permission_denied");
  const ClientResponse own = Call("GET", self, "", annotator.CookieHeader());
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.Json()["role"], "annotator");
  const std::string admin_path = "/api/v1/users/" + std::to_string(admin.user["id"].get<int64_t>());
  ExpectError(Call("GET", admin_path, "", annotator.CookieHeader()), 404, "not_found");
}

TEST_P(AuthApiTest, DisablingAUserEndsTheirSession) {
  const Session admin = LogIn();
  const nlohmann::json ann = CreateUser(admin, "ann@example.org", "annotator");
  const Session annotator = LogIn("ann@example.org");
  ASSERT_EQ(Call("GET", "/api/v1/auth/me", "", annotator.CookieHeader()).status, 200);
  const std::string path = "/api/v1/users/" + std::to_string(ann["id"].get<int64_t>());
  const ClientResponse disabled = Call(
      "PATCH", path, nlohmann::json{{"version", 1}, {"disabled", true}}.dump(), admin.WithCsrf());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  ExpectError(Call("GET", "/api/v1/auth/me", "", annotator.CookieHeader()), 401, "unauthenticated");
  ExpectError(LoginResponse("ann@example.org", kPassword), 401, "unauthenticated");
}

// Catalogue 52: after a password change the old cookies and API tokens get 401 everywhere.
TEST_P(AuthApiTest, ChangingThePasswordLogsOutEverywhere) {
  const Session admin = LogIn();
  CreateUser(admin, "ann@example.org", "annotator");
  const Session first = LogIn("ann@example.org");
  const Session second = LogIn("ann@example.org");
  EXPECT_NE(first.session_cookie, second.session_cookie);  // Catalogue 51.
  const ClientResponse created = Call(
      "POST", "/api/v1/auth/tokens", nlohmann::json{{"name", "nightly"}}.dump(), second.WithCsrf());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string bearer =
      "Authorization: Bearer " + created.Json()["token"].get<std::string>() + "\r\n";
  ASSERT_EQ(Call("GET", "/api/v1/auth/me", "", bearer).status, 200);
  const ClientResponse changed = Call(
      "POST", "/api/v1/auth/password",
      nlohmann::json{{"current_password", kPassword}, {"new_password", "another long password"}}
          .dump(),
      first.WithCsrf());
  ASSERT_EQ(changed.status, 204) << changed.body;
  ExpectError(Call("GET", "/api/v1/auth/me", "", first.CookieHeader()), 401, "unauthenticated");
  ExpectError(Call("GET", "/api/v1/auth/me", "", second.CookieHeader()), 401, "unauthenticated");
  ExpectError(Call("GET", "/api/v1/auth/me", "", bearer), 401, "unauthenticated");
  LogIn("ann@example.org", "another long password");
}

// Catalogue 52, the administrator's reset: the account's sessions and API tokens end too.
TEST_P(AuthApiTest, AnAdministratorsPasswordResetEndsSessionsAndTokens) {
  const Session admin = LogIn();
  const nlohmann::json ann = CreateUser(admin, "ann@example.org", "annotator");
  const Session session = LogIn("ann@example.org");
  const ClientResponse created =
      Call("POST", "/api/v1/auth/tokens", nlohmann::json{{"name", "nightly"}}.dump(),
           session.WithCsrf());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string bearer =
      "Authorization: Bearer " + created.Json()["token"].get<std::string>() + "\r\n";
  const ClientResponse reset = Call(
      "PATCH", "/api/v1/users/" + std::to_string(ann["id"].get<int64_t>()),
      nlohmann::json{{"version", 1}, {"password", "a new long password"}}.dump(), admin.WithCsrf());
  ASSERT_EQ(reset.status, 200) << reset.body;
  ExpectError(Call("GET", "/api/v1/auth/me", "", session.CookieHeader()), 401, "unauthenticated");
  ExpectError(Call("GET", "/api/v1/auth/me", "", bearer), 401, "unauthenticated");
  LogIn("ann@example.org", "a new long password");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace chorus::server
