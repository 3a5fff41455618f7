// ProjectStore's membership methods on PostgreSQL (store/project_store.h). AddMember checks
// the project and users first and relies on the primary key for two additions of one user at
// once (the second gets kConflict); RemoveMember deletes and returns the row in one statement.
#include <optional>
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::ProjectMember;

namespace {

ProjectMember ReadMember(const Rows& rows, int i) {
  ProjectMember m;
  m.project_id = rows.Int(i, 0);
  m.user_id = rows.Int(i, 1);
  m.added_by = rows.OptInt(i, 2);
  m.added_at = rows.Int(i, 3);
  return m;
}

Status AlreadyMember(const ProjectMember& member) {
  return Conflict("user " + std::to_string(member.user_id) + " is a member of project " +
                      std::to_string(member.project_id) + " already",
                  "user_id");
}

// kInvalidArgument naming `field` when `user_id` is no user.
Status CheckUser(Connection& db, int64_t user_id, const char* field) {
  Status user = ReadUserById(db, user_id).status();
  if (user.code() == StatusCode::kNotFound) {
    return InvalidArgument("must be the id of an existing user", field);
  }
  return user;
}

}  // namespace

Result<ProjectMember> PgProjectStore::AddMember(ProjectMember member) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateProjectMember(member));
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    CHORUS_RETURN_IF_ERROR(ReadProjectById(db, member.project_id).status());
    CHORUS_RETURN_IF_ERROR(CheckUser(db, member.user_id, "user_id"));
    if (member.added_by) CHORUS_RETURN_IF_ERROR(CheckUser(db, *member.added_by, "added_by"));
    Result<Rows> rows = db.Exec(
        "INSERT INTO project_members (project_id, user_id, added_by, added_at) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        Params()
            .Int(member.project_id)
            .Int(member.user_id)
            .OptInt(member.added_by)
            .Int(member.added_at));
    if (!rows.ok()) return rows.status();
    if (rows->affected() == 0) return AlreadyMember(member);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return member;
}

Result<ProjectMember> PgProjectStore::RemoveMember(int64_t project_id, int64_t user_id) {
  ProjectMember removed;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec(
        "DELETE FROM project_members WHERE project_id = $1 AND user_id = $2 "
        "RETURNING project_id, user_id, added_by, added_at",
        Params().Int(project_id).Int(user_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("user " + std::to_string(user_id) + " is not a member of project " +
                          std::to_string(project_id),
                      "user_id");
    }
    removed = ReadMember(*rows, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return removed;
}

Result<bool> PgProjectStore::IsMember(int64_t project_id, int64_t user_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<bool> {
    Result<Rows> rows =
        db.Exec("SELECT 1 FROM project_members WHERE project_id = $1 AND user_id = $2",
                Params().Int(project_id).Int(user_id));
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  });
}

Result<bool> PgProjectStore::IsMemberOfTaskProject(int64_t task_id, int64_t user_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<bool> {
    Result<Rows> rows = db.Exec(
        "SELECT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = t.project_id "
        "AND m.user_id = $1) FROM tasks t WHERE t.id = $2",
        Params().Int(user_id).Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
    }
    return rows->Bool(0, 0);
  });
}

Result<Page<ProjectMember>> PgProjectStore::ListMembers(int64_t project_id,
                                                        const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<ProjectMember>> {
    const int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(
        "SELECT project_id, user_id, added_by, added_at FROM project_members "
        "WHERE project_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3",
        Params().Int(project_id).Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<ProjectMember> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().user_id;  // Paged by user id.
        break;
      }
      out.items.push_back(ReadMember(*rows, i));
    }
    return out;
  });
}

}  // namespace chorus::store::postgres
