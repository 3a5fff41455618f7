// Task import: turns an uploaded JSON array, JSONL or CSV file into validated tasks and
// stores them, all or nothing at the level of records (issue 4, "imports are atomic or report
// exactly which records failed and why"; "1,000,000-task imports stream with bounded memory").
//
// A record is either a task envelope {"data": {...}, "external_id": "...", "priority": 3,
// "sensitive": true, "predictions": [{"model_version": "m1", "score": 0.9, "result": {...}}]}
// (the shape Label Studio exports, plus the wellbeing flag; each prediction's result in the
// project's own shape) or, when it has no "data" object, the task's data itself. CSV rows
// are data objects keyed by the header; the columns "external_id", "priority" and
// "sensitive" (true/false or 1/0) become those task fields. Predictions are checked in the
// first pass (ImportOptions::check_prediction) and stored after their batch's tasks. Tasks
// without an external id are deduplicated by a hash of their data (canonical JSON: keys
// sorted), so importing a file twice adds nothing the second time.
//
// The file is read twice, one record at a time, so memory is bounded by the longest record
// and one batch, never by the file: the first pass checks every record; when any fails,
// nothing is stored and the errors name the record, its line and the field. The second pass
// stores the tasks in batches, each its own transaction: a crash part-way leaves a prefix,
// and importing the file again adds only what is missing (the deduplication above).
// Thread-safety: pure functions except ImportTasks, which is safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_reader.h"
#include "core/status.h"
#include "domain/prediction.h"
#include "domain/task.h"
#include "store/store.h"

namespace chorus::service {

enum class ImportFormat { kJson, kJsonl, kCsv };

// The format named by a Content-Type: application/json, application/x-ndjson (or
// application/jsonl), text/csv; parameters such as "; charset=utf-8" are ignored.
Result<ImportFormat> ImportFormatFromContentType(std::string_view content_type);

// The format named `name` ("json", "jsonl", "csv"), or, when `name` is empty, the one the
// extension of `path` says (.json, .jsonl or .ndjson, .csv; any case). Errors name "format".
Result<ImportFormat> ImportFormatFromName(std::string_view name, std::string_view path);

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

// One record of an import: its task, or what is wrong with it (the status names the field).
struct TaskRecord {
  size_t index = 0;   // 0-based position among the records.
  uint64_t line = 0;  // 1-based line where the record starts; 0 inside a JSON array.
  Result<domain::Task> task;
  // The envelope's "predictions" (task_id, project_id and created_at left 0).
  std::vector<domain::Prediction> predictions;
};

// Reads `source` once, front to back, and calls `visit` with each record in order; stops
// early when visit returns false. A fault of the whole file (not JSON, no CSV header, a read
// error) arrives as a record with an error. Holds one record at a time.
void ForEachTaskRecord(std::unique_ptr<ByteSource> source, ImportFormat format,
                       const std::function<bool(TaskRecord&)>& visit);

// Parses and validates every record of a small body held in memory. Never throws.
ParsedTasks ParseTaskRecords(std::string_view body, ImportFormat format, size_t max_errors = 100);

// The hex BLAKE2b-256 hash of a task's data in canonical form (the deduplication key).
std::string ContentHash(std::string_view canonical_data);

// Opens the import's bytes from the start; ImportTasks calls it once per pass.
using SourceOpener = std::function<Result<std::unique_ptr<ByteSource>>()>;

// Told the records stored and the total: every batch_size records of the first pass, which
// checks them all before anything is stored (0 of 0: not known yet), once that pass has counted
// them (done 0) and after each stored batch. A non-ok answer stops the import, which returns
// it; the batches stored stay (a cancelled import job).
using ImportProgress = std::function<Status(int64_t done, int64_t total)>;

struct ImportOptions {
  size_t batch_size = 25000;            // Tasks per transaction.
  size_t max_errors = 100;              // Record errors reported before the rest are counted.
  size_t max_listed_duplicates = 1000;  // Duplicates listed one by one; the rest are counted.
  int64_t created_at = 0;               // Stamped on every new task.
  ImportProgress progress;              // Unset: nobody watches, nothing stops the import.
  // Checks one imported prediction against its task (the first pass; the error's field is
  // reported under "predictions[i]."). Unset: records with predictions are refused.
  std::function<Status(const domain::Task&, const domain::Prediction&)> check_prediction;
  // Stores a batch's predictions once its tasks are stored (task_id set to the new or the
  // existing task; created_at to created_at). Unset: records with predictions are refused.
  std::function<Status(std::vector<domain::Prediction>)> store_predictions;
};

struct ImportSummary {
  int64_t records = 0;
  int64_t inserted = 0;
  int64_t duplicate_count = 0;
  std::vector<store::DuplicateTask> duplicates;  // The first max_listed_duplicates, in order.
  std::vector<RecordError> errors;               // Non-empty: nothing was stored (see ParsedTasks).
  bool more_errors = false;
};

// Checks every record of the source, then (when all are valid) stores them in project
// `project_id` in batches. Record errors are in the summary; kNotFound for an unknown project,
// read and store errors as they come.
Result<ImportSummary> ImportTasks(store::TaskStore& tasks, int64_t project_id,
                                  const SourceOpener& open, ImportFormat format,
                                  const ImportOptions& options = {});

}  // namespace chorus::service
