#include "service/project_service.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "domain/label_interface.h"
#include "service/audit.h"
#include "service/hashed_file.h"
#include "service/project_access.h"
#include "service/result_check.h"
#include "service/routing.h"
#include "service/secrets.h"

namespace chorus::service {

namespace {

// The label interface must parse as one (docs/label-interface.md) before a project is saved;
// errors name the field inside it ("label_interface.controls[0].options").
Status CheckLabelInterface(const domain::Project& project) {
  auto parsed = domain::ParseLabelInterface(project.label_interface);
  if (parsed.ok()) return Status::Ok();
  const std::string& inner = parsed.status().field();
  return InvalidArgument(parsed.status().message(), inner.empty() || inner == "label_interface"
                                                        ? std::string("label_interface")
                                                        : "label_interface." + inner);
}

}  // namespace

ProjectService::ProjectService(store::Store& store, std::function<int64_t()> now,
                               ImageSizeLookup image_size)
    : store_(store), now_(std::move(now)), image_size_(std::move(image_size)) {}

Result<domain::Project> ProjectService::Create(const Principal& actor, domain::Project project) {
  CHORUS_RETURN_IF_ERROR(CheckLabelInterface(project));
  CHORUS_RETURN_IF_ERROR(CheckRoutingControl(project));
  project.id = 0;
  project.version = 0;
  project.created_by = actor.user_id;
  project.created_at = now_();
  auto created = store_.projects().Create(std::move(project));
  if (!created.ok()) return created;
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "project.create", "project",
                                      created->id, "null", domain::ToJson(*created).dump(),
                                      created->created_at));
  return created;
}

Result<store::Page<domain::Project>> ProjectService::List(const Principal& actor,
                                                          const store::PageRequest& page) {
  if (SeesEveryProject(actor)) return store_.projects().List(page);
  return store_.projects().ListForMember(actor.user_id, page);
}

Result<ProjectView> ProjectService::Get(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto count = store_.tasks().Count(project_id);
  if (!count.ok()) return count.status();
  return ProjectView{std::move(*project), *count};
}

store::UpdateResult<domain::Project> ProjectService::Update(const Principal& actor,
                                                            const domain::Project& changed) {
  if (Status valid = CheckLabelInterface(changed); !valid.ok()) return valid;
  if (Status valid = CheckRoutingControl(changed); !valid.ok()) return valid;
  auto before = store_.projects().Get(changed.id);
  if (!before.ok()) return before.status();
  auto updated = store_.projects().Update(changed);
  if (!updated.ok()) return updated;
  const Status logged =
      RecordChange(store_.audit(), actor.user_id, "project.update", "project", changed.id,
                   domain::ToJson(*before).dump(), domain::ToJson(*updated).dump(), now_());
  if (!logged.ok()) return logged;
  return updated;
}

Result<domain::Guideline> ProjectService::AddGuideline(const Principal& actor, int64_t project_id,
                                                       std::string markdown) {
  domain::Guideline guideline;
  guideline.project_id = project_id;
  guideline.markdown = std::move(markdown);
  guideline.author = actor.user_id;
  guideline.created_at = now_();
  auto added = store_.projects().AddGuideline(std::move(guideline));
  if (!added.ok()) return added;
  CHORUS_RETURN_IF_ERROR(
      RecordChange(store_.audit(), actor.user_id, "guideline.add", "project", project_id, "null",
                   nlohmann::json({{"version", added->version}}).dump(), added->created_at));
  return added;
}

Result<std::vector<domain::Guideline>> ProjectService::ListGuidelines(int64_t project_id) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  return store_.projects().ListGuidelines(project_id);
}

Result<ImportSummary> ProjectService::Import(const Principal& actor, int64_t project_id,
                                             const SourceOpener& open, ImportFormat format,
                                             ImportProgress progress, std::string_view source_url) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  ImportOptions options;
  options.created_at = now_();
  options.progress = std::move(progress);
  // Predictions that come with tasks are checked like annotations and stored beside them.
  options.check_prediction = [&project](const domain::Task& task, const domain::Prediction& p) {
    return CheckResult(*project, task, p.result);
  };
  options.store_predictions = [this, project_id](std::vector<domain::Prediction> predictions) {
    return store_.predictions().Upsert(project_id, predictions);
  };
  auto summary = ImportTasks(store_.tasks(), project_id, open, format, options);
  if (!summary.ok() || !summary->errors.empty()) return summary;
  nlohmann::json after = {{"records", summary->records}, {"inserted", summary->inserted}};
  if (!source_url.empty()) after["url"] = source_url;
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "tasks.import", "project",
                                      project_id, "null", after.dump(), now_()));
  return summary;
}

Result<Page<TaskSummary>> ProjectService::BrowseTasks(int64_t project_id,
                                                      TaskBrowseRequest request) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  request.project_id = project_id;
  return store_.tasks().Browse(request);
}

Result<ExportFile> ProjectService::ExportToFile(int64_t project_id, ExportFormat format,
                                                const std::string& dir) {
  // A random name opened exclusively: concurrent exports never share a file.
  const std::string path =
      (std::filesystem::path(dir) / ("export-" + RandomPassword(16) + ".part")).string();
  HashedFile file(path, {.exclusive = true,
                         .remove_unless_kept = true,
                         .durable = false,
                         .noun = "the export file on the server",
                         .retry = "export again"});
  CHORUS_RETURN_IF_ERROR(file.status());
  CHORUS_RETURN_IF_ERROR(ExportProject(
      store_, project_id, format, [&](std::string_view piece) { file.Write(piece); }, {},
      image_size_));
  file.Finish();
  CHORUS_RETURN_IF_ERROR(file.status());
  file.Keep();
  return ExportFile{path, file.Sha256Hex()};
}

}  // namespace chorus::service
