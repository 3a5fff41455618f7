#include "service/membership_service.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "service/audit.h"
#include "service/permissions.h"

namespace chorus::service {

MembershipService::MembershipService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)), access_(store) {}

Status MembershipService::CheckManager(const Principal& actor, int64_t project_id) {
  if (!Allows(actor.role, Action::kManageMembers)) {
    return Status(StatusCode::kPermissionDenied,
                  std::string("your role (") + domain::RoleName(actor.role) +
                      ") may not manage_members; ask a manager of the project or an "
                      "administrator");
  }
  CHORUS_RETURN_IF_ERROR(access_.CheckProject(actor, project_id));
  // An administrator asking about a missing project learns that it is missing.
  return store_.projects().Get(project_id).status();
}

Result<Page<MemberView>> MembershipService::List(const Principal& actor, int64_t project_id,
                                                 const PageRequest& page) {
  CHORUS_RETURN_IF_ERROR(CheckManager(actor, project_id));
  auto members = store_.projects().ListMembers(project_id, page);
  if (!members.ok()) return members.status();
  Page<MemberView> out;
  out.next_after_id = members->next_after_id;
  for (domain::ProjectMember& member : members->items) {
    auto user = store_.users().Get(member.user_id);
    if (!user.ok()) return user.status();
    out.items.push_back({std::move(member), std::move(*user)});
  }
  return out;
}

Result<MemberView> MembershipService::Add(const Principal& actor, int64_t project_id,
                                          int64_t user_id) {
  CHORUS_RETURN_IF_ERROR(CheckManager(actor, project_id));
  if (user_id == actor.user_id && !SeesEveryProject(actor)) {
    return Status(StatusCode::kPermissionDenied,
                  "you may not add yourself to a project; ask a manager of the project or an "
                  "administrator",
                  "user_id");
  }
  auto user = store_.users().Get(user_id);
  if (!user.ok()) {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    return InvalidArgument("must be the id of an existing user (GET /api/v1/users lists them)",
                           "user_id");
  }
  domain::ProjectMember member;
  member.project_id = project_id;
  member.user_id = user_id;
  member.added_by = actor.user_id;
  member.added_at = now_();
  auto added = store_.projects().AddMember(member);
  if (!added.ok()) return added.status();
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "project_member.add",
                                      "project", project_id, "null", domain::ToJson(*added).dump(),
                                      added->added_at));
  return MemberView{std::move(*added), std::move(*user)};
}

Status MembershipService::Remove(const Principal& actor, int64_t project_id, int64_t user_id) {
  CHORUS_RETURN_IF_ERROR(CheckManager(actor, project_id));
  auto removed = store_.projects().RemoveMember(project_id, user_id);
  if (!removed.ok()) return removed.status();
  return RecordChange(store_.audit(), actor.user_id, "project_member.remove", "project", project_id,
                      domain::ToJson(*removed).dump(), "null", now_());
}

}  // namespace chorus::service
