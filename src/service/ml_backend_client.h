// A client of the Label Studio ML backend protocol, so existing backends plug into Chorus
// (issue 7 item 1). The protocol, as label_studio_ml/api.py of
// HumanSignal/label-studio-ml-backend serves it:
//   GET  /health   -> {"status": "UP", ...}
//   POST /setup    {"project": "ID", "schema": LABEL_CONFIG} -> {"model_version": "..."}
//   POST /predict  {"tasks": [{"id", "data"}], "project": "ID", "label_config": LABEL_CONFIG}
//                  -> {"results": [{"result": [REGION...], "score", "model_version"}],
//                      "model_version": "..."}; older backends answer the bare list
//   POST /webhook  {"action": "ANNOTATION_CREATED" | "START_TRAINING" | ..., "project": {...},
//                   ...} -> anything (201)
//   POST /train    {"annotations": [...], "project": "ID", "label_config": ...} -> {"job": ...}
// Label Studio sends its XML label config as the schema. Chorus has no XML form of its label
// interface, so it sends the interface JSON (docs/label-interface.md) as `label_config` and
// `schema`; a backend that parses Label Studio XML must be given its config another way (most
// read only `from_name`s they were built for). Regions come back in Label Studio's shape and
// are converted by domain/ls_result.h.
// Thread-safety: as ModelHttp (one per job).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/model_http.h"

namespace chorus::service {

// One task as /predict wants it.
struct MlTask {
  int64_t id = 0;
  nlohmann::json data;
};

// One prediction as the backend gave it (result still in Label Studio's shape).
struct MlPrediction {
  nlohmann::json result;        // A region list (or a Chorus result object).
  std::optional<double> score;  // When the backend gave one.
  std::string model_version;    // The prediction's, else the answer's; may be empty.
};

class MlBackendClient {
 public:
  // REQUIRES: `http` outlives the client; `base_url` is the backend's root URL.
  MlBackendClient(ModelHttp& http, std::string base_url);

  // Ok when /health answers {"status": "UP"}.
  Status Health();
  // The backend's model version ("" when it names none).
  Result<std::string> Setup(int64_t project_id, const nlohmann::json& label_config);
  // One prediction per task, in order. kUnavailable when the answer has another shape or count.
  Result<std::vector<MlPrediction>> Predict(int64_t project_id, const nlohmann::json& label_config,
                                            const std::vector<MlTask>& tasks);
  // Sends an event ({"action": action, "project": {"id": ID}} plus `payload`'s fields); the
  // backend's answer.
  Result<nlohmann::json> Webhook(const std::string& action, int64_t project_id,
                                 const nlohmann::json& payload);
  // Asks the backend to train on `annotations` (Label Studio's shape: {"task", "result"}).
  Result<nlohmann::json> Train(int64_t project_id, const nlohmann::json& label_config,
                               const nlohmann::json& annotations);

 private:
  ModelHttp& http_;
  std::string base_url_;
};

}  // namespace chorus::service
