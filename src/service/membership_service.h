// Project members (security catalogue entries 61 and 63): who besides administrators sees and
// works on a project. Administrators, and managers who are members of the project, list, add
// and remove its members (manage_members); nobody adds themselves unless they are an
// administrator, so a manager cannot reach a project nobody let them into. A project's creator
// is its first member (store/project_store.h). Every addition and removal is recorded in the
// audit log (entity "project", actions "project_member.add" and "project_member.remove", the
// membership as after and before), as invitations are.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>

#include "core/status.h"
#include "domain/project_member.h"
#include "domain/user.h"
#include "service/paging.h"
#include "service/principal.h"
#include "service/project_access.h"
#include "store/store.h"

namespace chorus::service {

// A membership with the account it is for (for lists a person reads).
struct MemberView {
  domain::ProjectMember member;
  domain::User user;
};

class MembershipService {
 public:
  // REQUIRES: `store` outlives the service.
  MembershipService(store::Store& store, std::function<int64_t()> now);

  // The members of project `project_id`, in user id order (the cursor is a user id).
  // kPermissionDenied unless `actor` may manage_members; NoSuchProject unless they reach the
  // project (service/project_access.h).
  Result<Page<MemberView>> List(const Principal& actor, int64_t project_id,
                                const PageRequest& page);
  // Makes user `user_id` a member of project `project_id`, added by `actor` now. As List, and
  // kPermissionDenied when a non-administrator adds themselves; kInvalidArgument (field
  // "user_id") when there is no such user; kConflict (field "user_id") when they are a member
  // already.
  Result<MemberView> Add(const Principal& actor, int64_t project_id, int64_t user_id);
  // Ends user `user_id`'s membership of project `project_id` (anyone's, one's own included).
  // As List, and kNotFound (field "user_id") when they are not a member.
  Status Remove(const Principal& actor, int64_t project_id, int64_t user_id);

 private:
  // manage_members, reach, and (for administrators) existence, in that order, so other roles
  // learn nothing about projects.
  Status CheckManager(const Principal& actor, int64_t project_id);

  store::Store& store_;
  std::function<int64_t()> now_;
  ProjectAccess access_;
};

}  // namespace chorus::service
