#include "domain/task.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"

namespace chorus::domain {

Status ValidateTask(const Task& task) {
  if (task.external_id && (task.external_id->empty() || task.external_id->size() > 512 ||
                           !IsValidUtf8(*task.external_id))) {
    return InvalidArgument("must be 1 to 512 bytes of UTF-8 when set", "external_id");
  }
  if (task.content_hash.size() > 128) {
    return InvalidArgument("must be at most 128 bytes", "content_hash");
  }
  return CheckJsonText(task.data, "data");
}

nlohmann::json ToJson(const Task& task) {
  nlohmann::json j = {{"id", task.id},
                      {"project_id", task.project_id},
                      {"external_id", nullptr},
                      {"content_hash", task.content_hash},
                      {"data", JsonFromText(task.data)},
                      {"priority", task.priority},
                      {"created_at", task.created_at},
                      {"sensitive", task.sensitive}};
  if (task.external_id) j["external_id"] = *task.external_id;
  return j;
}

Result<Task> TaskFromJson(const nlohmann::json& json) {
  Task t;
  JsonFields f(json);
  f.Int("id", &t.id);
  f.Int("project_id", &t.project_id);
  f.OptionalString("external_id", &t.external_id);
  f.String("content_hash", &t.content_hash);
  f.JsonText("data", &t.data, /*required=*/true);
  f.Int("priority", &t.priority);
  f.Int("created_at", &t.created_at);
  f.Bool("sensitive", &t.sensitive);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  return t;
}

}  // namespace chorus::domain
