// HTTP scenarios against a real in-process server on an ephemeral loopback port: routing,
// limits, error bodies and security headers as a client sees them on the wire. Covers
// security catalogue entries 23-25, 27, 38-39, 55, 80, 81 and 83 at the transport level.
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/error_response.h"
#include "server/health_route.h"
#include "server/json_body.h"
#include "server/server.h"
#include "server/static_assets.h"
#include "tests/api/http_client.h"

std::span<const chorus::server::EmbeddedFile> ChorusTestAssets();  // Generated.

namespace chorus::server {
namespace {

using std::chrono::milliseconds;
using test::ClientResponse;
using test::Fetch;
using test::RequestText;
using test::TestConnection;

constexpr uint64_t kEchoLimit = 1024;

// A server with the health route, a JSON echo route limited to kEchoLimit bytes, a route
// that throws, a route with a path parameter and the fixture static files.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = {}) {
    Router router;
    EXPECT_TRUE(AddHealthRoute(router, "test-version").ok());
    RouteOptions small;
    small.max_body_bytes = kEchoLimit;
    EXPECT_TRUE(router
                    .Add(
                        "POST", "/api/v1/echo",
                        [](const HttpRequest& request) {
                          auto json = ParseJsonBody(request);
                          if (!json.ok())
                            return ErrorResponse(json.status(), request.correlation_id);
                          return JsonResponse(200, {{"received", *json}});
                        },
                        small)
                    .ok());
    EXPECT_TRUE(router
                    .Add("GET", "/api/v1/boom",
                         [](const HttpRequest&) -> HttpResponse {
                           throw std::runtime_error(
                               "connection string postgresql://admin:hunter2@db/chorus");
                         })
                    .ok());
    EXPECT_TRUE(router
                    .Add("GET", "/api/v1/busy",
                         [](const HttpRequest& request) {
                           return ErrorResponse(Status(StatusCode::kUnavailable,
                                                       "the database is busy; retry in a moment"),
                                                request.correlation_id);
                         })
                    .ok());
    EXPECT_TRUE(router
                    .Add("GET", "/api/v1/projects/{id}/tasks",
                         [](const HttpRequest& request) {
                           return JsonResponse(200, {{"project", request.PathParam("id")}});
                         })
                    .ok());
    auto assets = std::make_shared<const StaticAssets>(ChorusTestAssets());
    router.SetFallback([assets](const HttpRequest& request) { return assets->Serve(request); });

    options.listen = "127.0.0.1:0";
    options.worker_threads = 2;
    options.log = [this](std::string_view line) {
      std::lock_guard lock(mutex_);
      log_.emplace_back(line);
    };
    server_ = std::make_unique<Server>(std::move(router), std::move(options));
    const Status started = server_->Start();
    EXPECT_TRUE(started.ok()) << started.ToString();
  }

  int port() const { return server_->port(); }
  Server& server() { return *server_; }
  std::vector<std::string> log() {
    std::lock_guard lock(mutex_);
    return log_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> log_;
  std::unique_ptr<Server> server_;  // Last: stopped before the log goes away.
};

void ExpectSecurityHeaders(const ClientResponse& response) {
  EXPECT_EQ(response.Header("Content-Security-Policy"),
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer");
  EXPECT_FALSE(response.Header("Server").has_value());
  for (const auto& [name, value] : response.headers) {
    EXPECT_EQ(response.HeaderCount(name), 1) << "duplicate header " << name;
  }
}

// An error body as the API promises it, with the id that X-Request-Id carries.
void ExpectErrorBody(const ClientResponse& response, const std::string& code) {
  ASSERT_EQ(response.Header("Content-Type"), "application/json; charset=utf-8");
  const auto body = response.Json();
  ASSERT_TRUE(body.contains("error")) << response.body;
  EXPECT_EQ(body["error"]["code"], code);
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_TRUE(body["error"].contains("field"));
  const std::string id = body["error"]["correlation_id"];
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(response.Header("X-Request-Id"), id);
}

TEST(ServerApi, HealthAnswersJson) {
  TestServer server;
  auto response = Fetch(server.port(), "GET", "/api/v1/health");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(response->Json(), (nlohmann::json{{"status", "ok"}, {"version", "test-version"}}));
  EXPECT_EQ(response->Header("Cache-Control"), "no-store");
  ExpectSecurityHeaders(*response);
}

TEST(ServerApi, UnknownPathIs404AndOtherMethodIs405WithAllow) {
  TestServer server;
  auto missing = Fetch(server.port(), "GET", "/api/v1/nothing-here");
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->status, 404);
  ExpectErrorBody(*missing, "not_found");
  ExpectSecurityHeaders(*missing);

  auto wrong = Fetch(server.port(), "DELETE", "/api/v1/health");
  ASSERT_TRUE(wrong.has_value());
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->Header("Allow"), "GET");
  ExpectErrorBody(*wrong, "method_not_allowed");
  ExpectSecurityHeaders(*wrong);
}

TEST(ServerApi, PathParametersAreDecoded) {
  TestServer server;
  auto response = Fetch(server.port(), "GET", "/api/v1/projects/p%201/tasks?x=1");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Json()["project"], "p 1");
}

TEST(ServerApi, JsonBodyWithinTheLimitIsEchoed) {
  TestServer server;
  auto response = Fetch(server.port(), "POST", "/api/v1/echo", R"({"text": "日本語 🎉"})",
                        "Content-Type: application/json\r\n");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(response->Json()["received"]["text"], "日本語 🎉");
}

// Catalogue 23: a declared length over the route's limit is refused before the body is sent,
// and the connection is closed.
TEST(ServerApi, ContentLengthOverTheLimitIs413BeforeTheBody) {
  TestServer server;
  TestConnection connection(server.port());
  ASSERT_TRUE(
      connection.Send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n"));
  auto response = connection.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 413);
  ExpectErrorBody(*response, "payload_too_large");
  ExpectSecurityHeaders(*response);
  EXPECT_TRUE(connection.ClosedByPeer(milliseconds(5000)));
}

// Catalogue 23: a chunked body is counted as it arrives; 4 KiB against a 1 KiB limit.
TEST(ServerApi, ChunkedBodyOverTheLimitIs413) {
  TestServer server;
  TestConnection connection(server.port());
  std::string request =
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 8; ++i) request += "200\r\n" + std::string(512, ' ') + "\r\n";
  request += "0\r\n\r\n";
  connection.Send(request);  // The server may stop reading part-way; that is fine.
  auto response = connection.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 413);
  ExpectErrorBody(*response, "payload_too_large");
  ExpectSecurityHeaders(*response);
  EXPECT_TRUE(connection.ClosedByPeer(milliseconds(5000)));
}

TEST(ServerApi, ChunkedBodyWithinTheLimitIsAccepted) {
  TestServer server;
  TestConnection connection(server.port());
  ASSERT_TRUE(connection.Send(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n4\r\n[1,2\r\n2\r\n,3\r\n1\r\n]\r\n0\r\n\r\n"));
  auto response = connection.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(response->Json()["received"], nlohmann::json::parse("[1,2,3]"));
}

// Catalogue 24, 25, 27: each malformed body is a 400 with the error body and an id, and no
// parser internals or stack trace.
TEST(ServerApi, MalformedJsonIs400WithTheErrorBody) {
  TestServer server;
  const std::string bodies[] = {
      "{\"a\": ",
      "{\"a\": NaN}",
      "[Infinity]",
      "{\"a\": 1, \"a\": 2}",
      "[1,]",
      "{\"a\": 1} trailing",
      "[\"caf\xe9\"]",
      "[\"\\ud800\"]",
      std::string(40, '[') + std::string(40, ']'),  // Deeper than 32; 100,000 deep below.
  };
  for (const std::string& body : bodies) {
    SCOPED_TRACE(body.substr(0, 40));
    TestConnection connection(server.port());
    ASSERT_TRUE(connection.Send(
        RequestText("POST", "/api/v1/echo", body, "Content-Type: application/json\r\n")));
    auto response = connection.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 400);
    ExpectErrorBody(*response, "invalid_argument");
    EXPECT_EQ(response->body.find("json.exception"), std::string::npos);
    EXPECT_EQ(response->body.find(".cc"), std::string::npos);
  }
}

TEST(ServerApi, HundredThousandNestedBracketsIs400NestingTooDeep) {
  Router router;
  ASSERT_TRUE(router
                  .Add("POST", "/api/v1/import",
                       [](const HttpRequest& request) {
                         auto json = ParseJsonBody(request);
                         if (!json.ok())
                           return ErrorResponse(json.status(), request.correlation_id);
                         return JsonResponse(200, nlohmann::json::object());
                       })
                  .ok());
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  Server server(std::move(router), options);
  ASSERT_TRUE(server.Start().ok());
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  auto response =
      Fetch(server.port(), "POST", "/api/v1/import", deep, "Content-Type: application/json\r\n");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
  ExpectErrorBody(*response, "invalid_argument");
  EXPECT_NE(response->Json()["error"]["message"].get<std::string>().find("nesting too deep"),
            std::string::npos);
}

// Catalogue 55: a cross-site form post cannot send application/json, and a foreign Origin
// is refused before the handler runs.
TEST(ServerApi, CrossSiteRequestsAreRefused) {
  TestServer server;
  auto text_plain =
      Fetch(server.port(), "POST", "/api/v1/echo", "{\"a\": 1}", "Content-Type: text/plain\r\n");
  ASSERT_TRUE(text_plain.has_value());
  EXPECT_EQ(text_plain->status, 400);
  EXPECT_EQ(text_plain->Json()["error"]["field"], "Content-Type");
  auto foreign = Fetch(server.port(), "POST", "/api/v1/echo", "{\"a\": 1}",
                       "Content-Type: application/json\r\nOrigin: https://evil.example\r\n");
  ASSERT_TRUE(foreign.has_value());
  EXPECT_EQ(foreign->status, 403);
  ExpectErrorBody(*foreign, "permission_denied");
}

// Catalogue 81: an exception is a generic 500; the detail goes to the log with the id.
TEST(ServerApi, ExceptionInAHandlerIsAGeneric500) {
  TestServer server;
  auto response = Fetch(server.port(), "GET", "/api/v1/boom");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  ExpectErrorBody(*response, "internal");
  ExpectSecurityHeaders(*response);
  EXPECT_EQ(response->body.find("hunter2"), std::string::npos);
  EXPECT_EQ(response->body.find("runtime_error"), std::string::npos);
  const std::string id = response->Json()["error"]["correlation_id"];
  const auto log = server.log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find(id), std::string::npos);
}

// Catalogue 7 and 20: a 503 tells the client to come back (Retry-After) and the operator why
// (a log line with the correlation id).
TEST(ServerApi, UnavailableIs503WithRetryAfterAndALogLine) {
  TestServer server;
  auto response = Fetch(server.port(), "GET", "/api/v1/busy");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->Header("Retry-After").value_or(""), "1");
  ExpectErrorBody(*response, "unavailable");
  ExpectSecurityHeaders(*response);
  const std::string id = response->Json()["error"]["correlation_id"];
  const auto log = server.log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find(id), std::string::npos);
  EXPECT_NE(log[0].find("the database is busy"), std::string::npos) << log[0];
}

// Catalogue 80: the same headers on 200, 404, 413 and 500 (checked above) and on static files.
TEST(ServerApi, StaticFilesAreServedWithSecurityHeaders) {
  TestServer server;
  auto index = Fetch(server.port(), "GET", "/");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(index->body.find("Chorus test"), std::string::npos);
  ExpectSecurityHeaders(*index);
  auto script = Fetch(server.port(), "GET", "/assets/app.js");
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->Header("Content-Type"), "text/javascript; charset=utf-8");
}

// Catalogue 38, 39: traversal spellings reach nothing, not even an embedded file.
TEST(ServerApi, PathTraversalOnStaticFilesIs404) {
  TestServer server;
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/static/..%2fsecret.txt", "/assets/../index.html",
        "/assets/..%2f..%2fsecret.txt", "/static../secret.txt", "/%2e%2e%2fsecret.txt",
        "/..%252f..%252fsecret.txt", "/assets/%2e%2e/index.html"}) {
    SCOPED_TRACE(target);
    auto response = Fetch(server.port(), "GET", target);
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 404);
    EXPECT_EQ(response->body.find("never be served"), std::string::npos);
    ExpectSecurityHeaders(*response);
  }
}

TEST(ServerApi, KeepAliveServesTwoRequestsOnOneConnection) {
  TestServer server;
  TestConnection connection(server.port());
  ASSERT_TRUE(connection.Send(RequestText("GET", "/api/v1/health")));
  auto first = connection.Read();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  ASSERT_TRUE(connection.Send(RequestText("GET", "/api/v1/projects/7/tasks")));
  auto second = connection.Read();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->Json()["project"], "7");
  EXPECT_NE(first->Header("X-Request-Id"), second->Header("X-Request-Id"));
}

// Catalogue 83: a client that sends its headers one byte at a time is cut off at the
// read deadline.
TEST(ServerApi, SlowHeadersAreDisconnected) {
  ServerOptions options;
  options.read_timeout = milliseconds(300);
  TestServer server(options);
  TestConnection connection(server.port());
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {  // Up to 10 s of trickling.
    closed = !connection.Send(i < static_cast<int>(request.size()) ? request.substr(i, 1) : "a") ||
             connection.ClosedByPeer(milliseconds(100));
  }
  EXPECT_TRUE(closed);
}

TEST(ServerApi, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout = milliseconds(200);
  TestServer server(options);
  TestConnection connection(server.port());
  ASSERT_TRUE(connection.Send(RequestText("GET", "/api/v1/health")));
  ASSERT_TRUE(connection.Read().has_value());
  EXPECT_TRUE(connection.ClosedByPeer(milliseconds(10'000)));
}

// curl sends "Expect: 100-continue" before large bodies and waits for the interim answer.
TEST(ServerApi, ExpectContinueGetsAnInterimResponseThenTheAnswer) {
  TestServer server;
  TestConnection connection(server.port());
  const std::string body = "{\"a\": [1, 2, 3]}";
  ASSERT_TRUE(
      connection.Send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Expect: 100-continue\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n"));
  auto interim = connection.Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.Send(body));
  auto response = connection.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(response->Json()["received"]["a"][2], 3);
}

TEST(ServerApi, HeadersOverTheLimitAre431) {
  ServerOptions options;
  options.max_header_bytes = 2048;
  TestServer server(options);
  auto response = Fetch(server.port(), "GET", "/api/v1/health", "",
                        "X-Big: " + std::string(4096, 'a') + "\r\n");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 431);
  ExpectSecurityHeaders(*response);
}

TEST(ServerApi, MalformedRequestLineIs400) {
  TestServer server;
  TestConnection connection(server.port());
  ASSERT_TRUE(connection.Send("G(T / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto response = connection.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
  ExpectSecurityHeaders(*response);
}

// Catalogue 83: connections beyond the cap get 503 and are closed; the others still work.
TEST(ServerApi, ConnectionsBeyondTheCapGet503) {
  ServerOptions options;
  options.max_connections = 2;
  TestServer server(options);
  TestConnection first(server.port());
  TestConnection second(server.port());
  ASSERT_TRUE(first.Send(RequestText("GET", "/api/v1/health")));
  ASSERT_TRUE(first.Read().has_value());  // Both accepted before the third connects.
  ASSERT_TRUE(second.Send(RequestText("GET", "/api/v1/health")));
  ASSERT_TRUE(second.Read().has_value());
  TestConnection third(server.port());
  auto rejected = third.Read();
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ(rejected->status, 503);
  EXPECT_EQ(rejected->Header("Retry-After"), "1");
  ExpectSecurityHeaders(*rejected);
  ASSERT_TRUE(first.Send(RequestText("GET", "/api/v1/health")));
  auto again = first.Read();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, 200);
}

TEST(ServerApi, StopClosesIdleKeepAliveConnections) {
  TestServer server;
  TestConnection connection(server.port());
  ASSERT_TRUE(connection.Send(RequestText("GET", "/api/v1/health")));
  ASSERT_TRUE(connection.Read().has_value());
  std::thread stopper([&server] { server.server().Stop(); });
  EXPECT_TRUE(connection.ClosedByPeer(milliseconds(5000)));
  stopper.join();
  EXPECT_FALSE(Fetch(server.port(), "GET", "/api/v1/health").has_value());
}

TEST(ServerApi, BindingABusyPortFailsWithAnActionableMessage) {
  TestServer first;
  Router router;
  ServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(first.port());
  Server second(std::move(router), options);
  const Status status = second.Start();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(status.field(), "--listen");
}

}  // namespace
}  // namespace chorus::server
