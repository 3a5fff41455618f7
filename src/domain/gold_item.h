// A gold (control) item: a task with the answer it should get and why. Annotators never learn
// which tasks are gold (the task itself is an ordinary task in every response); their answers
// to it measure their accuracy (service/gold_service.h).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/status.h"

namespace chorus::domain {

inline constexpr size_t kMaxGoldRationaleChars = 5000;  // Unicode code points.

struct GoldItem {
  int64_t task_id = 0;
  int64_t project_id = 0;        // The task's; set by the store.
  std::string reference = "{}";  // JSON object text: the correct result, checked against the
                                 // project's interface by the service.
  std::string rationale;         // Why it is correct, for managers and calibration feedback.
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 0;  // 1 when created, +1 per change.

  bool operator==(const GoldItem&) const = default;
};

// kInvalidArgument naming the field: a reference that is not a JSON object, a rationale over
// the limit or not UTF-8.
Status ValidateGoldItem(const GoldItem& item);

nlohmann::json ToJson(const GoldItem& item);

}  // namespace chorus::domain
