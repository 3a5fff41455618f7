// Training-format imports (issue 8 item 3; docs/server.md, "Import formats"): COCO JSON,
// Pascal VOC XML, YOLO labels and CoNLL files become tasks whose labels are predictions
// (service/imports/: converted against the project's label interface, then stored by
// ProjectService::Import, which checks every record first and stores nothing if one fails),
// and a JSONL of predictions is attached to tasks that exist (PredictionService::Import).
// Labels from files are never a Chorus user's annotation: they are predictions named after the
// caller's `model` or "<format>_import", which annotators may see as drafts (DraftPolicy) and
// managers compare, as Label Studio annotations are (service/label_studio_import.h).
// Callers check the role (Action::kImportTasks, as every task import).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "service/prediction_service.h"
#include "service/principal.h"
#include "service/project_service.h"
#include "store/store.h"

namespace chorus::service {

enum class FileImportFormat {
  kCocoJson,
  kVocXml,
  kYoloDetection,
  kYoloSegmentation,
  kYoloPose,
  kConllIob2,
  kConllIobes,
  kPredictionsJsonl,
};

// The format named `name` ("coco_json", ..., as the export formats are named), or nullopt.
std::optional<FileImportFormat> ParseFileImportFormat(std::string_view name);
// Every name, comma-separated, for error messages.
std::string FileImportFormatNames();
const char* FileImportFormatName(FileImportFormat format);

// Bodies are parsed in memory, and a parsed file takes several times its size: at most
// kMaxFormatImportBytes, except ustar archives (VOC, YOLO: image files may ride along, read
// for their names only) up to kMaxFormatArchiveBytes.
inline constexpr uint64_t kMaxFormatImportBytes = 64ull << 20;
inline constexpr uint64_t kMaxFormatArchiveBytes = 256ull << 20;
// The limit for `body` in `format`.
uint64_t MaxFormatImportBytes(FileImportFormat format, std::string_view body);

struct FormatImportReport {
  ImportSummary summary;    // errors non-empty: nothing was stored.
  int64_t predictions = 0;  // Predictions stored (with the tasks, or on their own).
  std::string model;        // The model_version they were stored under.
};

// predictions_jsonl: one JSON object per line,
//   {"task": "<external id>" | <integer external id> | {task data}, "model": "name"?,
//    "result": {Chorus result}, "score": 0.9?}
// "task" names an existing task by external id, or by its data (matched as the task import
// deduplicates: the same data, keys in any order); "model" defaults to the caller's. Unknown
// fields, unknown tasks and results that do not answer the interface are errors naming the line.
class FormatImportService {
 public:
  // REQUIRES: all three outlive the service.
  FormatImportService(store::Store& store, ProjectService& projects,
                      PredictionService& predictions);

  // Imports `body` in `format` into project `project_id`. `model` names the predictions (empty:
  // "<format>_import"; predictions_jsonl: each line's "model" wins). kNotFound for an unknown
  // project; kInvalidArgument for a body that is not the format at all (field "body"), an
  // interface without the control the format needs (field "format") or a bad model name (field
  // "model"); record errors in the report's summary.
  Result<FormatImportReport> Import(const Principal& actor, int64_t project_id,
                                    FileImportFormat format, std::string_view body,
                                    std::string model);

 private:
  Result<FormatImportReport> ImportPredictions(const Principal& actor, int64_t project_id,
                                               std::string_view body, const std::string& model);

  store::Store& store_;
  ProjectService& projects_;
  PredictionService& predictions_;
};

}  // namespace chorus::service
