#include "server/json_body.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace chorus::server {
namespace {

HttpRequest JsonRequest(std::string body, std::string type = "application/json") {
  HttpRequest request;
  request.method = "POST";
  request.headers.Set("Content-Type", type);
  request.body = std::move(body);
  return request;
}

TEST(ParseJsonBody, ParsesAnObject) {
  auto json = ParseJsonBody(JsonRequest(R"({"name": "Ünïcode ✓", "n": [1, 2.5, null]})"));
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ((*json)["name"], "Ünïcode ✓");
  EXPECT_EQ((*json)["n"][1], 2.5);
}

TEST(ParseJsonBody, AcceptsCharsetParameterAndCaseInsensitiveMediaType) {
  EXPECT_TRUE(ParseJsonBody(JsonRequest("{}", "Application/JSON; charset=utf-8")).ok());
}

TEST(ParseJsonBody, RefusesOtherContentTypes) {
  // A cross-site form or text/plain "simple request" cannot set application/json (catalogue 55).
  for (const std::string type :
       {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
    auto json = ParseJsonBody(JsonRequest("{}", type));
    ASSERT_FALSE(json.ok()) << type;
    EXPECT_EQ(json.status().field(), "Content-Type");
  }
}

// Catalogue 24: every flavour of malformed JSON is a 400-class error with a position.
TEST(ParseJsonText, RejectsMalformedJson) {
  const std::string cases[] = {
      "{",                 // truncated
      "{\"a\": 1} x",      // trailing garbage
      "[1, 2,]",           // trailing comma
      "{\"a\": NaN}",      // NaN
      "[Infinity]",        // Infinity
      "[-Infinity]",       //
      "// comment\n{}",    // comments
      "{\"a\": \"\\q\"}",  // bad escape
      "{'a': 1}",          // single quotes
      "",                  // empty
  };
  for (const std::string& text : cases) {
    auto json = ParseJsonText(text);
    ASSERT_FALSE(json.ok()) << text;
    EXPECT_EQ(json.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_TRUE(json.status().field().starts_with("body")) << text;
    EXPECT_EQ(json.status().message().find("json.exception"), std::string::npos) << text;
  }
}

TEST(ParseJsonText, ReportsLineAndColumn) {
  auto json = ParseJsonText("{\n  \"a\": tru\n}");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.status().field().substr(0, 7), "body:2:");
}

TEST(ParseJsonText, RejectsDuplicateKeysAtAnyDepth) {
  EXPECT_FALSE(ParseJsonText(R"({"a": 1, "a": 2})").ok());
  auto nested = ParseJsonText(R"({"x": [{"b": 1, "c": {"b": 2}, "b": 3}]})");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("\"b\""), std::string::npos);
  // The same key in sibling objects is fine.
  EXPECT_TRUE(ParseJsonText(R"([{"a": 1}, {"a": 2}, {"o": {"a": 3}, "a": 4}])").ok());
}

// Catalogue 25: 100,000 nested '[' stop at the depth limit before any parsing.
TEST(ParseJsonText, DeepNestingIsRefusedWithoutRecursion) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  auto json = ParseJsonText(deep);
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.status().message().find("nesting too deep"), std::string::npos);
  EXPECT_EQ(json.status().field(), "body:1:33");
  // Exactly at the limit is fine; brackets inside strings do not count.
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(ParseJsonText("[[[1]]]", limits).ok());
  EXPECT_FALSE(ParseJsonText("[[[[1]]]]", limits).ok());
  EXPECT_TRUE(ParseJsonText(R"(["[[[[[", "\"[[[[["])", limits).ok());
}

// Catalogue 26: size and element limits.
TEST(ParseJsonText, SizeAndElementLimits) {
  JsonLimits small;
  small.max_bytes = 50;
  small.max_elements = 10;
  EXPECT_FALSE(ParseJsonText(std::string(100, ' ') + "1", small).ok());
  std::string many = "[";
  for (int i = 0; i < 20; ++i) many += "1,";
  many += "1]";
  EXPECT_FALSE(ParseJsonText(many, small).ok());
  EXPECT_TRUE(ParseJsonText(many).ok());
  EXPECT_FALSE(ParseJsonText("1e999999").ok());  // Out of range for a double.
}

// Catalogue 27: bytes that are not UTF-8 and lone surrogates are refused; real text is kept.
TEST(ParseJsonText, RejectsInvalidUtf8AndLoneSurrogates) {
  const std::string cases[] = {
      "[\"caf\xe9\"]",               // Latin-1
      "[\"\xc0\xaf\"]",              // overlong '/'
      "[\"\xed\xa0\x80\"]",          // UTF-8-encoded surrogate
      "[\"\\ud800\"]",               // lone surrogate escape
      "[\"\\udc00x\"]",              // lone low surrogate
      std::string("[\"a\0b\"]", 7),  // raw NUL inside a string
  };
  for (const std::string& text : cases) EXPECT_FALSE(ParseJsonText(text).ok()) << text;
  auto mixed = ParseJsonText("[\"日本語 עברית 🎉 e\xcc\x81\", \"\\ud83c\\udf89\"]");
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  EXPECT_EQ((*mixed)[0], "日本語 עברית 🎉 e\xcc\x81");
  EXPECT_EQ((*mixed)[1], "🎉");
}

TEST(JsonResponse, WritesCompactUtf8AndReplacesInvalidBytes) {
  const HttpResponse response = JsonResponse(201, {{"s", std::string("ok\xff")}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(response.body, "{\"s\":\"ok\xef\xbf\xbd\"}");
}

}  // namespace
}  // namespace chorus::server
