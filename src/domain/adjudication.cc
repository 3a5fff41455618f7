#include "domain/adjudication.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"
#include "domain/json_path.h"

namespace chorus::domain {

Status ValidateDecision(const std::string& result, const std::string& rationale) {
  const auto parsed = nlohmann::json::parse(result, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return InvalidArgument("must be a result object: each control's final answer by its name",
                           "result");
  }
  if (rationale.empty() || !IsValidUtf8(rationale) ||
      CodePointCount(rationale) > kMaxAdjudicationRationaleChars) {
    return InvalidArgument("say why in 1 to " + std::to_string(kMaxAdjudicationRationaleChars) +
                               " characters of UTF-8",
                           "rationale");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Adjudication& a) {
  nlohmann::json json = {{"task_id", a.task_id},     {"project_id", a.project_id},
                         {"reason", a.reason},       {"labels", a.labels},
                         {"opened_at", a.opened_at}, {"decided", a.decided()},
                         {"decided_by", nullptr},    {"decided_at", nullptr},
                         {"result", nullptr},        {"rationale", nullptr}};
  if (a.decided()) {
    json["decided_by"] = *a.decided_by;
    json["decided_at"] = *a.decided_at;
    json["result"] = JsonFromText(a.result);
    json["rationale"] = a.rationale;
  }
  return json;
}

}  // namespace chorus::domain
