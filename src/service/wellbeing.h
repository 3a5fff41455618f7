// The wellbeing decision (domain/wellbeing_policy.h) as pure functions over an annotator's
// recent finished work (store::TaskStore::RecentWork), so it is testable without a database.
//
// Exposure counts the sensitive tasks an annotator submitted or skipped (they saw them), at
// the time of their annotation's last update (a corrected label counts when it was corrected):
//  - today: since 00:00 UTC;
//  - session: since the last pause of session_gap_minutes without finishing any task (0 once
//    such a pause has passed);
//  - run: sensitive items since the last pause of break_minutes between two sensitive items
//    (ordinary items in between do not end a run: a break is time away from sensitive
//    content, and ordinary work may continue during it). When a run reaches break_after, a
//    break is forced until break_minutes after its last sensitive item.
// Rotation: after a sensitive item, ordinary_between ordinary items come first (when there are
// any) within the session.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/wellbeing_policy.h"
#include "store/task_store.h"

namespace chorus::service {

inline constexpr int64_t kMsPerDay = 86'400'000;
inline constexpr int64_t kMsPerMinute = 60'000;

// Where an annotator stands against the policy at a moment.
struct Exposure {
  int64_t today = 0;                     // Sensitive items finished since 00:00 UTC.
  int64_t session = 0;                   // In the current session (0 when it has ended).
  int64_t run = 0;                       // In the current run (0 once a break's length has passed).
  int64_t breaks_today = 0;              // Runs that reached break_after today (forced breaks).
  int64_t ordinary_since_sensitive = 0;  // Ordinary items since the session's last sensitive.
  bool sensitive_in_session = false;     // Whether the session had a sensitive item.
  std::optional<int64_t> break_until;    // In a forced break until then.
  std::optional<int64_t> session_ends_at;  // When the session ends if no work follows.

  bool operator==(const Exposure&) const = default;
};

// Why an annotator is given no sensitive task now.
enum class HoldReason { kOptedOut, kDailyCap, kSessionCap, kBreak };
const char* HoldReasonName(HoldReason reason);  // "opted_out", "daily_cap", "session_cap", "break".

struct WellbeingDecision {
  store::SensitiveRule rule = store::SensitiveRule::kAllow;
  std::optional<HoldReason> reason;  // With kRefuse: the first that applies, in enum order.
  std::optional<int64_t> until;      // When sensitive work may resume (none for an opt-out).

  bool operator==(const WellbeingDecision&) const = default;
};

// The first moment whose work MeasureExposure needs: a day back covers today and a session.
int64_t ExposureWindowStart(int64_t now_ms);
// 00:00 UTC of the day `now_ms` falls in.
int64_t UtcDayStart(int64_t now_ms);

// REQUIRES: `work` in time order (oldest first), from ExposureWindowStart(now_ms) on.
Exposure MeasureExposure(const std::vector<store::WorkMark>& work,
                         const domain::WellbeingPolicy& policy, int64_t now_ms);

// What the next reservation may hand out. A disabled policy allows everything; an opt-out
// counts only while the policy allows opting out.
WellbeingDecision DecideWellbeing(const Exposure& exposure, const domain::WellbeingPolicy& policy,
                                  bool opted_out, int64_t now_ms);

}  // namespace chorus::service
