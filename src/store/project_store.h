// Projects and their versioned guidelines.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "domain/guideline.h"
#include "domain/project.h"
#include "store/page.h"
#include "store/update_result.h"

namespace chorus::store {

class ProjectStore {
 public:
  virtual ~ProjectStore() = default;

  // Stores a new project with version 1 and returns it with its id.
  // kInvalidArgument (ValidateProject, or created_by not a user).
  virtual Result<domain::Project> Create(domain::Project project) = 0;
  virtual Result<domain::Project> Get(int64_t id) = 0;  // kNotFound.
  virtual Result<Page<domain::Project>> List(const PageRequest& page) = 0;

  // Replaces name, description, label_interface and overlap of project `changed.id` when its
  // stored version equals `changed.version`; returns the row with version + 1.
  // kNotFound, kInvalidArgument, or kConflict with current_version() when stale.
  virtual UpdateResult<domain::Project> Update(const domain::Project& changed) = 0;

  // Appends a guideline version: the store assigns latest + 1 (1 for the first) whatever
  // `guideline.version` says. Versions are never changed or removed.
  // kNotFound when the project does not exist; kInvalidArgument (ValidateGuideline).
  virtual Result<domain::Guideline> AddGuideline(domain::Guideline guideline) = 0;
  // The highest version. kNotFound when the project has none.
  virtual Result<domain::Guideline> LatestGuideline(int64_t project_id) = 0;
  virtual Result<domain::Guideline> GetGuideline(int64_t project_id, int64_t version) = 0;
  // Every version, oldest first.
  virtual Result<std::vector<domain::Guideline>> ListGuidelines(int64_t project_id) = 0;
};

}  // namespace chorus::store
