// ProjectStore's diversity answers on SQLite (store/project_store.h). A member's answers are
// replaced as a whole through the single writer, so a reservation never sees half of them.
#include <map>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_projects.h"

namespace chorus::store::sqlite {

Status SqliteProjectStore::SetMemberAttributes(int64_t project_id, int64_t user_id,
                                               const std::map<std::string, std::string>& answers) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> member =
        db.Prepare("SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?");
    if (!member.ok()) return member.status();
    member->BindInt(project_id).BindInt(user_id);
    Result<bool> row = member->Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return NotFound("user " + std::to_string(user_id) + " is not a member of project " +
                          std::to_string(project_id),
                      "user_id");
    }
    Result<Query> clear =
        db.Prepare("DELETE FROM project_member_attributes WHERE project_id = ? AND user_id = ?");
    if (!clear.ok()) return clear.status();
    CHORUS_RETURN_IF_ERROR(clear->BindInt(project_id).BindInt(user_id).Run());
    for (const auto& [attribute, value] : answers) {
      Result<Query> insert = db.Prepare(
          "INSERT INTO project_member_attributes (project_id, user_id, attribute, value) "
          "VALUES (?, ?, ?, ?)");
      if (!insert.ok()) return insert.status();
      CHORUS_RETURN_IF_ERROR(
          insert->BindInt(project_id).BindInt(user_id).BindText(attribute).BindText(value).Run());
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, std::string>> SqliteProjectStore::MemberAttributes(int64_t project_id,
                                                                                int64_t user_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::map<std::string, std::string>> {
    Result<Query> q = db.Prepare(
        "SELECT attribute, value FROM project_member_attributes "
        "WHERE project_id = ? AND user_id = ?");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(user_id);
    std::map<std::string, std::string> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out[q->Text(0)] = q->Text(1);
    }
    return out;
  });
}

Result<std::vector<MemberAttribute>> SqliteProjectStore::ListMemberAttributes(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<MemberAttribute>> {
    Result<Query> q = db.Prepare(
        "SELECT user_id, attribute, value FROM project_member_attributes "
        "WHERE project_id = ? ORDER BY user_id, attribute");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<MemberAttribute> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back({q->Int(0), q->Text(1), q->Text(2)});
    }
    return out;
  });
}

}  // namespace chorus::store::sqlite
