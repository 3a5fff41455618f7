// Projects, their versioned guidelines, and their members (security catalogue entries 61 and
// 63: who besides administrators may see and work on a project; domain/project_member.h).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/guideline.h"
#include "domain/project.h"
#include "domain/project_member.h"
#include "store/page.h"
#include "store/update_result.h"

namespace chorus::store {

// One member's answer to one of the project's diversity questions (domain/diversity_policy.h).
struct MemberAttribute {
  int64_t user_id = 0;
  std::string attribute;
  std::string value;

  bool operator==(const MemberAttribute&) const = default;
};

class ProjectStore {
 public:
  virtual ~ProjectStore() = default;

  // Stores a new project with version 1 and returns it with its id. Its creator becomes its
  // first member (added by themselves, at created_at) in the same transaction, so a manager
  // never loses sight of a project they just made.
  // kInvalidArgument (ValidateProject, or created_by not a user).
  virtual Result<domain::Project> Create(domain::Project project) = 0;
  virtual Result<domain::Project> Get(int64_t id) = 0;  // kNotFound.
  // Every project, in id order (administrators' view).
  virtual Result<Page<domain::Project>> List(const PageRequest& page) = 0;
  // The projects `user_id` is a member of, in id order (the page cursor is a project id).
  virtual Result<Page<domain::Project>> ListForMember(int64_t user_id, const PageRequest& page) = 0;

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

  // Makes `member.user_id` a member of `member.project_id` and returns the row stored.
  // kInvalidArgument (ValidateProjectMember; field "user_id" or "added_by" when that is no
  // user); kNotFound (field "project_id") for an unknown project; kConflict (field "user_id")
  // when the user is a member already (nothing changes).
  virtual Result<domain::ProjectMember> AddMember(domain::ProjectMember member) = 0;
  // Ends `user_id`'s membership of `project_id` and returns the row removed. kNotFound (field
  // "user_id") when they are not a member (or the project does not exist).
  virtual Result<domain::ProjectMember> RemoveMember(int64_t project_id, int64_t user_id) = 0;
  // Whether `user_id` is a member of `project_id` (false for unknown ids).
  virtual Result<bool> IsMember(int64_t project_id, int64_t user_id) = 0;
  // Whether `user_id` is a member of the project of task `task_id`, in one read (the check in
  // front of every submission and draft). kNotFound (field "task_id") for an unknown task.
  virtual Result<bool> IsMemberOfTaskProject(int64_t task_id, int64_t user_id) = 0;
  // The members of `project_id` in user id order; the page cursor is a user id. An unknown
  // project has no members (an empty page).
  virtual Result<Page<domain::ProjectMember>> ListMembers(int64_t project_id,
                                                          const PageRequest& page) = 0;

  // Diversity answers (sqlite_member_attributes.cc, pg_member_attributes.cc). They belong to
  // the membership and go with it. Values are not checked against the policy (the service
  // does, service/diversity_service.h).
  // Replaces every answer of `user_id` in `project_id` with `answers` (attribute -> value;
  // empty: none). kNotFound (field "user_id") when they are not a member.
  virtual Status SetMemberAttributes(int64_t project_id, int64_t user_id,
                                     const std::map<std::string, std::string>& answers) = 0;
  // One member's answers, attribute -> value (empty when none or not a member).
  virtual Result<std::map<std::string, std::string>> MemberAttributes(int64_t project_id,
                                                                      int64_t user_id) = 0;
  // Every answer given in the project, by user id then attribute: for aggregates only.
  virtual Result<std::vector<MemberAttribute>> ListMemberAttributes(int64_t project_id) = 0;
};

}  // namespace chorus::store
