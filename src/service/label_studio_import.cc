#include "service/label_studio_import.h"

#include <utility>

#include "core/csv_reader.h"
#include "domain/label_interface.h"
#include "domain/ls_config.h"
#include "domain/ls_task.h"

namespace chorus::service {
namespace {

using nlohmann::json;

// Ok when every control of `incoming` is one of `project`'s, same type, labels it knows.
Status FitsProject(const domain::LabelInterface& project, const domain::LabelInterface& incoming) {
  for (const domain::Control& control : incoming.controls) {
    const domain::Control* own = domain::FindControl(project, control.name);
    if (own == nullptr || own->type != control.type) {
      return InvalidArgument("control \"" + control.name + "\" (" +
                                 domain::ControlTypeName(control.type) +
                                 ") is not one of the project's; add it to the project's "
                                 "interface or import into a new project",
                             "config");
    }
    for (const std::string& label : control.labels) {
      if (std::find(own->labels.begin(), own->labels.end(), label) == own->labels.end()) {
        return InvalidArgument("label \"" + label + "\" of control \"" + control.name +
                                   "\" is not in the project's interface; add it first",
                               "config");
      }
    }
  }
  return Status::Ok();
}

// Records whose Label Studio id is already a task of the project with other data: the import
// would attach their labels and gold to that other task. One error per such record.
Result<std::vector<RecordError>> TasksWithOtherData(store::Store& store, int64_t project_id,
                                                    const json& records) {
  std::vector<RecordError> errors;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!records[i].contains("external_id")) continue;
    const std::string id = records[i]["external_id"];
    auto existing = store.predictions().TaskByExternalId(project_id, id);
    if (!existing.ok()) return existing.status();
    if (!*existing) continue;
    auto task = store.tasks().Get(**existing);
    if (!task.ok()) return task.status();
    if (json::parse(task->data, nullptr, false) == records[i]["data"]) continue;
    errors.push_back({.record = i,
                      .line = 0,
                      .field = "tasks[" + std::to_string(i) + "].id",
                      .message = "task " + id +
                                 " is already in the project with other data; give it another "
                                 "id, or import into a new project"});
  }
  return errors;
}

// The record index of a "tasks[N]..." field.
size_t RecordOf(const std::string& field) {
  size_t index = 0;
  for (size_t i = field.find('[') + 1; i < field.size() && field[i] >= '0' && field[i] <= '9';
       ++i) {
    index = index * 10 + static_cast<size_t>(field[i] - '0');
  }
  return index;
}

}  // namespace

LabelStudioMigration::LabelStudioMigration(store::Store& store,
                                           std::shared_ptr<ProjectService> projects,
                                           std::shared_ptr<GoldService> gold)
    : store_(store), projects_(std::move(projects)), gold_(std::move(gold)) {}

Result<LabelStudioImportReport> LabelStudioMigration::Import(const Principal& actor,
                                                             int64_t project_id,
                                                             std::string_view config,
                                                             const json& tasks) {
  auto view = projects_->Get(project_id);
  if (!view.ok()) return view.status();
  auto mapped = domain::FromLabelStudioConfig(config);
  if (!mapped.ok()) return mapped.status();
  LabelStudioImportReport report;
  report.unsupported = std::move(mapped->unsupported);
  domain::Project project = view->project;
  // A project without tasks has nothing labelled against its interface yet: the config wins.
  const bool set_interface =
      view->task_count == 0 || domain::IsEmptyLabelInterface(project.label_interface);
  domain::LabelInterface label_interface = mapped->label_interface;
  if (!set_interface) {
    auto own = domain::ParseLabelInterface(project.label_interface);
    if (!own.ok()) return own.status();
    CHORUS_RETURN_IF_ERROR(FitsProject(*own, mapped->label_interface));
    label_interface = *std::move(own);
  }
  // Every record is converted and checked before the project changes at all.
  domain::LabelStudioTasks converted = domain::FromLabelStudioExport(label_interface, tasks);
  report.skipped = std::move(converted.skipped);
  for (const Status& error : converted.errors) {
    report.summary.errors.push_back({.record = RecordOf(error.field()),
                                     .line = 0,
                                     .field = error.field(),
                                     .message = error.message()});
  }
  if (report.summary.errors.empty()) {
    auto clashes = TasksWithOtherData(store_, project_id, converted.records);
    if (!clashes.ok()) return clashes.status();
    report.summary.errors = *std::move(clashes);
  }
  if (!report.summary.errors.empty()) {
    report.summary.records = static_cast<int64_t>(tasks.is_array() ? tasks.size() : 0);
    return report;
  }
  const std::string previous_interface = project.label_interface;
  if (set_interface) {
    project.label_interface = domain::ToJson(label_interface).dump();
    auto updated = projects_->Update(actor, project);
    if (!updated.ok()) return updated.status();
    report.interface_set = true;
  }
  const std::string body = converted.records.dump();
  auto summary = projects_->Import(
      actor, project_id,
      [&body]() -> Result<std::unique_ptr<ByteSource>> {
        return MakeStringSource(body, "label_studio_export.json");
      },
      ImportFormat::kJson);
  if (!summary.ok() || !summary->errors.empty()) {
    // Nothing was stored: the project keeps the interface it had.
    if (report.interface_set) {
      auto again = projects_->Get(project_id);
      if (again.ok()) {
        again->project.label_interface = previous_interface;
        (void)projects_->Update(actor, again->project);
      }
      report.interface_set = false;
    }
    if (!summary.ok()) return summary.status();
    report.summary = *std::move(summary);
    return report;
  }
  report.summary = *std::move(summary);
  for (const domain::LabelStudioGold& item : converted.gold) {
    auto task = store_.predictions().TaskByExternalId(project_id, item.external_id);
    if (!task.ok()) return task.status();
    if (!*task) return NotFound("task " + item.external_id + " was not stored", "tasks");
    auto existing = gold_->Get(**task);
    GoldInput input{.reference = item.reference.dump(),
                    .rationale = item.rationale,
                    .version = existing.ok() ? existing->version : 0};
    auto put = gold_->Put(actor, **task, std::move(input));
    if (!put.ok()) return put.status();
    ++report.gold;
  }
  return report;
}

Result<domain::LabelStudioConfigExport> LabelStudioMigration::Config(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = domain::ParseLabelInterface(project->label_interface);
  if (!label_interface.ok() || domain::IsEmptyLabelInterface(project->label_interface)) {
    return InvalidArgument("the project has no label interface yet; write one first",
                           "project");
  }
  return domain::ToLabelStudioConfig(*label_interface);
}

json ToJson(const LabelStudioImportReport& report) {
  json errors = json::array();
  for (const RecordError& e : report.summary.errors) {
    errors.push_back({{"record", e.record}, {"field", e.field}, {"message", e.message}});
  }
  return {{"records", report.summary.records},
          {"inserted", report.summary.inserted},
          {"duplicates", report.summary.duplicate_count},
          {"errors", std::move(errors)},
          {"more_errors", report.summary.more_errors},
          {"interface_set", report.interface_set},
          {"unsupported", report.unsupported},
          {"skipped", report.skipped},
          {"gold", report.gold}};
}

}  // namespace chorus::service
