// The interface every training-format writer implements (CoNLL, spaCy, DPO, COCO, YOLO, ...):
// Begin once, Write once per task (in task id order, one page of tasks in memory at a time),
// End once, so an export streams whatever the project's size. A writer counts what it had to
// change or leave out (widened spans, dropped overlaps, ties) in notes(), which the export job
// reports in its manifest.
// Thread-safety: one writer per export; not shared between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/gold_item.h"
#include "domain/label_interface.h"
#include "domain/prediction.h"
#include "domain/task.h"
#include "domain/task_aggregate.h"

namespace chorus::service::exports {

using Sink = std::function<void(std::string_view)>;
// What a writer adjusted or left out, by name ("widened_spans": 3); reported with the job.
using ExportNotes = std::map<std::string, int64_t>;

// One task with its labels. `annotations` are submitted or skipped (drafts are left out by the
// caller); `aggregate` is the task's stored aggregate or nullptr. `predictions` and `gold` are
// read only for writers whose ReadsModelDraftsAndGold() is true (else nullptr).
struct ExportItem {
  const domain::Task& task;
  const nlohmann::json& data;  // task.data, parsed.
  const std::vector<domain::Annotation>& annotations;
  const domain::TaskAggregate* aggregate;
  const std::vector<domain::Prediction>* predictions;
  const domain::GoldItem* gold;  // nullptr when the task is not gold.
};

class ExportWriter {
 public:
  virtual ~ExportWriter() = default;
  virtual void Begin(const Sink& /*sink*/) {}
  // Appends the task's records to `out` (the caller sinks a page's worth at a time).
  virtual void Write(const ExportItem& item, std::string& out) = 0;
  virtual void End(const Sink& /*sink*/) {}
  // Whether Write needs the task's stored predictions and gold reference (two more reads).
  virtual bool ReadsModelDraftsAndGold() const { return false; }
  const ExportNotes& notes() const { return notes_; }
  // Not ok once the writer met a task it cannot write (COCO without an image size): the export
  // stops there and fails with this status.
  const Status& status() const { return status_; }

 protected:
  void Fail(Status status) {
    if (status_.ok()) status_ = std::move(status);
  }
  void Note(const std::string& what, int64_t n = 1) {
    if (n != 0) notes_[what] += n;
  }

 private:
  ExportNotes notes_;
  Status status_;
};

using WriterResult = Result<std::unique_ptr<ExportWriter>>;

// kInvalidArgument (field "format") saying that `format` needs `needed` (e.g. "spans
// control") and that this project's interface has none.
Status NeedsControl(std::string_view format, std::string_view needed);

// How a label came to be: "human_blind" (a model draft existed and was withheld),
// "human_drafted" (a model draft was shown), "human", "model", "rule" or "adjudicated".
std::string Provenance(const domain::Annotation& annotation);

// The fields every per-annotation record carries: task_id, external_id, annotation_id,
// annotator_id (the numeric user id, never a name), provenance, model_version (or null).
nlohmann::json AnnotationFields(const domain::Task& task, const domain::Annotation& annotation);

// The task's aggregated label, soft label (distribution and posterior), confidence and
// training weight as one object, or null when the task has no stored aggregate.
nlohmann::json AggregateJson(const domain::TaskAggregate* aggregate);

// The parsed result of a submitted annotation (null for skipped ones and unparsable text), and
// the value of `control` in it (null when absent).
nlohmann::json ParsedResult(const domain::Annotation& annotation);
const nlohmann::json& ControlValue(const nlohmann::json& result, const domain::Control& control,
                                   const char* key);
// The value refers into `result`, so a temporary result would leave it dangling.
const nlohmann::json& ControlValue(nlohmann::json&& result, const domain::Control& control,
                                   const char* key) = delete;

}  // namespace chorus::service::exports
