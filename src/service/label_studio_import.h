// Migration from Label Studio (docs/user-guide.md, "Coming from Label Studio"): a project export
// (JSON tasks with annotations, predictions and ground_truth flags) and its XML labelling
// config, imported into a Chorus project.
//
// The config sets the project's label interface while the project has no tasks (nothing is
// labelled against it yet); otherwise each of its controls must be one of the project's, of the
// same type, with labels the project knows.
// Tasks, predictions and annotations are converted by domain/ls_task.h (Label Studio users'
// annotations become predictions "label_studio:<author>": a Chorus label is never someone
// else's) and imported by ProjectService::Import: every record is checked first and nothing is
// stored when one fails. ground_truth annotations then become gold references. Importing the
// same export again adds nothing (tasks keep Label Studio's id as their external id; gold is
// put again). Permissions are the caller's (managers, as task import).
// Thread-safety: as ProjectService and GoldService.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/ls_config.h"
#include "service/gold_service.h"
#include "service/principal.h"
#include "service/project_service.h"

namespace chorus::service {

struct LabelStudioImportReport {
  ImportSummary summary;                 // errors non-empty: nothing was stored.
  bool interface_set = false;            // The config became the project's interface.
  std::vector<std::string> unsupported;  // Config tags and attributes not mapped, by name.
  std::vector<std::string> skipped;      // Cancelled annotations, by task and position.
  int64_t gold = 0;                      // Gold references put.
};

// Moving a project in from Label Studio and back out (the export itself is the
// label_studio_json format of service/format_export.h).
class LabelStudioMigration {
 public:
  // REQUIRES: the store and services outlive this.
  LabelStudioMigration(store::Store& store, std::shared_ptr<ProjectService> projects,
                       std::shared_ptr<GoldService> gold);

  // kInvalidArgument (field "config") for a config that does not map or does not fit the
  // project; kNotFound for an unknown project. Record errors are in report.summary.errors, and
  // then nothing was stored, the interface included.
  Result<LabelStudioImportReport> Import(const Principal& actor, int64_t project_id,
                                         std::string_view config, const nlohmann::json& tasks);

  // The project's interface as a Label Studio config; kInvalidArgument (field "project") when
  // the project has no interface yet; kNotFound for an unknown project.
  Result<domain::LabelStudioConfigExport> Config(int64_t project_id);

 private:
  store::Store& store_;
  std::shared_ptr<ProjectService> projects_;
  std::shared_ptr<GoldService> gold_;
};

nlohmann::json ToJson(const LabelStudioImportReport& report);

}  // namespace chorus::service
