// Who may reach a project (security catalogue entries 61 and 63): administrators reach every
// project; managers, reviewers and annotators only the projects they are members of
// (domain/project_member.h). Roles still decide what one may do there (service/permissions.h);
// this decides where.
//
// No existence oracle: whoever may not reach a project gets exactly the kNotFound a project
// that does not exist gives ("there is no project with id N", field "project_id"), and the same
// for a task or annotation of such a project (as for a missing task or annotation). The server
// checks this for every project-scoped route before its handler runs (server/auth_guard.h,
// ProjectGuard); resources addressed by their own id are checked against their project.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

// What the id a project-scoped route is given names.
enum class ProjectScope {
  kProject,     // The project itself.
  kTask,        // A task; its project is checked.
  kAnnotation,  // An annotation; its project is checked.
};

// The kNotFound a missing resource gets, word for word as the store says it.
Status NoSuchProject(int64_t project_id);
Status NoSuchTask(int64_t task_id);
Status NoSuchAnnotation(int64_t annotation_id);

// Whether `who` reaches every project whatever their memberships (administrators).
bool SeesEveryProject(const Principal& who);

class ProjectAccess {
 public:
  // REQUIRES: `store` outlives this object.
  explicit ProjectAccess(store::Store& store) : store_(store) {}

  // Ok when `who` may reach project `project_id` (administrators: always, even when it does not
  // exist, so the handler reports that itself); otherwise NoSuchProject(project_id), for
  // missing projects and other people's alike. Other store failures pass through.
  Status CheckProject(const Principal& who, int64_t project_id) const;
  // As CheckProject for the project of task `task_id`; NoSuchTask(task_id) when the task does
  // not exist or its project is out of reach.
  Status CheckTask(const Principal& who, int64_t task_id) const;
  // As CheckProject for the project of annotation `annotation_id`; NoSuchAnnotation otherwise.
  Status CheckAnnotation(const Principal& who, int64_t annotation_id) const;
  // The check `scope` names, for `id`.
  Status Check(const Principal& who, ProjectScope scope, int64_t id) const;

 private:
  // Whether `who` is a member of `project_id` (false for unknown projects).
  Result<bool> Reaches(const Principal& who, int64_t project_id) const;

  store::Store& store_;
};

}  // namespace chorus::service
