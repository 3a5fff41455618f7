#include "server/dispatcher.h"

#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "server/error_response.h"
#include "server/json_body.h"

namespace chorus::server {
namespace {

HttpRequest Request(std::string method, std::string target) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.headers.Set("Host", "127.0.0.1:8080");
  return request;
}

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(router_
                    .Add("GET", "/api/v1/projects/{id}",
                         [](const HttpRequest& request) {
                           return JsonResponse(200, {{"id", request.PathParam("id")},
                                                     {"q", request.QueryParam("q").value_or("-")}});
                         })
                    .ok());
    ASSERT_TRUE(
        router_
            .Add("POST", "/api/v1/projects/{id}",
                 [](const HttpRequest&) { return JsonResponse(201, nlohmann::json::object()); })
            .ok());
    ASSERT_TRUE(router_
                    .Add("GET", "/api/v1/boom",
                         [](const HttpRequest&) -> HttpResponse {
                           throw std::runtime_error("secret at /etc/chorus.conf");
                         })
                    .ok());
    ASSERT_TRUE(router_
                    .Add("GET", "/api/v1/db",
                         [](const HttpRequest& request) {
                           return ErrorResponse(Internal("sqlite: disk I/O error"),
                                                request.correlation_id);
                         })
                    .ok());
    ASSERT_TRUE(router_
                    .Add("GET", "/api/v1/banner",
                         [](const HttpRequest&) {
                           HttpResponse response;
                           response.headers.Add("Server", "nginx/1.2");
                           response.headers.Add("X-Content-Type-Options", "sniff-away");
                           response.headers.Add("x-content-type-options", "again");
                           return response;
                         })
                    .ok());
  }

  Dispatcher MakeDispatcher() {
    return Dispatcher(router_, [this](std::string_view line) {
      std::lock_guard lock(mutex_);
      log_.emplace_back(line);
    });
  }

  static void ExpectSecurityHeaders(const HttpResponse& response) {
    const HeaderMap& headers = response.headers;
    EXPECT_EQ(headers.Get("Content-Security-Policy"),
              "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    EXPECT_EQ(headers.Get("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(headers.Get("Referrer-Policy"), "no-referrer");
    EXPECT_FALSE(headers.Has("Server"));
    EXPECT_EQ(headers.Get("X-Request-Id")->size(), 16u);
    std::vector<std::string> names;
    for (const auto& [name, value] : headers.fields()) {
      for (const auto& seen : names) EXPECT_FALSE(EqualsIgnoreCase(seen, name)) << name;
      names.push_back(name);
    }
  }

  Router router_;
  std::mutex mutex_;
  std::vector<std::string> log_;
};

TEST_F(DispatcherTest, RoutesWithPathAndQueryParameters) {
  const HttpResponse response =
      MakeDispatcher().Handle(Request("GET", "/api/v1/projects/a%20b?q=x+y"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(nlohmann::json::parse(response.body), (nlohmann::json{{"id", "a b"}, {"q", "x y"}}));
  ExpectSecurityHeaders(response);
  EXPECT_EQ(response.headers.Get("Cache-Control"), "no-store");
}

TEST_F(DispatcherTest, NotFoundAndMethodNotAllowedCarryTheErrorBody) {
  const Dispatcher dispatcher = MakeDispatcher();
  const HttpResponse missing = dispatcher.Handle(Request("GET", "/api/v1/nothing"));
  EXPECT_EQ(missing.status, 404);
  ExpectSecurityHeaders(missing);
  const auto body = nlohmann::json::parse(missing.body);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_EQ(body["error"]["correlation_id"], *missing.headers.Get("X-Request-Id"));

  const HttpResponse wrong = dispatcher.Handle(Request("PUT", "/api/v1/projects/1"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers.Get("Allow"), "GET, POST");
  ExpectSecurityHeaders(wrong);
}

TEST_F(DispatcherTest, ExceptionBecomesGeneric500AndIsLoggedWithTheId) {
  const HttpResponse response = MakeDispatcher().Handle(Request("GET", "/api/v1/boom"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(response.body.find("runtime_error"), std::string::npos);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["message"], std::string(kInternalErrorMessage));
  const std::string id = body["error"]["correlation_id"];
  ExpectSecurityHeaders(response);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_NE(log_[0].find(id), std::string::npos);
  EXPECT_NE(log_[0].find("secret at /etc/chorus.conf"), std::string::npos);
  EXPECT_TRUE(response.log_note.empty());
}

TEST_F(DispatcherTest, InternalStatusFromAHandlerIsLoggedNotSent) {
  const HttpResponse response = MakeDispatcher().Handle(Request("GET", "/api/v1/db"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("sqlite"), std::string::npos);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_NE(log_[0].find("sqlite: disk I/O error"), std::string::npos);
}

TEST_F(DispatcherTest, HandlerCannotAddABannerOrDuplicateSecurityHeaders) {
  const HttpResponse response = MakeDispatcher().Handle(Request("GET", "/api/v1/banner"));
  ExpectSecurityHeaders(response);
}

TEST_F(DispatcherTest, BadQueryEscapeIs400) {
  const HttpResponse response = MakeDispatcher().Handle(Request("GET", "/api/v1/projects/1?q=%zz"));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["field"], "query");
}

TEST_F(DispatcherTest, CrossOriginStateChangeIsRefused) {
  const Dispatcher dispatcher = MakeDispatcher();
  HttpRequest evil = Request("POST", "/api/v1/projects/1");
  evil.headers.Set("Origin", "https://evil.example");
  EXPECT_EQ(dispatcher.Handle(evil).status, 403);
  HttpRequest null_origin = Request("POST", "/api/v1/projects/1");
  null_origin.headers.Set("Origin", "null");
  EXPECT_EQ(dispatcher.Handle(null_origin).status, 403);
  HttpRequest same = Request("POST", "/api/v1/projects/1");
  same.headers.Set("Origin", "http://127.0.0.1:8080");
  EXPECT_EQ(dispatcher.Handle(same).status, 201);
  HttpRequest no_origin = Request("POST", "/api/v1/projects/1");  // curl, scripts
  EXPECT_EQ(dispatcher.Handle(no_origin).status, 201);
  HttpRequest read = Request("GET", "/api/v1/projects/1");  // Reads are not refused.
  read.headers.Set("Origin", "https://evil.example");
  EXPECT_EQ(dispatcher.Handle(read).status, 200);
}

TEST_F(DispatcherTest, TransportErrorsGetTheSameHeaders) {
  const HttpResponse response =
      MakeDispatcher().ErrorFor(413, "payload_too_large", "too big", "/api/v1/x");
  EXPECT_EQ(response.status, 413);
  ExpectSecurityHeaders(response);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "payload_too_large");
}

TEST(CorrelationId, IsSixteenHexDigitsAndVaries) {
  const std::string a = NewCorrelationId();
  const std::string b = NewCorrelationId();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace chorus::server
