// The pay report of a project (Project::pay, domain/pay_policy.h): per annotator their labels,
// active hours, earnings and effective hourly pay, flagged under the project's pay floor; the
// project's spend against its budget, its cost per submitted and per accepted label, and the
// alerts a manager should act on. Callers check the role (Action::kManageProjects).
//
// Per-hour pay and effective hourly pay are measured in ACTIVE time (Annotation::active_time_ms:
// time with the annotator interacting with the task), not lead time (first view to submission).
// Idle time with a tab open is not work the platform measured, so it is not what the report
// pays for; the trade-off is that reading, thinking and looking things up away from the page
// count as idle too, which UNDERSTATES the real time worked and so OVERSTATES the effective
// hourly pay of per-task workers. Lead time is reported alongside so a manager can see the gap,
// and the floor alert should be read as "at least this bad".
//
// Money is integer cents. Per-hour earnings are rounded UP to the cent (in the worker's
// favour); effective hourly pay is rounded DOWN (so it is never shown above what was paid).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/pay_policy.h"
#include "domain/user.h"
#include "store/annotation_store.h"
#include "store/store.h"

namespace chorus::service {

struct AnnotatorPay {
  int64_t annotator_id = 0;
  std::string display_name;
  domain::Tier tier = domain::Tier::kCrowd;
  store::AnnotatorWork work;  // Labels by state and review outcome, summed times.
  int64_t rate_cents = 0;     // The rate applied: per label (per_task) or per hour (per_hour).
  int64_t paid_units = 0;     // per_task: labels paid (submitted, + skipped if pay_skipped).
  int64_t earned_cents = 0;
  // Earned per hour of active time, in cents; nullopt when no active time was recorded
  // (effective_reason says so).
  std::optional<int64_t> effective_cents_per_hour;
  std::string effective_reason;
  bool below_floor = false;  // Effective hourly pay under the policy's floor.
};

struct PayReport {
  domain::PayPolicy policy;
  std::vector<AnnotatorPay> annotators;  // In annotator id order.
  int64_t spent_cents = 0;
  int64_t submitted = 0;  // Submitted labels, all annotators.
  int64_t accepted = 0;   // Of them, latest review accepted or fixed.
  // Budget left (negative: over); nullopt when the policy has no budget.
  std::optional<int64_t> remaining_cents;
  // Spend per submitted / accepted label, in cents (fractional); nullopt with the reason when
  // there is no such label yet.
  std::optional<double> cost_per_submitted_cents;
  std::string cost_per_submitted_reason;
  std::optional<double> cost_per_accepted_cents;
  std::string cost_per_accepted_reason;
  std::vector<std::string> alerts;  // Annotators under the floor, then an over-budget alert.
};

// "12.00", "-3.05": cents as currency units with two decimals.
std::string FormatCents(int64_t cents);

// Cents earned for `active_ms` at `cents_per_hour`, rounded up to the cent.
int64_t HourlyEarnings(int64_t active_ms, int64_t cents_per_hour);
// `earned_cents` per hour of `active_ms` (> 0), rounded down to the cent.
int64_t EffectiveCentsPerHour(int64_t earned_cents, int64_t active_ms);

class PayService {
 public:
  // REQUIRES: `store` outlives the service.
  explicit PayService(store::Store& store);

  // kNotFound for an unknown project.
  Result<PayReport> Report(int64_t project_id);

 private:
  store::Store& store_;
};

}  // namespace chorus::service
