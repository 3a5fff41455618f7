// A model's prediction for one task (issue 7, "predictions in"): its answer in the project's
// label-interface shape, the model version that made it and, optionally, the model's score.
// One current prediction per (task, model version): a re-import replaces it (latest wins).
// Predictions become drafts for annotators under the project's DraftPolicy
// (domain/draft_policy.h); they are never labels themselves.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"

namespace chorus::domain {

struct Prediction {
  int64_t task_id = 0;
  int64_t project_id = 0;       // The task's project (set by the store).
  std::string model_version;    // 1..200 bytes of UTF-8, e.g. "sentiment-v3".
  std::string result = "{}";    // JSON object text: per control name, that control's answer.
  std::optional<double> score;  // The model's confidence, when it gave one (finite).
  int64_t created_at = 0;       // Unix milliseconds of the (latest) import.

  bool operator==(const Prediction&) const = default;
};

// Longest model_version, in bytes.
inline constexpr size_t kMaxModelVersionBytes = 200;

// kInvalidArgument naming the field: model_version empty, too long or not UTF-8; result not
// a JSON object; score not finite. (Whether the result answers the project's interface is the
// service's check, service/result_check.h.)
Status ValidatePrediction(const Prediction& prediction);

nlohmann::json ToJson(const Prediction& prediction);  // result embedded as JSON.

// The fields of an imported prediction: {"model_version", "score"?, "result"} (Label Studio's
// prediction shape with the result in the project's own shape). Unknown fields are refused,
// errors name the field. task_id/project_id/created_at are left 0 for the caller.
Result<Prediction> PredictionFromJson(const nlohmann::json& json);

}  // namespace chorus::domain
