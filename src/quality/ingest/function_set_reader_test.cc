#include "quality/ingest/function_set_reader.h"

#include <gtest/gtest.h>

namespace chorus::quality {
namespace {

TEST(FunctionSetReaderTest, ReadsKeywordAndRegexFunctions) {
  auto set = ParseFunctionSet(R"({"labels": ["spam", "ham"], "functions": [
    {"name": "money", "kind": "keyword", "keywords": ["free money"], "label": "spam"},
    {"name": "opt_out", "kind": "regex", "pattern": "opt.?out", "case_sensitive": true, "label": "spam"}]})");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->labels, (std::vector<std::string>{"spam", "ham"}));
  ASSERT_EQ(set->functions.size(), 2u);
  EXPECT_TRUE(set->functions[1].Matches("opt out"));
  EXPECT_FALSE(set->functions[1].Matches("OPT OUT"));
}

TEST(FunctionSetReaderTest, ErrorsNameTheField) {
  const auto field = [](std::string_view text) { return ParseFunctionSet(text).status().field(); };
  EXPECT_EQ(field(R"({"labels": ["a"], "functions": []})"), "labels");
  EXPECT_EQ(field(R"({"labels": ["a", "b"], "functions": []})"), "functions");
  EXPECT_EQ(
      field(
          R"({"labels": ["a", "b"], "functions": [{"name": "f", "kind": "regex", "pattern": "(", "label": "a"}]})"),
      "functions[0].pattern");
  EXPECT_EQ(
      field(
          R"({"labels": ["a", "b"], "functions": [{"name": "f", "kind": "keyword", "keywords": ["x"], "label": "c"}]})"),
      "functions[0].label");
  EXPECT_EQ(
      field(
          R"({"labels": ["a", "b"], "functions": [{"name": "f", "kind": "magic", "label": "a"}]})"),
      "functions[0].kind");
  EXPECT_EQ(
      field(
          R"({"labels": ["a", "b"], "functions": [{"name": "f", "kind": "keyword", "keywords": ["x"], "label": "a", "weight": 2}]})"),
      "functions[0].weight");
  EXPECT_EQ(field(R"({"labels": ["a", "b"], "functions": [
      {"name": "f", "kind": "keyword", "keywords": ["x"], "label": "a"},
      {"name": "f", "kind": "keyword", "keywords": ["y"], "label": "b"}]})"),
            "functions[1].name");
  EXPECT_FALSE(ParseFunctionSet("not json").ok());
}

}  // namespace
}  // namespace chorus::quality
