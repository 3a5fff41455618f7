#include "service/wellbeing.h"

#include <algorithm>

namespace chorus::service {

const char* HoldReasonName(HoldReason reason) {
  switch (reason) {
    case HoldReason::kOptedOut: return "opted_out";
    case HoldReason::kDailyCap: return "daily_cap";
    case HoldReason::kSessionCap: return "session_cap";
    case HoldReason::kBreak: return "break";
  }
  return "break";
}

int64_t UtcDayStart(int64_t now_ms) {
  const int64_t rest = now_ms % kMsPerDay;
  return now_ms - (rest < 0 ? rest + kMsPerDay : rest);
}

int64_t ExposureWindowStart(int64_t now_ms) { return now_ms - kMsPerDay; }

Exposure MeasureExposure(const std::vector<store::WorkMark>& work,
                         const domain::WellbeingPolicy& policy, int64_t now_ms) {
  const int64_t day_start = UtcDayStart(now_ms);
  const int64_t gap_ms = policy.session_gap_minutes * kMsPerMinute;
  const int64_t break_ms = policy.break_minutes * kMsPerMinute;
  Exposure e;
  std::optional<int64_t> last_at, last_sensitive_at;
  for (const store::WorkMark& mark : work) {
    if (last_at && mark.at_ms - *last_at >= gap_ms) {  // A new session.
      e.session = 0;
      e.sensitive_in_session = false;
      e.ordinary_since_sensitive = 0;
    }
    last_at = mark.at_ms;
    if (!mark.sensitive) {
      ++e.ordinary_since_sensitive;
      continue;
    }
    if (last_sensitive_at && mark.at_ms - *last_sensitive_at >= break_ms) e.run = 0;
    last_sensitive_at = mark.at_ms;
    ++e.run;
    ++e.session;
    e.sensitive_in_session = true;
    e.ordinary_since_sensitive = 0;
    if (mark.at_ms >= day_start) {
      ++e.today;
      if (e.run == policy.break_after) ++e.breaks_today;
    }
  }
  if (last_at && now_ms - *last_at >= gap_ms) {  // The session ended.
    e.session = 0;
    e.sensitive_in_session = false;
    e.ordinary_since_sensitive = 0;
  } else if (last_at) {
    e.session_ends_at = *last_at + gap_ms;
  }
  if (last_sensitive_at && now_ms - *last_sensitive_at >= break_ms) e.run = 0;
  if (e.run >= policy.break_after) e.break_until = *last_sensitive_at + break_ms;
  return e;
}

WellbeingDecision DecideWellbeing(const Exposure& e, const domain::WellbeingPolicy& policy,
                                  bool opted_out, int64_t now_ms) {
  WellbeingDecision d;
  if (!policy.enabled) return d;
  const auto refuse = [&](HoldReason reason, std::optional<int64_t> until) {
    d.rule = store::SensitiveRule::kRefuse;
    d.reason = reason;
    d.until = until;
    return d;
  };
  if (opted_out && policy.opt_out_allowed) return refuse(HoldReason::kOptedOut, std::nullopt);
  if (e.today >= policy.daily_cap) {
    return refuse(HoldReason::kDailyCap, UtcDayStart(now_ms) + kMsPerDay);
  }
  if (e.session >= policy.session_cap) return refuse(HoldReason::kSessionCap, e.session_ends_at);
  if (e.break_until) return refuse(HoldReason::kBreak, e.break_until);
  if (policy.ordinary_between > 0 && e.sensitive_in_session &&
      e.ordinary_since_sensitive < policy.ordinary_between) {
    d.rule = store::SensitiveRule::kOrdinaryFirst;
  }
  return d;
}

}  // namespace chorus::service
