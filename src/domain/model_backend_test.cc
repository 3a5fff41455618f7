#include "domain/model_backend.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

TEST(ModelBackendTest, RoundTripsThroughJsonAndText) {
  ModelBackend b;
  b.kind = ModelBackendKind::kChatCompletions;
  b.url = "https://api.example.com/v1";
  b.model = "gpt-4o-mini";
  b.api_key_env = "CHORUS_MODEL_KEY_OPENAI";
  b.max_requests_per_minute = 30;
  b.timeout_ms = 5000;
  b.max_retries = 2;
  b.few_shot = 4;
  ASSERT_TRUE(ValidateModelBackend(b).ok());
  auto back = ModelBackendFromText(ModelBackendToText(b));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, b);
  EXPECT_EQ(ChatModelVersion(b), "llm:gpt-4o-mini");
}

TEST(ModelBackendTest, RefusesWhatCannotWorkNamingTheField) {
  const auto field_of = [](const nlohmann::json& json) {
    auto b = ModelBackendFromJson(json);
    if (!b.ok()) return b.status().field();
    return ValidateModelBackend(*b).field();
  };
  EXPECT_EQ(field_of({{"url", "http://x"}}), "kind");
  EXPECT_EQ(field_of({{"kind", "sagemaker"}, {"url", "http://x"}}), "kind");
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "file:///etc/passwd"}}), "url");
  EXPECT_EQ(field_of({{"kind", "chat_completions"}, {"url", "http://x"}}), "model");
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"}, {"api_key_env", "sk-abc"}}),
            "api_key_env");
  // Only variables the operator marked for model backends: never the server's other secrets.
  for (const char* secret : {"CHORUS_ADMIN_PASSWORD", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD",
                             "OPENAI_API_KEY", "CHORUS_MODEL_KEY_"}) {
    EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"}, {"api_key_env", secret}}),
              "api_key_env")
        << secret;
  }
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"},
                      {"api_key_env", "CHORUS_MODEL_KEY_OPENAI"}}),
            "");
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"}, {"api_key", "sk-abc"}}),
            "api_key");  // Unknown: a key is never accepted, only a variable's name.
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"}, {"timeout_ms", 5}}),
            "timeout_ms");
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"}, {"few_shot", 21}}),
            "few_shot");
  EXPECT_EQ(field_of({{"kind", "label_studio"}, {"url", "http://x"}}), "");
}

}  // namespace
}  // namespace chorus::domain
