// Project membership (security catalogue entries 61 and 63): administrators see every project;
// managers, reviewers and annotators see and work on only the projects they are members of.
// A project's creator is its first member; administrators, and managers who are members, add
// and remove the others (service/membership_service.h).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "core/status.h"

namespace chorus::domain {

struct ProjectMember {
  int64_t project_id = 0;
  int64_t user_id = 0;
  // Who added the member; none for memberships carried over from before membership existed
  // (migration 0010 made everyone who had labelled in a project its member).
  std::optional<int64_t> added_by;
  int64_t added_at = 0;  // Unix milliseconds.

  bool operator==(const ProjectMember&) const = default;
};

// kInvalidArgument with the field at fault: positive ids, a non-negative added_at.
Status ValidateProjectMember(const ProjectMember& member);

// {"project_id", "user_id", "added_by" (null when none), "added_at"}.
nlohmann::json ToJson(const ProjectMember& member);

}  // namespace chorus::domain
