// Drafts from an OpenAI-compatible chat-completions API (issue 7 item 1, "LLM drafts"):
// POST {base}/chat/completions with
//   model, temperature 0,
//   messages: a system prompt (the project's current guidelines, the label interface and the
//             answer shape), then few-shot examples from gold items (the task's data as a user
//             turn, the gold answer as the assistant's), then the task's data;
//   response_format: {"type": "json_schema", "json_schema": {"name": "chorus_result",
//             "strict": true, "schema": ...}} where each control is a property in Chorus's
//             result shape (docs/label-interface.md) and a choices control's options are an
//             enum, a span's label an enum of the labels (ranges and counts are only described:
//             strict mode does not take minimum, maximum or maxItems everywhere).
// The answer is choices[0].message.content, parsed as JSON (a ```json fence is tolerated).
// Whether it answers the interface is the caller's check (service/result_check.h): an invalid
// answer is counted and never stored.
// Thread-safety: pure functions, and a client as ModelHttp (one per job).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"
#include "service/model_http.h"

namespace chorus::service {

// A gold example: the task's data and the reference answer (both JSON).
struct FewShotExample {
  nlohmann::json data;
  nlohmann::json answer;
};

// The JSON schema of a Chorus result for `label_interface` (every control required, no other
// properties, so "strict" structured output accepts it).
nlohmann::json ResultSchema(const domain::LabelInterface& label_interface);

// The system prompt, few-shot turns and the task's turn.
nlohmann::json ChatMessages(const std::string& guidelines,
                            const domain::LabelInterface& label_interface,
                            const std::vector<FewShotExample>& examples,
                            const nlohmann::json& task_data);

// The whole request body.
nlohmann::json ChatRequest(const std::string& model, nlohmann::json messages,
                           const domain::LabelInterface& label_interface);

// The JSON in choices[0].message.content; kInvalidArgument (field "content") otherwise.
Result<nlohmann::json> ChatAnswer(const nlohmann::json& response);

class ChatCompletionsClient {
 public:
  // REQUIRES: `http` outlives the client; `base_url` is the API root (".../v1").
  ChatCompletionsClient(ModelHttp& http, std::string base_url);

  // Ok when GET {base}/models answers (most OpenAI-compatible servers list their models).
  Status Health();
  // The raw response of POST {base}/chat/completions with `request`.
  Result<nlohmann::json> Complete(const nlohmann::json& request);

 private:
  ModelHttp& http_;
  std::string base_url_;
};

}  // namespace chorus::service
