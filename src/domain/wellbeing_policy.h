// How a project protects annotators from too much disturbing content (Project::wellbeing):
// tasks marked sensitive are capped per annotator per UTC day and per working session, a run
// of them forces a break, ordinary items are rotated in between, and an annotator may opt out
// of the project's sensitive items. service/wellbeing.h decides; the defaults are configurable
// starting points, not research findings (docs/user-guide.md, "Annotator wellbeing").
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

struct WellbeingPolicy {
  bool enabled = false;              // Off: sensitive tasks are handed out like any other.
  int64_t daily_cap = 50;            // Sensitive items per annotator per UTC day, >= 1.
  int64_t session_cap = 20;          // Sensitive items per working session, >= 1.
  int64_t session_gap_minutes = 30;  // A pause this long without work ends a session, >= 1.
  int64_t break_after = 10;          // Sensitive items in a run that force a break, >= 1.
  int64_t break_minutes = 15;        // How long the forced break lasts, >= 1.
  int64_t ordinary_between = 1;      // Ordinary items served after each sensitive one, >= 0.
  bool opt_out_allowed = true;       // Whether an annotator may refuse sensitive items.

  bool operator==(const WellbeingPolicy&) const = default;
};

// kInvalidArgument naming "wellbeing.FIELD" for a value out of its range.
Status ValidateWellbeingPolicy(const WellbeingPolicy& policy);

nlohmann::json ToJson(const WellbeingPolicy& policy);
// Fields left out keep their defaults; unknown fields and wrong types are refused with
// "wellbeing.FIELD". Does not validate ranges (ValidateWellbeingPolicy does).
Result<WellbeingPolicy> WellbeingPolicyFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back.
std::string WellbeingPolicyToText(const WellbeingPolicy& policy);
Result<WellbeingPolicy> WellbeingPolicyFromText(std::string_view text);

}  // namespace chorus::domain
