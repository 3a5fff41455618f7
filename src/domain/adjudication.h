// An adjudication: a task whose labels still disagreed when it had all the labels its routing
// allows (domain/routing_policy.h) waits for an expert, who decides its final label with a
// rationale. The annotators' own labels are never changed; the decision is stored beside them.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"

namespace chorus::domain {

inline constexpr size_t kMaxAdjudicationRationaleChars = 5000;  // Unicode code points.

struct Adjudication {
  int64_t task_id = 0;
  int64_t project_id = 0;  // The task's; set by the store.
  std::string reason;      // Why it was escalated (for the adjudicator), <= 500 bytes:
                           // how far the labels agreed and what the policy asked.
  int64_t labels = 0;      // Submitted labels when it was escalated.
  int64_t opened_at = 0;
  // Set together once decided.
  std::optional<int64_t> decided_by;
  std::optional<int64_t> decided_at;
  std::string result;     // The final label, JSON object text; "" while open.
  std::string rationale;  // Why, for annotators' feedback and exports; "" while open.

  bool decided() const { return decided_at.has_value(); }
  bool operator==(const Adjudication&) const = default;
};

// kInvalidArgument naming the field: a decision's result that is not a JSON object, a
// rationale that is empty, over the limit or not UTF-8.
Status ValidateDecision(const std::string& result, const std::string& rationale);

nlohmann::json ToJson(const Adjudication& adjudication);

}  // namespace chorus::domain
