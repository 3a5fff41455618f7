// Export of a project's tasks with every submitted or skipped annotation (disagreement
// preserved; drafts are work in progress and stay out), streamed page by page to a sink so
// memory stays bounded by one page, whatever the project's size.
//   jsonl: one task per line {"id", "external_id", "priority", "data", "annotations": [...]}
//          (each annotation with its provenance: source, draft_shown, blind,
//          draft_model_version, draft_accepted),
//          plus "aggregate" {control, method, label, distribution, posterior, confidence,
//          weight, ambiguous, votes, source, computed_at} when the task has a stored aggregate
//          (service/aggregation_service.h), and "machine_labels" [{id, source (model|rule),
//          model_version | rule_set, result, score, threshold, created_at}] when the task has
//          any (auto labels and rule labels, domain/machine_label.h: never annotations);
//   json:  the same objects in one array;
//   csv:   one row per annotation (tasks without one get a row with empty annotation fields):
//          task_id, external_id, data, annotation_id, annotator_id, state, result,
//          lead_time_ms, active_time_ms, created_at, source (human, model, rule,
//          adjudicated), model_exposure (shown, blind or none: the model's draft was shown,
//          withheld as a blind control, or did not apply), model_version (the draft's model),
//          accepted_unchanged (yes/no for shown drafts), skip_reason, then the task's stored
//          aggregate (service/aggregate_columns.h: aggregate_method, aggregate_source,
//          aggregate_label, aggregate_confidence, aggregate_weight, aggregate_ambiguous,
//          aggregate_votes, aggregate_distribution, aggregate_posterior; empty when the task
//          has none); a machine label gets a row of its own with no annotation_id,
//          annotator_id or state, source model or rule and its model version or rule set in
//          model_version; JSON columns hold JSON text;
//          fields that a spreadsheet would run as formulas are neutralised (core/csv_writer.h);
//   conll_iob2, conll_iobes, spacy_jsonl, relations_jsonl, dpo_jsonl, ranking_jsonl,
//   coco_json, yolo_detection, yolo_segmentation, yolo_pose, voc_xml, audio_segments_jsonl,
//   audio_segments_csv, asr_manifest, hf_jsonl, label_studio_json: the training formats of service/format_export.h
//          (docs/server.md, "Export formats").
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "store/store.h"

namespace chorus::service {

enum class ExportFormat {
  kJsonl,
  kJson,
  kCsv,
  // Training formats (service/format_export.h).
  kConllIob2,
  kConllIobes,
  kSpacyJsonl,
  kRelationsJsonl,
  kDpoJsonl,
  kRankingJsonl,
  kCocoJson,
  kYoloDetection,
  kYoloSegmentation,
  kYoloPose,
  kVocXml,
  kAudioSegmentsJsonl,
  kAudioSegmentsCsv,
  kAsrManifest,
  kHfJsonl,
  kLabelStudioJson,
};

// "jsonl", "json", "csv" or a training format's name; kInvalidArgument (field "format")
// otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view name);
// The Content-Type of an export.
const char* ExportContentType(ExportFormat format);
// The file extension of an export ("jsonl", "conll").
const char* ExportExtension(ExportFormat format);

// The pixel size of the image a task's data names by `url` when the server stores it
// (service/media_uploads.h); nullopt otherwise. The exports that count in pixels (COCO, VOC,
// YOLO) use it for tasks whose data has no "width" and "height".
using ImageSizeLookup = std::function<std::optional<std::pair<uint32_t, uint32_t>>(
    int64_t project_id, std::string_view url)>;

// Told the number of tasks written after each piece; a non-ok answer stops the export, which
// returns it (a cancelled export job).
using ExportProgress = std::function<Status(int64_t tasks_done)>;

// Writes the export in pieces to `sink`, calling `progress` (when set) after each piece.
// kNotFound for an unknown project; kInvalidArgument (field "format") when a training format
// needs a control the project's interface lacks.
Status ExportProject(store::Store& store, int64_t project_id, ExportFormat format,
                     const std::function<void(std::string_view)>& sink,
                     const ExportProgress& progress = {}, const ImageSizeLookup& image_size = {});

}  // namespace chorus::service
