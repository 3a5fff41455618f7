// How a project uses gold (control) items: how often they are mixed into each annotator's
// queue, how many annotators see one item, the accuracy under which an annotator is flagged
// for a manager or paused, and the qualification a new annotator passes first. Part of the project
// (Project::gold). Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

struct GoldPolicy {
  double rate = 0.08;          // Share of an annotator's tasks that are gold, 0 to 0.5.
  int64_t max_exposures = 25;  // Annotators who see one gold item at most, >= 1, so one item
                               // does not come round often enough to be recognised.
  double warn_below = 0.90;    // Accuracy on gold under which a manager is alerted, 0 to 1.
  double pause_below = 0.70;   // Accuracy under which the annotator is paused (0: never),
                               // at most warn_below.
  int64_t min_answers = 10;    // Gold answers an annotator gives before either applies, >= 1.
  // Qualification: before their labels count, a new annotator answers this many gold items
  // (0: no qualification), sees each one's reference and rationale after answering, and
  // must get qualification_pass of them right, in at most qualification_attempts tries.
  int64_t qualification_items = 0;     // 0 to 1000.
  double qualification_pass = 0.95;    // 0 to 1.
  int64_t qualification_attempts = 2;  // >= 1.

  bool operator==(const GoldPolicy&) const = default;
};

// kInvalidArgument naming "gold.FIELD".
Status ValidateGoldPolicy(const GoldPolicy& policy);

nlohmann::json ToJson(const GoldPolicy& policy);
// Fields left out keep their defaults; unknown fields and wrong types are refused with
// "gold.FIELD". Does not validate ranges (ValidateGoldPolicy does).
Result<GoldPolicy> GoldPolicyFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back; kInvalidArgument for text that is not.
std::string GoldPolicyToText(const GoldPolicy& policy);
Result<GoldPolicy> GoldPolicyFromText(std::string_view text);

}  // namespace chorus::domain
