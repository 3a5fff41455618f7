#include "domain/gold_policy.h"

#include <nlohmann/json.hpp>

#include "domain/json_fields.h"

namespace chorus::domain {
Status ValidateGoldPolicy(const GoldPolicy& p) {
  if (!(p.rate >= 0 && p.rate <= 0.5)) {
    return InvalidArgument("must be between 0 and 0.5 (a share of each queue)", "gold.rate");
  }
  if (p.max_exposures < 1) return InvalidArgument("must be at least 1", "gold.max_exposures");
  if (!(p.warn_below >= 0 && p.warn_below <= 1)) {
    return InvalidArgument("must be an accuracy between 0 and 1", "gold.warn_below");
  }
  if (!(p.pause_below >= 0 && p.pause_below <= p.warn_below)) {
    return InvalidArgument("must be between 0 (never pause) and gold.warn_below",
                           "gold.pause_below");
  }
  if (p.min_answers < 1) return InvalidArgument("must be at least 1", "gold.min_answers");
  if (p.qualification_items < 0 || p.qualification_items > 1000) {
    return InvalidArgument("must be between 0 (no qualification) and 1000 gold items",
                           "gold.qualification_items");
  }
  if (!(p.qualification_pass >= 0 && p.qualification_pass <= 1)) {
    return InvalidArgument("must be an accuracy between 0 and 1", "gold.qualification_pass");
  }
  if (p.qualification_attempts < 1) {
    return InvalidArgument("must be at least 1", "gold.qualification_attempts");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const GoldPolicy& p) {
  return {{"rate", p.rate},
          {"max_exposures", p.max_exposures},
          {"warn_below", p.warn_below},
          {"pause_below", p.pause_below},
          {"min_answers", p.min_answers},
          {"qualification_items", p.qualification_items},
          {"qualification_pass", p.qualification_pass},
          {"qualification_attempts", p.qualification_attempts}};
}

Result<GoldPolicy> GoldPolicyFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "gold");
  GoldPolicy p;
  JsonFields f(json);
  f.Double("rate", &p.rate);
  f.Int("max_exposures", &p.max_exposures);
  f.Double("warn_below", &p.warn_below);
  f.Double("pause_below", &p.pause_below);
  f.Int("min_answers", &p.min_answers);
  f.Int("qualification_items", &p.qualification_items);
  f.Double("qualification_pass", &p.qualification_pass);
  f.Int("qualification_attempts", &p.qualification_attempts);
  CHORUS_RETURN_IF_ERROR(UnderField(f.Finish(), "gold."));
  return p;
}

std::string GoldPolicyToText(const GoldPolicy& policy) { return ToJson(policy).dump(); }

Result<GoldPolicy> GoldPolicyFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "gold");
  return GoldPolicyFromJson(json);
}

}  // namespace chorus::domain
