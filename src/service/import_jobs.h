// Task imports as background jobs (issue 4: "1,000,000-task imports stream with bounded memory
// and progress"): the same import as ProjectService::Import, run on the shared job runner so
// GET /api/v1/jobs/{job} shows its progress (records stored of the total, after each batch).
//
// The job ends succeeded with the import's answer as its manifest, or failed: with record
// errors the manifest is the 422 answer the upload would have had (nothing was stored), and
// for any other error the job's error says why. Whoever sees a job is decided by ExportJobs::Get,
// as for every job on the runner.
// Thread-safety: safe to call concurrently.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "service/job_runner.h"
#include "service/principal.h"
#include "service/project_service.h"
#include "service/task_import.h"

namespace chorus::service {

class ImportJobs {
 public:
  // How a finished import reads to the client (JSON text): the caller's answer for the same
  // import made in one request, so both ways say the same thing.
  using Describe = std::function<std::string(const Result<ImportSummary>&)>;

  // REQUIRES: neither is null.
  ImportJobs(std::shared_ptr<ProjectService> projects, std::shared_ptr<JobRunner> runner);

  // Starts importing what `open` reads into project `project_id`. `open` must stay valid
  // after the caller returns (it is called on the job's thread). kResourceExhausted when too
  // many jobs run.
  Result<Job> Start(const Principal& actor, int64_t project_id, SourceOpener open,
                    ImportFormat format, Describe describe);

 private:
  std::shared_ptr<ProjectService> projects_;
  std::shared_ptr<JobRunner> runner_;
};

}  // namespace chorus::service
