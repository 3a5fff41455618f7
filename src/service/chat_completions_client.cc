#include "service/chat_completions_client.h"

namespace chorus::service {
namespace {

using domain::Control;
using domain::ControlType;
using nlohmann::json;

json Strict(json properties) {
  json required = json::array();
  for (const auto& [key, value] : properties.items()) required.push_back(key);
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

// Ranges go in descriptions: strict structured output refuses minimum, maximum and maxItems on
// some servers; the result validator enforces them either way.
std::string SchemaNumber(double value) { return json(value).dump(); }

json LabelEnum(const Control& c) { return {{"type", "string"}, {"enum", c.labels}}; }

// The schema of one control's answer (its value in a result).
json ControlSchema(const Control& c) {
  switch (c.type) {
    case ControlType::kChoices: {
      json items = {{"type", "array"},
                    {"items", LabelEnum(c)},
                    {"description", c.multiple ? "one or more options" : "exactly one option"}};
      return Strict({{"choices", items}});
    }
    case ControlType::kSpans:
      return Strict({{"spans",
                      {{"type", "array"},
                       {"items", Strict({{"start", {{"type", "integer"}}},
                                         {"end", {{"type", "integer"}}},
                                         {"label", LabelEnum(c)}})}}}});
    case ControlType::kRating:
      return Strict({{"rating",
                      {{"type", "integer"},
                       {"description", "from " + SchemaNumber(c.min.value_or(1)) + " to " +
                                           SchemaNumber(c.max.value_or(5))}}}});
    case ControlType::kNumber: {
      json number = {{"type", c.integer ? "integer" : "number"}};
      if (c.min || c.max) {
        number["description"] = "from " + (c.min ? SchemaNumber(*c.min) : std::string("any")) +
                                " to " + (c.max ? SchemaNumber(*c.max) : std::string("any"));
      }
      return Strict({{"number", number}});
    }
    case ControlType::kText: return Strict({{"text", {{"type", "string"}}}});
    default:
      // Regions on images and media: the shape is in the interface given in the prompt.
      return {{"type", "object"}};
  }
}

std::string Fenced(const std::string& text) {
  std::string s = text;
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return s;
  s = s.substr(first);
  if (s.rfind("```", 0) != 0) return s;
  const size_t line = s.find('\n');
  const size_t end = s.rfind("```");
  if (line == std::string::npos || end == std::string::npos || end <= line) return s;
  return s.substr(line + 1, end - line - 1);
}

}  // namespace

json ResultSchema(const domain::LabelInterface& label_interface) {
  json properties = json::object();
  for (const Control& c : label_interface.controls) properties[c.name] = ControlSchema(c);
  return Strict(std::move(properties));
}

json ChatMessages(const std::string& guidelines, const domain::LabelInterface& label_interface,
                  const std::vector<FewShotExample>& examples, const json& task_data) {
  std::string system =
      "You label data items for an annotation project. Follow the project's guidelines "
      "exactly. Each user message is one item's data as JSON; answer with one JSON object "
      "only: a key per control of the label interface, each with its answer in the shape "
      "the interface's documentation gives (choices: {\"choices\": [option]}, spans: "
      "{\"spans\": [{\"start\", \"end\", \"label\"}]} in Unicode code points, rating: "
      "{\"rating\": n}, number: {\"number\": x}, text: {\"text\": \"...\"}).\n\n";
  system += "# Guidelines\n\n" + (guidelines.empty() ? std::string("(none)") : guidelines);
  system += "\n\n# Label interface\n\n" + domain::ToJson(label_interface).dump();
  json messages = json::array();
  messages.push_back({{"role", "system"}, {"content", system}});
  for (const FewShotExample& e : examples) {
    messages.push_back({{"role", "user"}, {"content", e.data.dump()}});
    messages.push_back({{"role", "assistant"}, {"content", e.answer.dump()}});
  }
  messages.push_back({{"role", "user"}, {"content", task_data.dump()}});
  return messages;
}

json ChatRequest(const std::string& model, json messages,
                 const domain::LabelInterface& label_interface) {
  return {{"model", model},
          {"messages", std::move(messages)},
          {"temperature", 0},
          {"response_format",
           {{"type", "json_schema"},
            {"json_schema",
             {{"name", "chorus_result"},
              {"strict", true},
              {"schema", ResultSchema(label_interface)}}}}}};
}

Result<json> ChatAnswer(const json& response) {
  const json* content = nullptr;
  if (response.is_object() && response.contains("choices") && response["choices"].is_array() &&
      !response["choices"].empty()) {
    const json& first = response["choices"][0];
    if (first.is_object() && first.contains("message") && first["message"].is_object() &&
        first["message"].contains("content")) {
      content = &first["message"]["content"];
    }
  }
  if (content == nullptr || !content->is_string()) {
    return InvalidArgument("the answer has no choices[0].message.content text", "content");
  }
  json parsed = json::parse(Fenced(content->get<std::string>()), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return InvalidArgument("the model's answer is not a JSON object", "content");
  }
  return parsed;
}

ChatCompletionsClient::ChatCompletionsClient(ModelHttp& http, std::string base_url)
    : http_(http), base_url_(std::move(base_url)) {}

Status ChatCompletionsClient::Health() { return http_.Get(JoinUrl(base_url_, "models")).status(); }

Result<json> ChatCompletionsClient::Complete(const json& request) {
  return http_.Post(JoinUrl(base_url_, "chat/completions"), request);
}

}  // namespace chorus::service
