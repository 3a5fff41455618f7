// How a project pays its annotators (Project::pay) and what it may spend: per submitted label
// or per hour of active time, a rate per annotator tier, the effective hourly pay under which a
// manager is alerted, and a budget. service/pay_service.h turns it into a pay report.
// Amounts are integer cents of the project's currency (no floating point in money).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/user.h"

namespace chorus::domain {

enum class PayMode {
  kPerTask,  // Rates are cents per submitted label.
  kPerHour,  // Rates are cents per hour of active (measured) time.
};

const char* PayModeName(PayMode mode);  // "per_task", "per_hour".
Result<PayMode> ParsePayMode(std::string_view name);

// Rates per tier: per_task: cents per submitted label; per_hour: cents per hour. 0 under
// per_hour means "the annotator's own pay_rate_cents_per_hour" (User), and 0 when they have
// none; 0 under per_task pays nothing.
struct TierRates {
  int64_t crowd = 0;
  int64_t expert = 0;
  int64_t gold_maker = 0;

  int64_t For(Tier tier) const;
  bool operator==(const TierRates&) const = default;
};

struct PayPolicy {
  PayMode mode = PayMode::kPerHour;  // How earnings are computed.
  TierRates rates;                   // Cents per label or per hour, per tier.
  // Effective hourly pay (cents) under which an annotator is flagged to the manager. 1200 is
  // a PLACEHOLDER: set it to at least the legal minimum wage of the workers' country.
  int64_t floor_cents_per_hour = 1200;
  int64_t budget_cents = 0;  // What the project may spend; 0: no budget.
  bool pay_skipped = false;  // Per task: whether a skipped task is paid like a label.

  bool operator==(const PayPolicy&) const = default;
};

// kInvalidArgument naming "pay.FIELD": negative amounts, rates over 10,000,000 cents.
Status ValidatePayPolicy(const PayPolicy& policy);

nlohmann::json ToJson(const PayPolicy& policy);
// Fields left out keep their defaults; unknown fields and wrong types are refused with
// "pay.FIELD" (or "pay.rates.TIER"). Does not validate ranges (ValidatePayPolicy does).
Result<PayPolicy> PayPolicyFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back.
std::string PayPolicyToText(const PayPolicy& policy);
Result<PayPolicy> PayPolicyFromText(std::string_view text);

}  // namespace chorus::domain
