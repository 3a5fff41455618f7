// Task import from a URL (issue: "tasks: import ... by URL"): the file is fetched through the
// one outbound guard (service/outbound/outbound_fetcher.h: http(s) only, public addresses
// unless --allow-fetch opens more, every redirect re-checked, one generic error), written to a
// private spool file as it arrives (bounded by disk, like an upload), then imported exactly as
// an upload is (ProjectService::Import: checked whole, stored in batches, same answer,
// deduplication and audit event `tasks.import`, whose "after" names the URL without
// credentials or query). The spool file is removed when the import ends.
//
// The format is the one named, else the one the final URL's path extension says (.json,
// .jsonl/.ndjson, .csv), else the one the response's Content-Type says.
// Thread-safety: safe to call concurrently (each call has its own spool file).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "service/outbound/outbound_fetcher.h"
#include "service/principal.h"
#include "service/project_service.h"
#include "service/task_import.h"

namespace chorus::service {

struct UrlImportOptions {
  std::string spool_dir;                       // Where fetched files wait ("": the temp dir).
  uint64_t max_bytes = uint64_t{4} << 30;      // Largest file fetched (as an upload's limit).
  std::chrono::milliseconds timeout{600'000};  // For the whole download.
};

class UrlImporter {
 public:
  // REQUIRES: `projects` outlives the importer.
  UrlImporter(ProjectService& projects, std::shared_ptr<const OutboundFetcher> fetcher,
              UrlImportOptions options = {});

  // Fetches `url` and imports it into project `project_id` as `actor`. `format_name` is
  // "json", "jsonl", "csv" or "" (see above). Errors: kNotFound for an unknown project (before
  // fetching); kInvalidArgument on "format" for a bad name or a format nothing tells;
  // FetchError() for any fetch failure, with `why` (when given) saying what happened;
  // kUnavailable when the spool file cannot be written; ProjectService::Import's otherwise.
  Result<ImportSummary> Import(const Principal& actor, int64_t project_id, std::string_view url,
                               std::string_view format_name, FetchFailure* why = nullptr);

 private:
  ProjectService& projects_;
  std::shared_ptr<const OutboundFetcher> fetcher_;
  UrlImportOptions options_;
};

}  // namespace chorus::service
