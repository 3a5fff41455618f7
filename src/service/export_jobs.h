// Exports as background jobs (issue 4: "an export of 1M tasks never times out: run as a
// background job with progress and a download link"; catalogue entry 84).
//
// The export is written to DIR/job-ID.EXT.part, fsynced and renamed to DIR/job-ID.EXT only
// when complete, so an interrupted export never leaves a file that looks whole. The job's
// manifest gives the format, the task count, the byte count and the SHA-256 of the file, so a
// client can check what it downloaded. Only the job's owner and administrators see a job, and
// the owner only while they reach its project (service/project_access.h).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "service/export.h"
#include "service/job_runner.h"
#include "service/principal.h"
#include "service/project_access.h"
#include "store/store.h"

namespace chorus::service {

class ExportJobs {
 public:
  // REQUIRES: `store` outlives this object; `dir` exists and is private to the server.
  ExportJobs(store::Store& store, std::string dir, std::function<int64_t()> now);
  // The same, running its jobs on `runner`, shared with other background work (aggregation),
  // so GET /api/v1/jobs/{job} shows every job. REQUIRES: runner is not null.
  ExportJobs(store::Store& store, std::string dir, std::shared_ptr<JobRunner> runner,
             ImageSizeLookup image_size = {});

  // Starts exporting project `project_id`. kNotFound for an unknown project;
  // kResourceExhausted when too many jobs run.
  Result<Job> Start(const Principal& actor, int64_t project_id, ExportFormat format);
  // The job, for an administrator, or for its owner while they are a member of its project;
  // kNotFound for anyone else (no hint that it exists) and for unknown ids.
  Result<Job> Get(const Principal& actor, int64_t job_id) const;
  // Cancels a running job of any kind (JobRunner::Cancel), for whoever Get shows it to;
  // kNotFound for anyone else, kConflict once it has ended.
  Result<Job> Cancel(const Principal& actor, int64_t job_id);

 private:
  store::Store& store_;
  std::string dir_;
  std::shared_ptr<JobRunner> runner_;
  ImageSizeLookup image_size_;  // Sizes of stored images, for COCO, VOC and YOLO.
  ProjectAccess access_;
};

}  // namespace chorus::service
