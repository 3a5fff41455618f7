// A project's model backend (issue 7 item 1, "models in the loop"): the server Chorus asks for
// draft answers. Either a Label Studio ML backend (the /health, /setup, /predict, /webhook,
// /train protocol, service/ml_backend_client.h) or an OpenAI-compatible chat-completions API
// (service/chat_completions_client.h). The API key is never stored: only the NAME of the
// environment variable of the server process that holds it.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

// The only environment variables a model backend may read its key from start with this.
inline constexpr const char* kModelKeyEnvPrefix = "CHORUS_MODEL_KEY_";

enum class ModelBackendKind {
  kLabelStudio,      // A Label Studio ML backend.
  kChatCompletions,  // An OpenAI-compatible POST {url}/chat/completions.
};

const char* ModelBackendKindName(ModelBackendKind kind);  // "label_studio", "chat_completions".
Result<ModelBackendKind> ParseModelBackendKind(std::string_view name);

struct ModelBackend {
  ModelBackendKind kind = ModelBackendKind::kLabelStudio;
  std::string url;          // Base URL, http(s), e.g. "http://127.0.0.1:9090" or
                            // "https://api.openai.com/v1"; at most 2,000 bytes.
  std::string model;        // chat_completions: the model name (required); label_studio:
                            // ignored (the backend reports its model_version).
  // Name of the environment variable with the API key ("": none): kModelKeyEnvPrefix then
  // [A-Z0-9_], at most 128 bytes. Sent as a Bearer token to `url`. The prefix is the server
  // operator's consent: without it a manager could send any of the server's secrets
  // (CHORUS_ADMIN_PASSWORD, a database password, cloud keys) to a URL of their choosing.
  std::string api_key_env;
  int64_t max_requests_per_minute = 60;  // Rate limit of the drafting job, 1..10,000.
  int64_t timeout_ms = 30'000;           // Per request, 100..600,000.
  int64_t max_retries = 3;               // On 429, 5xx, timeouts and refused connections, 0..10.
  int64_t few_shot = 3;                  // chat_completions: gold examples in the prompt, 0..20.

  bool operator==(const ModelBackend&) const = default;
};

// kInvalidArgument naming the field: url not http(s) or too long, model missing for
// chat_completions, api_key_env not an environment variable name, numbers out of range.
// (Whether the URL's address may be reached is the outbound guard's check.)
Status ValidateModelBackend(const ModelBackend& backend);

nlohmann::json ToJson(const ModelBackend& backend);
// Fields left out keep their defaults except kind and url (required); unknown fields and wrong
// types are refused naming the field. Does not validate ranges (ValidateModelBackend does).
Result<ModelBackend> ModelBackendFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back.
std::string ModelBackendToText(const ModelBackend& backend);
Result<ModelBackend> ModelBackendFromText(std::string_view text);

// The model version of a chat-completions backend's predictions: "llm:" + model.
std::string ChatModelVersion(const ModelBackend& backend);

}  // namespace chorus::domain
