#include "service/audit.h"

namespace chorus::service {

std::string AuditJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status RecordChange(store::AuditLog& log, std::optional<int64_t> actor, std::string action,
                    std::string entity, int64_t entity_id, std::string before, std::string after,
                    int64_t at) {
  domain::AuditEvent event;
  event.actor_id = actor;
  event.action = std::move(action);
  event.entity = std::move(entity);
  event.entity_id = entity_id;
  event.before = std::move(before);
  event.after = std::move(after);
  event.at = at;
  return log.Append(std::move(event)).status();
}

}  // namespace chorus::service
