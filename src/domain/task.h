// One item to label in a project: its data (JSON text: text, media URLs, ...), an optional
// external id from the source system, and a content hash; either can deduplicate imports
// (security catalogue entry 29: the same import twice must never double the tasks).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"

namespace chorus::domain {

struct Task {
  int64_t id = 0;  // Assigned by the store.
  int64_t project_id = 0;
  std::optional<std::string> external_id;  // Unique within a project when set; 1..512 bytes.
  std::string content_hash;  // Hash of the canonical data, computed by the importer; may be empty.
  std::string data = "{}";   // JSON text.
  int64_t priority = 0;      // Higher is handed out first.
  int64_t created_at = 0;    // Unix milliseconds.
  bool sensitive = false;  // Disturbing content: wellbeing caps apply (domain/wellbeing_policy.h).

  bool operator==(const Task&) const = default;
};

// kInvalidArgument with the field at fault (data must be JSON).
Status ValidateTask(const Task& task);

nlohmann::json ToJson(const Task& task);  // data embedded as JSON.
Result<Task> TaskFromJson(const nlohmann::json& json);

}  // namespace chorus::domain
