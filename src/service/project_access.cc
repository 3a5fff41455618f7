#include "service/project_access.h"

#include <string>

namespace chorus::service {

Status NoSuchProject(int64_t project_id) {
  return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
}

Status NoSuchTask(int64_t task_id) {
  return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
}

Status NoSuchAnnotation(int64_t annotation_id) {
  return NotFound("there is no annotation with id " + std::to_string(annotation_id),
                  "annotation_id");
}

bool SeesEveryProject(const Principal& who) { return who.role == domain::Role::kAdmin; }

Result<bool> ProjectAccess::Reaches(const Principal& who, int64_t project_id) const {
  if (SeesEveryProject(who)) return true;
  return store_.projects().IsMember(project_id, who.user_id);
}

Status ProjectAccess::CheckProject(const Principal& who, int64_t project_id) const {
  Result<bool> reaches = Reaches(who, project_id);
  if (!reaches.ok()) return reaches.status();
  return *reaches ? Status::Ok() : NoSuchProject(project_id);
}

Status ProjectAccess::CheckTask(const Principal& who, int64_t task_id) const {
  if (SeesEveryProject(who)) return Status::Ok();
  Result<bool> reaches = store_.projects().IsMemberOfTaskProject(task_id, who.user_id);
  if (!reaches.ok()) {
    return reaches.status().code() == StatusCode::kNotFound ? NoSuchTask(task_id)
                                                            : reaches.status();
  }
  return *reaches ? Status::Ok() : NoSuchTask(task_id);
}

Status ProjectAccess::CheckAnnotation(const Principal& who, int64_t annotation_id) const {
  if (SeesEveryProject(who)) return Status::Ok();
  Result<domain::Annotation> annotation = store_.annotations().Get(annotation_id);
  if (!annotation.ok()) {
    return annotation.status().code() == StatusCode::kNotFound ? NoSuchAnnotation(annotation_id)
                                                               : annotation.status();
  }
  Result<bool> reaches = Reaches(who, annotation->project_id);
  if (!reaches.ok()) return reaches.status();
  return *reaches ? Status::Ok() : NoSuchAnnotation(annotation_id);
}

Status ProjectAccess::Check(const Principal& who, ProjectScope scope, int64_t id) const {
  switch (scope) {
    case ProjectScope::kProject: return CheckProject(who, id);
    case ProjectScope::kTask: return CheckTask(who, id);
    case ProjectScope::kAnnotation: return CheckAnnotation(who, id);
  }
  return NoSuchProject(id);
}

}  // namespace chorus::service
