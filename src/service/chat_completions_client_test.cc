#include "service/chat_completions_client.h"

#include <gtest/gtest.h>

namespace chorus::service {
namespace {

using nlohmann::json;

TEST(ChatCompletionsTest, SchemaIsStrictWithEnumsOfOptionsAndLabels) {
  auto li = domain::ParseLabelInterface(R"({"controls": [
    {"type": "choices", "name": "topic", "to": "text", "options": ["a", "b"], "multiple": true},
    {"type": "spans", "name": "ents", "to": "text", "labels": ["PER"]},
    {"type": "rating", "name": "stars", "min": 1, "max": 3}]})");
  ASSERT_TRUE(li.ok()) << li.status().ToString();
  const json schema = ResultSchema(*li);
  EXPECT_EQ(schema["required"], json::array({"ents", "stars", "topic"}));
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["properties"]["topic"]["properties"]["choices"]["items"]["enum"],
            json::array({"a", "b"}));
  EXPECT_EQ(schema["properties"]["ents"]["properties"]["spans"]["items"]["properties"]["label"]
                  ["enum"],
            json::array({"PER"}));
  EXPECT_EQ(schema["properties"]["stars"]["properties"]["rating"]["type"], "integer");
  EXPECT_FALSE(schema.dump().find("maxItems") != std::string::npos);
}

TEST(ChatCompletionsTest, ReadsTheAnswerFromTheFirstChoiceFencedOrNot) {
  const auto reply = [](const std::string& content) {
    return json{{"choices", {{{"message", {{"role", "assistant"}, {"content", content}}}}}}};
  };
  EXPECT_EQ(*ChatAnswer(reply(R"({"topic": {"choices": ["a"]}})")),
            json::parse(R"({"topic": {"choices": ["a"]}})"));
  EXPECT_EQ(*ChatAnswer(reply("```json\n{\"topic\": {\"choices\": [\"b\"]}}\n```")),
            json::parse(R"({"topic": {"choices": ["b"]}})"));
  EXPECT_EQ(ChatAnswer(reply("It is about a.")).status().field(), "content");
  EXPECT_EQ(ChatAnswer(json{{"choices", json::array()}}).status().field(), "content");
}

}  // namespace
}  // namespace chorus::service
