#include "service/import_jobs.h"

#include <utility>

namespace chorus::service {

ImportJobs::ImportJobs(std::shared_ptr<ProjectService> projects, std::shared_ptr<JobRunner> runner)
    : projects_(std::move(projects)), runner_(std::move(runner)) {}

Result<Job> ImportJobs::Start(const Principal& actor, int64_t project_id, SourceOpener open,
                              ImportFormat format, Describe describe) {
  Job job;
  job.kind = "import";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  return runner_->Start(
      job,
      [projects = projects_, actor, project_id, open = std::move(open), format,
       describe = std::move(describe)](JobProgress& progress, Job& result) -> Status {
        int64_t stored = 0;
        const auto report = [&](int64_t done, int64_t total) {
          stored = done;
          progress.SetTotal(total);
          progress.SetDone(done);
          return progress.CheckCancel();
        };
        Result<ImportSummary> summary = projects->Import(actor, project_id, open, format, report);
        if (const Status cancel = progress.CheckCancel(); !cancel.ok() && !summary.ok()) {
          // Stopped while the records were being checked: nothing was stored.
          if (stored == 0) return Status(cancel.code(), cancel.message() + "; nothing was stored");
          // Stopped between batches: what was stored stays, and the same file completes it.
          return Status(cancel.code(),
                        cancel.message() + " after storing " + std::to_string(stored) +
                            " records; importing the same file again adds the rest (the tasks "
                            "already stored are recognised as duplicates)");
        }
        result.manifest = describe(summary);
        if (!summary.ok() && summary.status().code() == StatusCode::kInternal) {
          // The job's error is shown to the client: no internal text (catalogue 81).
          return Internal(
              "the import stopped on an internal error (the server log has it); the batches "
              "stored before it stay, and importing the file again adds what is missing");
        }
        if (!summary.ok()) return summary.status();
        if (!summary->errors.empty()) {
          return Status(StatusCode::kFailedPrecondition,
                        "some records are invalid, so nothing was imported; the job's manifest "
                        "lists them");
        }
        return Status::Ok();
      });
}

}  // namespace chorus::service
