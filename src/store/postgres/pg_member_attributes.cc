// ProjectStore's diversity answers on PostgreSQL (store/project_store.h). Replacing a member's
// answers locks their membership row first, so two replacements at once run one after the
// other and a reservation reads either the old answers or the new ones.
#include <map>
#include <string>
#include <vector>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

Status PgProjectStore::SetMemberAttributes(int64_t project_id, int64_t user_id,
                                           const std::map<std::string, std::string>& answers) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> member =
        db.Exec("SELECT 1 FROM project_members WHERE project_id = $1 AND user_id = $2 FOR UPDATE",
                Params().Int(project_id).Int(user_id));
    if (!member.ok()) return member.status();
    if (member->empty()) {
      return NotFound("user " + std::to_string(user_id) + " is not a member of project " +
                          std::to_string(project_id),
                      "user_id");
    }
    Result<Rows> cleared =
        db.Exec("DELETE FROM project_member_attributes WHERE project_id = $1 AND user_id = $2",
                Params().Int(project_id).Int(user_id));
    if (!cleared.ok()) return cleared.status();
    for (const auto& [attribute, value] : answers) {
      Result<Rows> inserted = db.Exec(
          "INSERT INTO project_member_attributes (project_id, user_id, attribute, value) "
          "VALUES ($1, $2, $3, $4)",
          Params().Int(project_id).Int(user_id).Text(attribute).Text(value));
      if (!inserted.ok()) return inserted.status();
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, std::string>> PgProjectStore::MemberAttributes(int64_t project_id,
                                                                            int64_t user_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::map<std::string, std::string>> {
    Result<Rows> rows = db.Exec(
        "SELECT attribute, value FROM project_member_attributes "
        "WHERE project_id = $1 AND user_id = $2",
        Params().Int(project_id).Int(user_id));
    if (!rows.ok()) return rows.status();
    std::map<std::string, std::string> out;
    for (int i = 0; i < rows->size(); ++i) out[rows->Text(i, 0)] = rows->Text(i, 1);
    return out;
  });
}

Result<std::vector<MemberAttribute>> PgProjectStore::ListMemberAttributes(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<MemberAttribute>> {
    Result<Rows> rows = db.Exec(
        "SELECT user_id, attribute, value FROM project_member_attributes "
        "WHERE project_id = $1 ORDER BY user_id, attribute",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<MemberAttribute> out;
    for (int i = 0; i < rows->size(); ++i) {
      out.push_back({rows->Int(i, 0), rows->Text(i, 1), rows->Text(i, 2)});
    }
    return out;
  });
}

}  // namespace chorus::store::postgres
