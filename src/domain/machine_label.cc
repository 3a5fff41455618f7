#include "domain/machine_label.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "domain/prediction.h"

namespace chorus::domain {

Status ValidateMachineLabel(const MachineLabel& label) {
  if (label.source != AnnotationSource::kModel && label.source != AnnotationSource::kRule) {
    return InvalidArgument("a machine label comes from a model or a rule", "source");
  }
  if (label.origin.empty() || label.origin.size() > kMaxModelVersionBytes) {
    return InvalidArgument("name the model version or rule set in 1 to 200 bytes", "origin");
  }
  const nlohmann::json result = nlohmann::json::parse(label.result, nullptr, false);
  if (!result.is_object()) return InvalidArgument("must be a JSON object", "result");
  if (label.score && !std::isfinite(*label.score)) {
    return InvalidArgument("must be a finite number", "score");
  }
  if (label.threshold && !std::isfinite(*label.threshold)) {
    return InvalidArgument("must be a finite number", "threshold");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const MachineLabel& label) {
  using nlohmann::json;
  const bool model = label.source == AnnotationSource::kModel;
  json out = {{"id", label.id},
              {"task_id", label.task_id},
              {"source", AnnotationSourceName(label.source)},
              {model ? "model_version" : "rule_set", label.origin},
              {"result", json::parse(label.result, nullptr, false)},
              {"score", label.score ? json(*label.score) : json(nullptr)},
              {"threshold", label.threshold ? json(*label.threshold) : json(nullptr)},
              {"created_at", label.created_at}};
  return out;
}

}  // namespace chorus::domain
