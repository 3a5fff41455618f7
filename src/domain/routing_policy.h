// How a project routes its tasks (Project::routing): which annotator tier may label them, and
// dynamic overlap: start with the project's overlap, ask for more labels while they disagree
// (up to max_overlap), escalate to expert adjudication when they still disagree, and stop
// early once a posterior over the labels is confident (service/routing.h decides).
// Tiers are ordered crowd < expert < gold_maker; requiring a tier admits it and those above.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/user.h"

namespace chorus::domain {

struct RoutingPolicy {
  Tier required_tier = Tier::kCrowd;  // The lowest tier that may label the project's tasks.
  bool dynamic = false;               // Off: every task takes exactly the project's overlap.
  int64_t max_overlap = 5;            // Labels a disagreeing task may get, overlap..1000.
  double agree_at = 0.7;              // Plurality share at which a task's labels agree, 0.5 to 1.
  double stop_confidence = 0.95;      // Posterior that ends a task early, 0.5 to 1 (1: never).
  int64_t min_labels = 2;             // Labels before an early stop, >= 1.
  double prior_skill = 0.7;  // Accuracy assumed of an annotator with no gold answers, 0 to 1.
  std::string control;       // The single choice control judged; "": the interface's first.

  bool operator==(const RoutingPolicy&) const = default;
};

// Whether an annotator of tier `tier` may label work that requires `required`.
bool TierAdmits(Tier required, Tier tier);

// kInvalidArgument naming "routing.FIELD"; `overlap` is the project's.
Status ValidateRoutingPolicy(const RoutingPolicy& policy, int64_t overlap);

nlohmann::json ToJson(const RoutingPolicy& policy);
// Fields left out keep their defaults; unknown fields and wrong types are refused with
// "routing.FIELD". Does not validate ranges (ValidateRoutingPolicy does).
Result<RoutingPolicy> RoutingPolicyFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back.
std::string RoutingPolicyToText(const RoutingPolicy& policy);
Result<RoutingPolicy> RoutingPolicyFromText(std::string_view text);

}  // namespace chorus::domain
