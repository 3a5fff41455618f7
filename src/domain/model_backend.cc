#include "domain/model_backend.h"

#include <cctype>
#include <string>
#include <string_view>
#include <nlohmann/json.hpp>

#include "domain/json_fields.h"

namespace chorus::domain {
namespace {

constexpr size_t kMaxUrlBytes = 2000;
constexpr size_t kMaxEnvNameBytes = 128;

bool IsEnvName(std::string_view name) {
  if (name.empty() || name.size() > kMaxEnvNameBytes) return false;
  if (std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (const char c : name) {
    if (!(std::isupper(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

Status InRange(int64_t value, int64_t low, int64_t high, const char* field) {
  if (value >= low && value <= high) return Status::Ok();
  return InvalidArgument("must be between " + std::to_string(low) + " and " +
                             std::to_string(high),
                         field);
}

}  // namespace

const char* ModelBackendKindName(ModelBackendKind kind) {
  switch (kind) {
    case ModelBackendKind::kLabelStudio: return "label_studio";
    case ModelBackendKind::kChatCompletions: return "chat_completions";
  }
  return "label_studio";
}

Result<ModelBackendKind> ParseModelBackendKind(std::string_view name) {
  if (name == "label_studio") return ModelBackendKind::kLabelStudio;
  if (name == "chat_completions") return ModelBackendKind::kChatCompletions;
  return InvalidArgument("must be label_studio (a Label Studio ML backend) or chat_completions "
                         "(an OpenAI-compatible API)",
                         "kind");
}

Status ValidateModelBackend(const ModelBackend& b) {
  const bool http = b.url.rfind("http://", 0) == 0 || b.url.rfind("https://", 0) == 0;
  if (!http || b.url.size() > kMaxUrlBytes) {
    return InvalidArgument("must be an http:// or https:// URL of at most 2000 bytes", "url");
  }
  if (b.kind == ModelBackendKind::kChatCompletions && b.model.empty()) {
    return InvalidArgument("name the model the API should use (e.g. gpt-4o-mini)", "model");
  }
  if (b.model.size() > 190) return InvalidArgument("must be at most 190 bytes", "model");
  if (!b.api_key_env.empty() &&
      (!IsEnvName(b.api_key_env) || b.api_key_env.rfind(kModelKeyEnvPrefix, 0) != 0 ||
       b.api_key_env.size() == std::string_view(kModelKeyEnvPrefix).size())) {
    return InvalidArgument(
        std::string("must be the NAME of an environment variable starting with ") +
            kModelKeyEnvPrefix + " (A-Z, 0-9, _), e.g. " + kModelKeyEnvPrefix +
            "OPENAI, set where chorus serve runs; only such variables may be sent to a model "
            "backend, and the key itself is never stored",
        "api_key_env");
  }
  CHORUS_RETURN_IF_ERROR(
      InRange(b.max_requests_per_minute, 1, 10'000, "max_requests_per_minute"));
  CHORUS_RETURN_IF_ERROR(InRange(b.timeout_ms, 100, 600'000, "timeout_ms"));
  CHORUS_RETURN_IF_ERROR(InRange(b.max_retries, 0, 10, "max_retries"));
  return InRange(b.few_shot, 0, 20, "few_shot");
}

nlohmann::json ToJson(const ModelBackend& b) {
  return {{"kind", ModelBackendKindName(b.kind)},
          {"url", b.url},
          {"model", b.model},
          {"api_key_env", b.api_key_env},
          {"max_requests_per_minute", b.max_requests_per_minute},
          {"timeout_ms", b.timeout_ms},
          {"max_retries", b.max_retries},
          {"few_shot", b.few_shot}};
}

Result<ModelBackend> ModelBackendFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "");
  ModelBackend b;
  std::string kind;
  JsonFields f(json);
  f.String("kind", &kind, /*required=*/true);
  f.String("url", &b.url, /*required=*/true);
  f.String("model", &b.model);
  f.String("api_key_env", &b.api_key_env);
  f.Int("max_requests_per_minute", &b.max_requests_per_minute);
  f.Int("timeout_ms", &b.timeout_ms);
  f.Int("max_retries", &b.max_retries);
  f.Int("few_shot", &b.few_shot);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  auto parsed = ParseModelBackendKind(kind);
  if (!parsed.ok()) return parsed.status();
  b.kind = *parsed;
  return b;
}

std::string ModelBackendToText(const ModelBackend& backend) { return ToJson(backend).dump(); }

Result<ModelBackend> ModelBackendFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "model_backend");
  return ModelBackendFromJson(json);
}

std::string ChatModelVersion(const ModelBackend& backend) { return "llm:" + backend.model; }

}  // namespace chorus::domain
