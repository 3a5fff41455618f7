// A task's stored aggregate (issue 6, "disagreement kept"): the label distribution of its
// submitted votes on one single-choice control, the label truth inference settled on, the
// posterior, its confidence and training weight, and whether the item stays ambiguous
// (quality/truth/aggregate.h, quality/truth/soft_labels.h). Derived data: recomputed as a
// whole per project (service/aggregation_service.h), never edited.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

enum class AggregateSource {
  kInferred,     // Truth inference over two or more votes (or gold clamped it).
  kAdjudicated,  // An adjudicator decided the task; their label stands with confidence 1.
  kSingle,       // One vote: the label is that vote, with the model's posterior.
};
const char* AggregateSourceName(AggregateSource source);  // "inferred", "adjudicated", "single".
Result<AggregateSource> ParseAggregateSource(std::string_view name);

struct TaskAggregate {
  int64_t task_id = 0;
  int64_t project_id = 0;
  std::string control;               // The single-choice control aggregated.
  std::string method;                // "ds", "mv", ... (quality::TruthMethodName).
  std::optional<std::string> label;  // The aggregated option; nullopt when the task had no votes.
  std::string distribution = "{}";   // JSON object text: option -> share of the raw votes.
  std::string posterior = "{}";      // JSON object text: option -> probability.
  double confidence = 0;             // Posterior of `label`, in [0, 1].
  double weight = 0;                 // Training weight in [0, 1] (soft_labels.h).
  bool ambiguous = false;            // Posterior too spread to trust the label.
  int64_t votes = 0;                 // Votes counted on the control.
  AggregateSource source = AggregateSource::kInferred;
  int64_t computed_at = 0;  // Unix milliseconds.

  bool operator==(const TaskAggregate&) const = default;
};

// {"task_id", "project_id", "control", "method", "label", "distribution", "posterior",
//  "confidence", "weight", "ambiguous", "votes", "source", "computed_at"}, the two
// distributions embedded as objects.
nlohmann::json ToJson(const TaskAggregate& aggregate);

}  // namespace chorus::domain
