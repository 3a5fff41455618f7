#include "server/router.h"

#include <gtest/gtest.h>

namespace chorus::server {
namespace {

HttpHandler Named(std::string name) {
  return [name](const HttpRequest&) {
    HttpResponse response;
    response.body = name;
    return response;
  };
}

RouteOptions Limit(uint64_t bytes) {
  RouteOptions options;
  options.max_body_bytes = bytes;
  return options;
}

std::string Call(const Router::Match& match) {
  return match.route == nullptr ? "" : match.route->handler(HttpRequest{}).body;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router router;
  ASSERT_TRUE(router.Add("GET", "/api/v1/health", Named("health")).ok());
  ASSERT_TRUE(router.Add("GET", "/api/v1/projects/{id}/tasks", Named("tasks")).ok());
  const auto health = router.Find("GET", "/api/v1/health");
  EXPECT_EQ(health.kind, Router::Match::kFound);
  EXPECT_EQ(Call(health), "health");
  const auto tasks = router.Find("GET", "/api/v1/projects/p7/tasks");
  ASSERT_EQ(tasks.kind, Router::Match::kFound);
  EXPECT_EQ(Call(tasks), "tasks");
  EXPECT_EQ(tasks.params.at("id"), "p7");
}

TEST(Router, DecodesParametersAfterSplittingSoEncodedSlashStaysInside) {
  Router router;
  ASSERT_TRUE(router.Add("GET", "/files/{name}", Named("file")).ok());
  const auto match = router.Find("GET", "/files/a%2Fb%20c");
  ASSERT_EQ(match.kind, Router::Match::kFound);
  EXPECT_EQ(match.params.at("name"), "a/b c");
  EXPECT_EQ(router.Find("GET", "/files/a/b").kind, Router::Match::kNotFound);
  EXPECT_EQ(router.Find("GET", "/files/%zz").kind, Router::Match::kNotFound);
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrderOfAdding) {
  Router router;
  ASSERT_TRUE(router.Add("GET", "/projects/{id}", Named("by-id")).ok());
  ASSERT_TRUE(router.Add("GET", "/projects/new", Named("new")).ok());
  EXPECT_EQ(Call(router.Find("GET", "/projects/new")), "new");
  EXPECT_EQ(Call(router.Find("GET", "/projects/42")), "by-id");
}

TEST(Router, UnknownPathIsNotFoundAndNoTrailingSlashOrCaseFolding) {
  Router router;
  ASSERT_TRUE(router.Add("GET", "/api/v1/health", Named("health")).ok());
  EXPECT_EQ(router.Find("GET", "/api/v1/healthz").kind, Router::Match::kNotFound);
  EXPECT_EQ(router.Find("GET", "/api/v1/health/").kind, Router::Match::kNotFound);
  EXPECT_EQ(router.Find("GET", "/API/v1/health").kind, Router::Match::kNotFound);
  EXPECT_EQ(router.Find("GET", "//api/v1/health").kind, Router::Match::kNotFound);
  EXPECT_EQ(router.Find("GET", "api/v1/health").kind, Router::Match::kNotFound);
  EXPECT_EQ(router.Find("GET", "").kind, Router::Match::kNotFound);
}

TEST(Router, OtherMethodOnKnownPathListsAllowedMethodsSorted) {
  Router router;
  ASSERT_TRUE(router.Add("POST", "/api/v1/projects/{id}", Named("post")).ok());
  ASSERT_TRUE(router.Add("GET", "/api/v1/projects/{id}", Named("get")).ok());
  const auto match = router.Find("DELETE", "/api/v1/projects/3");
  EXPECT_EQ(match.kind, Router::Match::kMethodNotAllowed);
  EXPECT_EQ(match.allow, "GET, POST");
  EXPECT_EQ(match.route, nullptr);
}

TEST(Router, RejectsBadPatternsAndDuplicates) {
  Router router;
  EXPECT_FALSE(router.Add("GET", "api/v1", Named("x")).ok());
  EXPECT_FALSE(router.Add("GET", "/api//v1", Named("x")).ok());
  EXPECT_FALSE(router.Add("GET", "/api/v1/", Named("x")).ok());
  EXPECT_FALSE(router.Add("GET", "/a/{}", Named("x")).ok());
  EXPECT_FALSE(router.Add("GET", "/a/{id", Named("x")).ok());
  EXPECT_FALSE(router.Add("GET", "/a/x{id}", Named("x")).ok());
  EXPECT_FALSE(router.Add("GET", "/a/{id}/b/{id}", Named("x")).ok());
  ASSERT_TRUE(router.Add("GET", "/a/{id}", Named("x")).ok());
  const Status duplicate = router.Add("GET", "/a/{other}", Named("y"));
  EXPECT_EQ(duplicate.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(duplicate.field(), "GET /a/{other}");
  EXPECT_TRUE(router.Add("POST", "/a/{id}", Named("z")).ok());
  EXPECT_TRUE(router.Add("GET", "/", Named("root")).ok());
  EXPECT_EQ(Call(router.Find("GET", "/")), "root");
}

TEST(Router, BodyLimitIsTheRoutesOrTheDefault) {
  Router router;
  ASSERT_TRUE(router.Add("POST", "/small", Named("s"), Limit(10)).ok());
  ASSERT_TRUE(router.Add("POST", "/big", Named("b"), Limit(5 << 20)).ok());
  EXPECT_EQ(router.OptionsFor("POST", "/small").max_body_bytes, 10u);
  EXPECT_EQ(router.OptionsFor("POST", "/big").max_body_bytes, 5u << 20);
  EXPECT_EQ(router.OptionsFor("POST", "/elsewhere").max_body_bytes, RouteOptions{}.max_body_bytes);
  EXPECT_EQ(router.OptionsFor("GET", "/small").max_body_bytes, RouteOptions{}.max_body_bytes);
}

}  // namespace
}  // namespace chorus::server
