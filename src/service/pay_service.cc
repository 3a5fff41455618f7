#include "service/pay_service.h"

#include <cstdlib>
#include <utility>

namespace chorus::service {
namespace {

constexpr int64_t kMsPerHour = 3'600'000;

// The rate that applies to an annotator of `user` under `policy`.
int64_t RateFor(const domain::PayPolicy& policy, const domain::User& user) {
  const int64_t tier_rate = policy.rates.For(user.tier);
  if (policy.mode == domain::PayMode::kPerHour && tier_rate == 0) {
    return user.pay_rate_cents_per_hour.value_or(0);
  }
  return tier_rate;
}

}  // namespace

std::string FormatCents(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t magnitude =
      negative ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction = "0" + fraction;
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

int64_t HourlyEarnings(int64_t active_ms, int64_t cents_per_hour) {
  // Whole hours and the rest apart, so ms x rate cannot overflow.
  const int64_t whole = active_ms / kMsPerHour * cents_per_hour;
  const int64_t rest = active_ms % kMsPerHour * cents_per_hour;
  return whole + (rest + kMsPerHour - 1) / kMsPerHour;
}

int64_t EffectiveCentsPerHour(int64_t earned_cents, int64_t active_ms) {
  const int64_t whole = earned_cents / active_ms * kMsPerHour;
  const int64_t rest = earned_cents % active_ms * kMsPerHour / active_ms;
  return whole + rest;
}

PayService::PayService(store::Store& store) : store_(store) {}

Result<PayReport> PayService::Report(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto work = store_.annotations().WorkByAnnotator(project_id);
  if (!work.ok()) return work.status();
  PayReport report;
  report.policy = project->pay;
  const domain::PayPolicy& policy = report.policy;
  for (const store::AnnotatorWork& w : *work) {
    auto user = store_.users().Get(w.annotator_id);
    if (!user.ok()) return user.status();
    AnnotatorPay pay;
    pay.annotator_id = w.annotator_id;
    pay.display_name = user->display_name;
    pay.tier = user->tier;
    pay.work = w;
    pay.rate_cents = RateFor(policy, *user);
    if (policy.mode == domain::PayMode::kPerTask) {
      pay.paid_units = w.submitted + (policy.pay_skipped ? w.skipped : 0);
      pay.earned_cents = pay.paid_units * pay.rate_cents;
    } else {
      pay.earned_cents = HourlyEarnings(w.active_time_ms, pay.rate_cents);
    }
    if (w.active_time_ms > 0) {
      pay.effective_cents_per_hour = EffectiveCentsPerHour(pay.earned_cents, w.active_time_ms);
      pay.below_floor = *pay.effective_cents_per_hour < policy.floor_cents_per_hour;
    } else {
      pay.effective_reason = "no active time recorded, so no hourly pay can be computed";
    }
    if (pay.below_floor) {
      report.alerts.push_back(pay.display_name + " (user " + std::to_string(pay.annotator_id) +
                              ") earns " + FormatCents(*pay.effective_cents_per_hour) +
                              " per active hour, under the floor of " +
                              FormatCents(policy.floor_cents_per_hour));
    }
    report.spent_cents += pay.earned_cents;
    report.submitted += w.submitted;
    report.accepted += w.accepted;
    report.annotators.push_back(std::move(pay));
  }
  if (policy.budget_cents > 0) {
    report.remaining_cents = policy.budget_cents - report.spent_cents;
    if (*report.remaining_cents < 0) {
      report.alerts.push_back("spent " + FormatCents(report.spent_cents) + " of a budget of " +
                              FormatCents(policy.budget_cents) + ": " +
                              FormatCents(-*report.remaining_cents) + " over");
    }
  }
  if (report.submitted > 0) {
    report.cost_per_submitted_cents =
        static_cast<double>(report.spent_cents) / static_cast<double>(report.submitted);
  } else {
    report.cost_per_submitted_reason = "no label has been submitted yet";
  }
  if (report.accepted > 0) {
    report.cost_per_accepted_cents =
        static_cast<double>(report.spent_cents) / static_cast<double>(report.accepted);
  } else {
    report.cost_per_accepted_reason = "no label has been accepted in review yet";
  }
  return report;
}

}  // namespace chorus::service
