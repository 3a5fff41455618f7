// Projects: create, list, read with counts, update with a version, and versioned guidelines.
// Permissions and project membership are checked by the caller (the server's guards:
// service/permissions.h, service/project_access.h); this stamps the acting user on what it
// writes, lists only the projects the caller reaches, and records each change in the audit log.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/guideline.h"
#include "domain/project.h"
#include "domain/task.h"
#include "service/export.h"
#include "service/paging.h"
#include "service/principal.h"
#include "service/task_import.h"
#include "store/store.h"

namespace chorus::service {

struct ExportFile {
  std::string path;
  std::string sha256;  // Lower-case hex, for the download's Repr-Digest.
};

struct ProjectView {
  domain::Project project;
  int64_t task_count = 0;
};

class ProjectService {
 public:
  // REQUIRES: `store` outlives the service.
  // `image_size` gives the exports that count in pixels the size of stored images.
  ProjectService(store::Store& store, std::function<int64_t()> now,
                 ImageSizeLookup image_size = {});

  // Creates `project` as `actor`: id, version, created_by and created_at are set here, and
  // `actor` becomes its first member.
  Result<domain::Project> Create(const Principal& actor, domain::Project project);
  // The projects `actor` reaches: every project for administrators, else those they are a
  // member of; in id order.
  Result<store::Page<domain::Project>> List(const Principal& actor, const store::PageRequest& page);
  Result<ProjectView> Get(int64_t project_id);
  // Replaces the mutable fields of project `changed.id` if `changed.version` is current.
  store::UpdateResult<domain::Project> Update(const Principal& actor,
                                              const domain::Project& changed);
  // Adds the next guideline version.
  Result<domain::Guideline> AddGuideline(const Principal& actor, int64_t project_id,
                                         std::string markdown);
  // Every guideline version, oldest first. kNotFound for an unknown project.
  Result<std::vector<domain::Guideline>> ListGuidelines(int64_t project_id);
  // Imports the file `open` reads (service/task_import.h: checked whole, then stored in
  // batches) and records the import in the audit log. Record errors are in the summary
  // (nothing stored); kNotFound for an unknown project. `progress` as ImportOptions'.
  // `source_url`, when not empty, is recorded in the audit event as "url" (pass it redacted:
  // no credentials).
  Result<ImportSummary> Import(const Principal& actor, int64_t project_id, const SourceOpener& open,
                               ImportFormat format, ImportProgress progress = {},
                               std::string_view source_url = {});
  // The data browser: a page of the project's tasks with their label counts, searched and
  // filtered as `request` says (its project_id is set here). kNotFound for an unknown project.
  Result<Page<TaskSummary>> BrowseTasks(int64_t project_id, TaskBrowseRequest request);
  // Writes the export (service/export.h) to a new private file in `dir`, which the caller sends
  // and removes. kUnavailable, saying what to do, when the disk refuses it.
  Result<ExportFile> ExportToFile(int64_t project_id, ExportFormat format, const std::string& dir);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
  ImageSizeLookup image_size_;
};

}  // namespace chorus::service
