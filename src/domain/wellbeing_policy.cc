#include "domain/wellbeing_policy.h"

#include <nlohmann/json.hpp>

#include "domain/json_fields.h"

namespace chorus::domain {
namespace {

constexpr int64_t kMaxCount = 100'000;        // Items: a typo guard.
constexpr int64_t kMaxMinutes = 7 * 24 * 60;  // One week.

Status WellbeingInRange(int64_t value, int64_t low, int64_t high, const char* field,
                        const char* unit) {
  if (value >= low && value <= high) return Status::Ok();
  return InvalidArgument(
      "must be between " + std::to_string(low) + " and " + std::to_string(high) + " " + unit,
      std::string("wellbeing.") + field);
}

}  // namespace

Status ValidateWellbeingPolicy(const WellbeingPolicy& p) {
  CHORUS_RETURN_IF_ERROR(WellbeingInRange(p.daily_cap, 1, kMaxCount, "daily_cap", "items"));
  CHORUS_RETURN_IF_ERROR(WellbeingInRange(p.session_cap, 1, kMaxCount, "session_cap", "items"));
  CHORUS_RETURN_IF_ERROR(
      WellbeingInRange(p.session_gap_minutes, 1, kMaxMinutes, "session_gap_minutes", "minutes"));
  CHORUS_RETURN_IF_ERROR(WellbeingInRange(p.break_after, 1, kMaxCount, "break_after", "items"));
  CHORUS_RETURN_IF_ERROR(
      WellbeingInRange(p.break_minutes, 1, kMaxMinutes, "break_minutes", "minutes"));
  return WellbeingInRange(p.ordinary_between, 0, 100, "ordinary_between", "items");
}

nlohmann::json ToJson(const WellbeingPolicy& p) {
  return {{"enabled", p.enabled},
          {"daily_cap", p.daily_cap},
          {"session_cap", p.session_cap},
          {"session_gap_minutes", p.session_gap_minutes},
          {"break_after", p.break_after},
          {"break_minutes", p.break_minutes},
          {"ordinary_between", p.ordinary_between},
          {"opt_out_allowed", p.opt_out_allowed}};
}

Result<WellbeingPolicy> WellbeingPolicyFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "wellbeing");
  WellbeingPolicy p;
  JsonFields f(json);
  f.Bool("enabled", &p.enabled);
  f.Int("daily_cap", &p.daily_cap);
  f.Int("session_cap", &p.session_cap);
  f.Int("session_gap_minutes", &p.session_gap_minutes);
  f.Int("break_after", &p.break_after);
  f.Int("break_minutes", &p.break_minutes);
  f.Int("ordinary_between", &p.ordinary_between);
  f.Bool("opt_out_allowed", &p.opt_out_allowed);
  CHORUS_RETURN_IF_ERROR(UnderField(f.Finish(), "wellbeing."));
  return p;
}

std::string WellbeingPolicyToText(const WellbeingPolicy& policy) { return ToJson(policy).dump(); }

Result<WellbeingPolicy> WellbeingPolicyFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "wellbeing");
  return WellbeingPolicyFromJson(json);
}

}  // namespace chorus::domain
