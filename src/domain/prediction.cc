#include "domain/prediction.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"

namespace chorus::domain {

Status ValidatePrediction(const Prediction& p) {
  if (p.model_version.empty() || p.model_version.size() > kMaxModelVersionBytes ||
      !IsValidUtf8(p.model_version)) {
    return InvalidArgument("must be 1 to 200 bytes of UTF-8 naming the model that predicted",
                           "model_version");
  }
  const auto result = nlohmann::json::parse(p.result, nullptr, false);
  if (result.is_discarded() || !result.is_object()) {
    return InvalidArgument("must be an object: each control's answer by its name", "result");
  }
  if (p.score && !std::isfinite(*p.score)) {
    return InvalidArgument("must be a finite number or absent", "score");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Prediction& p) {
  return {{"task_id", p.task_id},
          {"project_id", p.project_id},
          {"model_version", p.model_version},
          {"result", JsonFromText(p.result)},
          {"score", p.score ? nlohmann::json(*p.score) : nlohmann::json(nullptr)},
          {"created_at", p.created_at}};
}

Result<Prediction> PredictionFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("a prediction must be a JSON object", "");
  Prediction p;
  JsonFields f(json);
  f.String("model_version", &p.model_version, /*required=*/true);
  f.JsonText("result", &p.result, /*required=*/true);
  const auto score = json.find("score");
  if (score != json.end() && !score->is_null()) {
    double value = 0;
    f.Double("score", &value);
    p.score = value;
  } else {
    std::string ignored;
    f.JsonText("score", &ignored);  // null: no score (marks the field as known).
  }
  CHORUS_RETURN_IF_ERROR(f.Finish());
  CHORUS_RETURN_IF_ERROR(ValidatePrediction(p));
  return p;
}

}  // namespace chorus::domain
