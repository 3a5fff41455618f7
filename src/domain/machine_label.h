// A label a machine gave a task (issue 7 items 3, 7 and 8): a model's prediction accepted by
// auto-labelling (source model: which model version, its score and the threshold that admitted
// it) or the label model's answer over labelling functions (source rule: which rule set and the
// probability of its label). Machine labels are kept apart from people's annotations, in their
// own append-only store (store/machine_label_store.h), so they never count as any annotator's
// work, agreement or pay, and are marked as machine labels for good: nothing updates or
// deletes one.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/annotation.h"

namespace chorus::domain {

struct MachineLabel {
  int64_t id = 0;  // Assigned by the store.
  int64_t task_id = 0;
  int64_t project_id = 0;  // The task's project (checked by the store).
  AnnotationSource source = AnnotationSource::kModel;  // kModel or kRule only.
  std::string origin;          // kModel: the model version; kRule: the rule set's name.
  std::string result = "{}";   // JSON object text in the project's label-interface shape.
  std::optional<double> score;      // kModel: the model's score; kRule: P(label) (finite).
  std::optional<double> threshold;  // kModel: the auto-labelling threshold that admitted it.
  int64_t created_at = 0;           // Unix milliseconds.

  bool operator==(const MachineLabel&) const = default;
};

// kInvalidArgument naming the field: source not model or rule, origin empty or longer than
// kMaxModelVersionBytes, result not a JSON object, score or threshold not finite.
Status ValidateMachineLabel(const MachineLabel& label);

// {"id", "task_id", "source", "model_version" | "rule_set", "result", "score", "threshold",
//  "created_at"}: the origin under the name that says what it is.
nlohmann::json ToJson(const MachineLabel& label);

}  // namespace chorus::domain
