#include "domain/routing_policy.h"

#include <nlohmann/json.hpp>

#include "domain/json_fields.h"

namespace chorus::domain {
bool TierAdmits(Tier required, Tier tier) {
  return static_cast<int>(tier) >= static_cast<int>(required);
}

Status ValidateRoutingPolicy(const RoutingPolicy& p, int64_t overlap) {
  if (p.max_overlap < overlap || p.max_overlap > 1000) {
    return InvalidArgument("must be between the project's overlap (" + std::to_string(overlap) +
                               ") and 1000 labels per task",
                           "routing.max_overlap");
  }
  if (!(p.agree_at >= 0.5 && p.agree_at <= 1)) {
    return InvalidArgument("must be a share of the labels between 0.5 and 1", "routing.agree_at");
  }
  if (!(p.stop_confidence >= 0.5 && p.stop_confidence <= 1)) {
    return InvalidArgument("must be a probability between 0.5 and 1 (1: never stop early)",
                           "routing.stop_confidence");
  }
  if (p.min_labels < 1) return InvalidArgument("must be at least 1", "routing.min_labels");
  if (!(p.prior_skill >= 0 && p.prior_skill <= 1)) {
    return InvalidArgument("must be an accuracy between 0 and 1", "routing.prior_skill");
  }
  if (p.control.size() > 200) {
    return InvalidArgument("must be a control name of at most 200 bytes", "routing.control");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const RoutingPolicy& p) {
  return {{"required_tier", TierName(p.required_tier)},
          {"dynamic", p.dynamic},
          {"max_overlap", p.max_overlap},
          {"agree_at", p.agree_at},
          {"stop_confidence", p.stop_confidence},
          {"min_labels", p.min_labels},
          {"prior_skill", p.prior_skill},
          {"control", p.control}};
}

Result<RoutingPolicy> RoutingPolicyFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "routing");
  RoutingPolicy p;
  std::string tier = TierName(p.required_tier);
  JsonFields f(json);
  f.String("required_tier", &tier);
  f.Bool("dynamic", &p.dynamic);
  f.Int("max_overlap", &p.max_overlap);
  f.Double("agree_at", &p.agree_at);
  f.Double("stop_confidence", &p.stop_confidence);
  f.Int("min_labels", &p.min_labels);
  f.Double("prior_skill", &p.prior_skill);
  f.String("control", &p.control);
  CHORUS_RETURN_IF_ERROR(UnderField(f.Finish(), "routing."));
  auto parsed = ParseTier(tier);
  if (!parsed.ok()) {
    return InvalidArgument("must be crowd, expert or gold_maker", "routing.required_tier");
  }
  p.required_tier = *parsed;
  return p;
}

std::string RoutingPolicyToText(const RoutingPolicy& policy) { return ToJson(policy).dump(); }

Result<RoutingPolicy> RoutingPolicyFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "routing");
  return RoutingPolicyFromJson(json);
}

}  // namespace chorus::domain
