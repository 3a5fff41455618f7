#include "domain/project_member.h"

#include <nlohmann/json.hpp>

namespace chorus::domain {

Status ValidateProjectMember(const ProjectMember& member) {
  if (member.project_id <= 0) return InvalidArgument("must be a project id", "project_id");
  if (member.user_id <= 0) return InvalidArgument("must be a user id", "user_id");
  if (member.added_by && *member.added_by <= 0) {
    return InvalidArgument("must be a user id or absent", "added_by");
  }
  if (member.added_at < 0) return InvalidArgument("must be Unix milliseconds", "added_at");
  return Status::Ok();
}

nlohmann::json ToJson(const ProjectMember& member) {
  return {{"project_id", member.project_id},
          {"user_id", member.user_id},
          {"added_by", member.added_by ? nlohmann::json(*member.added_by) : nlohmann::json()},
          {"added_at", member.added_at}};
}

}  // namespace chorus::domain
