#include "domain/audit_event.h"

#include <nlohmann/json.hpp>

#include "domain/json_fields.h"

namespace chorus::domain {

Status ValidateAuditEvent(const AuditEvent& event) {
  if (event.action.empty() || event.action.size() > 100) {
    return InvalidArgument("must be 1 to 100 bytes", "action");
  }
  if (event.entity.empty() || event.entity.size() > 100) {
    return InvalidArgument("must be 1 to 100 bytes", "entity");
  }
  CHORUS_RETURN_IF_ERROR(CheckJsonText(event.before, "before"));
  return CheckJsonText(event.after, "after");
}

nlohmann::json ToJson(const AuditEvent& event) {
  nlohmann::json j = {{"id", event.id},
                      {"actor_id", nullptr},
                      {"action", event.action},
                      {"entity", event.entity},
                      {"entity_id", event.entity_id},
                      {"before", JsonFromText(event.before)},
                      {"after", JsonFromText(event.after)},
                      {"at", event.at}};
  if (event.actor_id) j["actor_id"] = *event.actor_id;
  return j;
}

}  // namespace chorus::domain
