// ProjectStore's membership methods on SQLite (store/project_store.h). Additions and removals
// go through the single writer, so the checks before each write see the state it changes.
#include <optional>
#include <string>
#include <utility>

#include "store/sqlite/sqlite_projects.h"
#include "store/sqlite/sqlite_users.h"

namespace chorus::store::sqlite {

using domain::ProjectMember;

namespace {

ProjectMember ReadMember(const Query& q) {
  ProjectMember m;
  m.project_id = q.Int(0);
  m.user_id = q.Int(1);
  m.added_by = q.OptInt(2);
  m.added_at = q.Int(3);
  return m;
}

// The membership row, or nullopt.
Result<std::optional<ProjectMember>> FindMember(Connection& db, int64_t project_id,
                                                int64_t user_id) {
  Result<Query> q = db.Prepare(
      "SELECT project_id, user_id, added_by, added_at FROM project_members "
      "WHERE project_id = ? AND user_id = ?");
  if (!q.ok()) return q.status();
  q->BindInt(project_id).BindInt(user_id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ProjectMember>();
  return std::optional<ProjectMember>(ReadMember(*q));
}

Status NotAMember(int64_t project_id, int64_t user_id) {
  return NotFound("user " + std::to_string(user_id) + " is not a member of project " +
                      std::to_string(project_id),
                  "user_id");
}

}  // namespace

Result<ProjectMember> SqliteProjectStore::AddMember(ProjectMember member) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateProjectMember(member));
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    CHORUS_RETURN_IF_ERROR(ReadProjectById(db, member.project_id).status());
    if (Status user = ReadUserById(db, member.user_id).status(); !user.ok()) {
      if (user.code() != StatusCode::kNotFound) return user;
      return InvalidArgument("must be the id of an existing user", "user_id");
    }
    if (member.added_by) {
      if (Status by = ReadUserById(db, *member.added_by).status(); !by.ok()) {
        if (by.code() != StatusCode::kNotFound) return by;
        return InvalidArgument("must be the id of an existing user", "added_by");
      }
    }
    Result<std::optional<ProjectMember>> existing =
        FindMember(db, member.project_id, member.user_id);
    if (!existing.ok()) return existing.status();
    if (*existing) {
      return Conflict("user " + std::to_string(member.user_id) + " is a member of project " +
                          std::to_string(member.project_id) + " already",
                      "user_id");
    }
    Result<Query> q = db.Prepare(
        "INSERT INTO project_members (project_id, user_id, added_by, added_at) "
        "VALUES (?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    return q->BindInt(member.project_id)
        .BindInt(member.user_id)
        .BindOptInt(member.added_by)
        .BindInt(member.added_at)
        .Run();
  });
  if (!status.ok()) return status;
  return member;
}

Result<ProjectMember> SqliteProjectStore::RemoveMember(int64_t project_id, int64_t user_id) {
  ProjectMember removed;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<std::optional<ProjectMember>> existing = FindMember(db, project_id, user_id);
    if (!existing.ok()) return existing.status();
    if (!*existing) return NotAMember(project_id, user_id);
    removed = **existing;
    Result<Query> q =
        db.Prepare("DELETE FROM project_members WHERE project_id = ? AND user_id = ?");
    if (!q.ok()) return q.status();
    return q->BindInt(project_id).BindInt(user_id).Run();
  });
  if (!status.ok()) return status;
  return removed;
}

Result<bool> SqliteProjectStore::IsMember(int64_t project_id, int64_t user_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<bool> {
    Result<std::optional<ProjectMember>> existing = FindMember(db, project_id, user_id);
    if (!existing.ok()) return existing.status();
    return existing->has_value();
  });
}

Result<bool> SqliteProjectStore::IsMemberOfTaskProject(int64_t task_id, int64_t user_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<bool> {
    Result<Query> q = db.Prepare(
        "SELECT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = t.project_id "
        "AND m.user_id = ?) FROM tasks t WHERE t.id = ?");
    if (!q.ok()) return q.status();
    q->BindInt(user_id).BindInt(task_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
    return q->Int(0) != 0;
  });
}

Result<Page<ProjectMember>> SqliteProjectStore::ListMembers(int64_t project_id,
                                                            const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<ProjectMember>> {
    const int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(
        "SELECT project_id, user_id, added_by, added_at FROM project_members "
        "WHERE project_id = ? AND user_id > ? ORDER BY user_id LIMIT ?");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id).BindInt(limit + 1);
    // Paged by user id (ReadPageRows pages by an `id` member, which a membership has not).
    Page<ProjectMember> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().user_id;
        break;
      }
      out.items.push_back(ReadMember(*q));
    }
    return out;
  });
}

}  // namespace chorus::store::sqlite
