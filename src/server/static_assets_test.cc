#include "server/static_assets.h"

#include <gtest/gtest.h>

namespace chorus::server {
namespace {

constexpr EmbeddedFile kFiles[] = {
    {"/index.html", "<!doctype html><title>t</title>"},
    {"/assets/app.js", "console.log(1)"},
    {"/logo.svg", "<svg/>"},
};

HttpRequest Get(std::string path) {
  HttpRequest request;
  request.method = "GET";
  request.target = path;
  request.path = std::move(path);
  return request;
}

TEST(StaticAssets, ServesExactPathsWithTheirContentType) {
  const StaticAssets assets(kFiles);
  auto js = assets.Serve(Get("/assets/app.js"));
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  auto root = assets.Serve(Get("/"));
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(root->body, "<!doctype html><title>t</title>");
}

// Catalogue 38, 39: nothing outside the table, however the path is spelt.
TEST(StaticAssets, TraversalAndNearMissesAreNotServed) {
  const StaticAssets assets(kFiles);
  for (const char* path :
       {"/../index.html", "/assets/../index.html", "/%2e%2e/index.html", "/assets/..%2findex.html",
        "/static/..%2fsecret", "/static../index.html", "/index.html/", "//index.html",
        "/INDEX.HTML", "/index.html%00", "/assets", "/assets/", "/etc/passwd",
        "/%252e%252e/index.html", "index.html"}) {
    EXPECT_FALSE(assets.Serve(Get(path)).has_value()) << path;
  }
}

TEST(StaticAssets, OnlyGet) {
  const StaticAssets assets(kFiles);
  HttpRequest post = Get("/index.html");
  post.method = "POST";
  auto response = assets.Serve(post);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->headers.Get("Allow"), "GET");
}

TEST(ContentTypeFor, KnownAndUnknownExtensions) {
  EXPECT_EQ(ContentTypeFor("/a/b.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/a.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("/a.wasm"), "application/wasm");
  EXPECT_EQ(ContentTypeFor("/a.exe"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("/dir.d/noext"), "application/octet-stream");
}

}  // namespace
}  // namespace chorus::server
