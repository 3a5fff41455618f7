// One version of a project's annotation guidelines (markdown). Versions are append-only:
// editing the guidelines adds version n+1, so every annotation can name the version its
// annotator saw (Annotation::guideline_version).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/status.h"

namespace chorus::domain {

struct Guideline {
  int64_t project_id = 0;
  int64_t version = 0;     // 1, 2, ... per project; assigned by the store.
  std::string markdown;    // At most 1,000,000 bytes of UTF-8.
  int64_t author = 0;      // User id.
  int64_t created_at = 0;  // Unix milliseconds.

  bool operator==(const Guideline&) const = default;
};

// kInvalidArgument with the field at fault.
Status ValidateGuideline(const Guideline& guideline);

nlohmann::json ToJson(const Guideline& guideline);

}  // namespace chorus::domain
