// ProjectStore on SQLite. Thread-safety: safe from many threads (writes go through the writer).
#pragma once

#include "store/project_policies.h"
#include "store/project_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteProjectStore final : public ProjectStore {
 public:
  explicit SqliteProjectStore(SqliteContext context) : db_(context) {}

  Result<domain::Project> Create(domain::Project project) override;
  Result<domain::Project> Get(int64_t id) override;
  Result<Page<domain::Project>> List(const PageRequest& page) override;
  Result<Page<domain::Project>> ListForMember(int64_t user_id, const PageRequest& page) override;
  UpdateResult<domain::Project> Update(const domain::Project& changed) override;
  Result<domain::Guideline> AddGuideline(domain::Guideline guideline) override;
  Result<domain::Guideline> LatestGuideline(int64_t project_id) override;
  Result<domain::Guideline> GetGuideline(int64_t project_id, int64_t version) override;
  Result<std::vector<domain::Guideline>> ListGuidelines(int64_t project_id) override;
  // Membership: sqlite_project_members.cc.
  Result<domain::ProjectMember> AddMember(domain::ProjectMember member) override;
  Result<domain::ProjectMember> RemoveMember(int64_t project_id, int64_t user_id) override;
  Result<bool> IsMember(int64_t project_id, int64_t user_id) override;
  Result<bool> IsMemberOfTaskProject(int64_t task_id, int64_t user_id) override;
  Result<Page<domain::ProjectMember>> ListMembers(int64_t project_id,
                                                  const PageRequest& page) override;
  // Diversity answers: sqlite_member_attributes.cc.
  Status SetMemberAttributes(int64_t project_id, int64_t user_id,
                             const std::map<std::string, std::string>& answers) override;
  Result<std::map<std::string, std::string>> MemberAttributes(int64_t project_id,
                                                              int64_t user_id) override;
  Result<std::vector<MemberAttribute>> ListMemberAttributes(int64_t project_id) override;

 private:
  SqliteContext db_;
  ProjectPolicyCache policies_;  // Parsed policies of the projects read, by version.
};

// The project with this id, read through `db` (any connection), its policies from `cache`
// when it has them. kNotFound when absent.
Result<domain::Project> ReadProjectById(Connection& db, int64_t id,
                                        ProjectPolicyCache* cache = nullptr);

}  // namespace chorus::store::sqlite
