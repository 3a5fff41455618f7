#include "domain/gold_item.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"
#include "domain/json_path.h"

namespace chorus::domain {

Status ValidateGoldItem(const GoldItem& item) {
  const auto reference = nlohmann::json::parse(item.reference, nullptr, false);
  if (reference.is_discarded() || !reference.is_object()) {
    return InvalidArgument("must be a result object: each control's correct answer by its name",
                           "reference");
  }
  if (!IsValidUtf8(item.rationale) || CodePointCount(item.rationale) > kMaxGoldRationaleChars) {
    return InvalidArgument(
        "keep the rationale to " + std::to_string(kMaxGoldRationaleChars) + " characters of UTF-8",
        "rationale");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const GoldItem& item) {
  return {{"task_id", item.task_id},
          {"project_id", item.project_id},
          {"reference", JsonFromText(item.reference)},
          {"rationale", item.rationale},
          {"created_by", item.created_by},
          {"created_at", item.created_at},
          {"updated_at", item.updated_at},
          {"version", item.version}};
}

}  // namespace chorus::domain
