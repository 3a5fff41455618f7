// Task import: turns an uploaded JSON array, JSONL or CSV file into validated tasks and
// stores them, all or nothing at the level of records (issue 4, "imports are atomic or report
// exactly which records failed and why").
//
// A record is either a task envelope {"data": {...}, "external_id": "...", "priority": 3} (the
// shape Label Studio exports) or, when it has no "data" object, the task's data itself. CSV
// rows are data objects keyed by the header; the columns "external_id" and "priority" become
// those task fields. Tasks without an external id are deduplicated by a hash of their data
// (canonical JSON: keys sorted), so importing a file twice adds nothing the second time.
// Every record is checked before anything is stored; when any fails, nothing is stored and the
// errors name the record, its line and the field. Valid files are then stored in batches, each
// its own transaction: a crash part-way leaves a prefix, and importing the file again adds only
// what is missing (the deduplication above).
// Thread-safety: pure functions except ImportTasks, which is safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/task.h"
#include "store/store.h"

namespace chorus::service {

enum class ImportFormat { kJson, kJsonl, kCsv };

// The format named by a Content-Type: application/json, application/x-ndjson (or
// application/jsonl), text/csv; parameters such as "; charset=utf-8" are ignored.
Result<ImportFormat> ImportFormatFromContentType(std::string_view content_type);

struct RecordError {
  size_t record = 0;  // 0-based position among the records.
  uint64_t line = 0;  // 1-based line where the record starts; 0 inside a JSON array.
  std::string field;  // "data.text", "external_id", "priority", or "" for the whole record.
  std::string message;
};

struct ParsedTasks {
  std::vector<domain::Task> tasks;  // One per record, in order, when errors is empty.
  std::vector<RecordError> errors;  // At most max_errors; more_errors tells if there were more.
  bool more_errors = false;
};

// Parses and validates every record. Never throws on bad input.
ParsedTasks ParseTaskRecords(std::string_view body, ImportFormat format, size_t max_errors = 100);

// The hex BLAKE2b-256 hash of a task's data in canonical form (the deduplication key).
std::string ContentHash(std::string_view canonical_data);

struct ImportSummary {
  int64_t records = 0;
  int64_t inserted = 0;
  std::vector<store::DuplicateTask> duplicates;  // Index is the record's position.
};

// Stores `tasks` in project `project_id` in batches of `batch_size`.
// kNotFound for an unknown project; store errors as they come.
Result<ImportSummary> ImportTasks(store::TaskStore& tasks, int64_t project_id,
                                  std::vector<domain::Task> parsed, size_t batch_size = 10000);

}  // namespace chorus::service
