#include "service/export_jobs.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>

#include "service/format_export.h"
#include "service/hashed_file.h"

namespace chorus::service {
ExportJobs::ExportJobs(store::Store& store, std::string dir, std::function<int64_t()> now)
    : ExportJobs(store, std::move(dir), std::make_shared<JobRunner>(std::move(now))) {}

ExportJobs::ExportJobs(store::Store& store, std::string dir, std::shared_ptr<JobRunner> runner,
                       ImageSizeLookup image_size)
    : store_(store),
      dir_(std::move(dir)),
      runner_(std::move(runner)),
      image_size_(std::move(image_size)),
      access_(store) {
  [[maybe_unused]] static const int initialised = sodium_init();  // Idempotent, thread-safe.
}

Result<Job> ExportJobs::Start(const Principal& actor, int64_t project_id, ExportFormat format) {
  // A format the interface cannot fill is refused now, not as a failed job later.
  CHORUS_RETURN_IF_ERROR(CheckExportFormat(store_, project_id, format));
  auto tasks = store_.tasks().Count(project_id);
  if (!tasks.ok()) return tasks.status();
  Job job;
  job.kind = "export";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  job.total = *tasks;
  return runner_->Start(job, [this, project_id, format](JobProgress& progress, Job& result) {
    const std::string name = "job-" + std::to_string(result.id) + "." + ExportExtension(format);
    const std::string final_path = (std::filesystem::path(dir_) / name).string();
    const std::string part_path = final_path + ".part";
    // Removed on any way out but a finished export.
    HashedFile file(
        part_path,
        {.remove_unless_kept = true, .noun = "the export file", .retry = "export again"});
    int64_t written = 0;
    const auto sink = [&](std::string_view piece) { file.Write(piece); };
    const auto on_progress = [&](int64_t tasks_done) {
      written = tasks_done;
      progress.SetDone(tasks_done);
      return progress.CheckCancel();  // A cancelled export stops.
    };
    exports::ExportNotes notes;
    Status status =
        IsTrainingFormat(format)
            ? ExportTrainingFormat(store_, project_id, format, sink, on_progress, &notes,
                                   image_size_)
            : ExportProject(store_, project_id, format, sink, on_progress);
    // Only a finished export is synced: a cancelled one, at shutdown, is dropped at once.
    if (!status.ok()) return status;
    file.Finish();
    CHORUS_RETURN_IF_ERROR(file.status());
    std::error_code ec;
    std::filesystem::rename(part_path, final_path, ec);
    if (ec) {
      return Status(StatusCode::kUnavailable,
                    "could not finish the export file; check the disk and export again");
    }
    file.Keep();
    result.file_path = final_path;
    result.content_type = ExportContentType(format);
    result.file_name = "project-" + std::to_string(project_id) + "-export-" +
                       std::to_string(result.id) + "." + ExportExtension(format);
    const char* format_name =
        IsTrainingFormat(format) ? TrainingFormatName(format) : ExportExtension(format);
    result.manifest = nlohmann::json({{"format", format_name},
                                      // What the format adjusted or left out, by count.
                                      {"notes", notes},
                                      {"project_id", project_id},
                                      {"tasks", written},
                                      {"bytes", file.bytes()},
                                      {"sha256", file.Sha256Hex()}})
                          .dump();
    return Status::Ok();
  });
}

Result<Job> ExportJobs::Cancel(const Principal& actor, int64_t job_id) {
  auto job = Get(actor, job_id);
  if (!job.ok()) return job.status();
  return runner_->Cancel(job_id, job->owner_id == actor.user_id ? "cancelled by its owner"
                                                                : "cancelled by an administrator");
}

Result<Job> ExportJobs::Get(const Principal& actor, int64_t job_id) const {
  const Status none = NotFound("there is no job " + std::to_string(job_id) + " of yours", "job");
  std::optional<Job> job = runner_->Get(job_id);
  if (!job) return none;
  if (SeesEveryProject(actor)) return *job;
  if (job->owner_id != actor.user_id) return none;
  // An owner removed from the project since has lost its data with it.
  const Status reaches = access_.CheckProject(actor, job->project_id);
  if (reaches.code() == StatusCode::kNotFound) return none;
  CHORUS_RETURN_IF_ERROR(reaches);
  return *job;
}

}  // namespace chorus::service
