#include "domain/pay_policy.h"

#include <nlohmann/json.hpp>

#include "domain/json_fields.h"

namespace chorus::domain {
namespace {

constexpr int64_t kMaxRateCents = 10'000'000;  // 100,000.00 per label or hour: a typo guard.

}  // namespace

const char* PayModeName(PayMode mode) {
  return mode == PayMode::kPerTask ? "per_task" : "per_hour";
}

Result<PayMode> ParsePayMode(std::string_view name) {
  if (name == "per_task") return PayMode::kPerTask;
  if (name == "per_hour") return PayMode::kPerHour;
  return InvalidArgument("must be per_task or per_hour", "pay.mode");
}

int64_t TierRates::For(Tier tier) const {
  switch (tier) {
    case Tier::kCrowd: return crowd;
    case Tier::kExpert: return expert;
    case Tier::kGoldMaker: return gold_maker;
  }
  return 0;
}

Status ValidatePayPolicy(const PayPolicy& p) {
  const std::pair<const char*, int64_t> rates[] = {
      {"crowd", p.rates.crowd}, {"expert", p.rates.expert}, {"gold_maker", p.rates.gold_maker}};
  for (const auto& [tier, rate] : rates) {
    if (rate < 0 || rate > kMaxRateCents) {
      return InvalidArgument("must be between 0 and 10000000 cents",
                             std::string("pay.rates.") + tier);
    }
  }
  if (p.floor_cents_per_hour < 0 || p.floor_cents_per_hour > kMaxRateCents) {
    return InvalidArgument("must be between 0 and 10000000 cents per hour",
                           "pay.floor_cents_per_hour");
  }
  if (p.budget_cents < 0) {
    return InvalidArgument("must be 0 (no budget) or more cents", "pay.budget_cents");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const PayPolicy& p) {
  return {
      {"mode", PayModeName(p.mode)},
      {"rates",
       {{"crowd", p.rates.crowd}, {"expert", p.rates.expert}, {"gold_maker", p.rates.gold_maker}}},
      {"floor_cents_per_hour", p.floor_cents_per_hour},
      {"budget_cents", p.budget_cents},
      {"pay_skipped", p.pay_skipped}};
}

Result<PayPolicy> PayPolicyFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "pay");
  PayPolicy p;
  std::string mode = PayModeName(p.mode);
  std::string rates;
  JsonFields f(json);
  f.String("mode", &mode);
  f.JsonText("rates", &rates);
  f.Int("floor_cents_per_hour", &p.floor_cents_per_hour);
  f.Int("budget_cents", &p.budget_cents);
  f.Bool("pay_skipped", &p.pay_skipped);
  CHORUS_RETURN_IF_ERROR(UnderField(f.Finish(), "pay."));
  auto parsed = ParsePayMode(mode);
  if (!parsed.ok()) return parsed.status();
  p.mode = *parsed;
  if (!rates.empty()) {
    const auto r = nlohmann::json::parse(rates);
    if (!r.is_object()) return InvalidArgument("must be an object of cents per tier", "pay.rates");
    JsonFields rf(r);
    rf.Int("crowd", &p.rates.crowd);
    rf.Int("expert", &p.rates.expert);
    rf.Int("gold_maker", &p.rates.gold_maker);
    CHORUS_RETURN_IF_ERROR(UnderField(rf.Finish(), "pay.rates."));
  }
  return p;
}

std::string PayPolicyToText(const PayPolicy& policy) { return ToJson(policy).dump(); }

Result<PayPolicy> PayPolicyFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "pay");
  return PayPolicyFromJson(json);
}

}  // namespace chorus::domain
