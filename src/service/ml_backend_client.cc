#include "service/ml_backend_client.h"

#include <cmath>
#include <utility>

namespace chorus::service {
namespace {

using nlohmann::json;

Status BadAnswer(const std::string& what) {
  return Status(StatusCode::kUnavailable,
                "the ML backend's answer is not what the Label Studio protocol says: " + what,
                "url");
}

std::string VersionOf(const json& object) {
  const auto it = object.find("model_version");
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

}  // namespace

MlBackendClient::MlBackendClient(ModelHttp& http, std::string base_url)
    : http_(http), base_url_(std::move(base_url)) {}

Status MlBackendClient::Health() {
  auto answer = http_.Get(JoinUrl(base_url_, "health"));
  if (!answer.ok()) return answer.status();
  if (!answer->is_object() || answer->value("status", "") != "UP") {
    return BadAnswer("/health should answer {\"status\": \"UP\"}");
  }
  return Status::Ok();
}

Result<std::string> MlBackendClient::Setup(int64_t project_id, const json& label_config) {
  auto answer = http_.Post(JoinUrl(base_url_, "setup"),
                           {{"project", std::to_string(project_id)}, {"schema", label_config}});
  if (!answer.ok()) return answer.status();
  return answer->is_object() ? VersionOf(*answer) : std::string();
}

Result<std::vector<MlPrediction>> MlBackendClient::Predict(int64_t project_id,
                                                           const json& label_config,
                                                           const std::vector<MlTask>& tasks) {
  json list = json::array();
  for (const MlTask& task : tasks) list.push_back({{"id", task.id}, {"data", task.data}});
  auto answer = http_.Post(JoinUrl(base_url_, "predict"),
                           {{"tasks", std::move(list)},
                            {"project", std::to_string(project_id)},
                            {"label_config", label_config}});
  if (!answer.ok()) return answer.status();
  // {"results": [...], "model_version"} or, from older backends, the bare list.
  const json* results = &*answer;
  std::string answer_version;
  if (answer->is_object()) {
    const auto it = answer->find("results");
    if (it == answer->end()) return BadAnswer("/predict should answer {\"results\": [...]}");
    results = &*it;
    answer_version = VersionOf(*answer);
  }
  if (!results->is_array() || results->size() != tasks.size()) {
    return BadAnswer("/predict should answer one prediction per task sent");
  }
  std::vector<MlPrediction> out;
  for (const json& item : *results) {
    MlPrediction p;
    if (!item.is_object() || !item.contains("result")) {
      return BadAnswer("each prediction should be {\"result\": [...], \"score\", "
                       "\"model_version\"}");
    }
    p.result = item["result"];
    const auto score = item.find("score");
    if (score != item.end() && score->is_number() && std::isfinite(score->get<double>())) {
      p.score = score->get<double>();
    }
    p.model_version = VersionOf(item);
    if (p.model_version.empty()) p.model_version = answer_version;
    out.push_back(std::move(p));
  }
  return out;
}

Result<json> MlBackendClient::Webhook(const std::string& action, int64_t project_id,
                                      const json& payload) {
  json event = payload.is_object() ? payload : json::object();
  event["action"] = action;
  event["project"] = {{"id", project_id}};
  return http_.Post(JoinUrl(base_url_, "webhook"), event);
}

Result<json> MlBackendClient::Train(int64_t project_id, const json& label_config,
                                    const json& annotations) {
  return http_.Post(JoinUrl(base_url_, "train"), {{"annotations", annotations},
                                                  {"project", std::to_string(project_id)},
                                                  {"label_config", label_config}});
}

}  // namespace chorus::service
