#include "service/format_export.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "domain/label_interface.h"
#include "service/exports/audio_export.h"
#include "service/exports/coco_export.h"
#include "service/exports/conll_export.h"
#include "service/exports/hf_export.h"
#include "service/exports/image_geometry.h"
#include "service/exports/label_studio_export.h"
#include "service/exports/preference_export.h"
#include "service/exports/spacy_export.h"
#include "service/exports/voc_export.h"
#include "service/exports/yolo_export.h"
#include "service/page_aggregates.h"

namespace chorus::service {
namespace {

constexpr int64_t kTrainingPageSize = 500;
constexpr const char* kJsonLines = "application/x-ndjson; charset=utf-8";
constexpr const char* kTar = "application/x-tar";

struct TrainingFormat {
  ExportFormat format;
  const char* name;
  const char* extension;
  const char* content_type;
  exports::WriterResult (*make)(const domain::LabelInterface&);
  bool counts_pixels = false;  // Reads the image's width and height from the task data.
};

const std::array<TrainingFormat, 16> kTrainingFormats = {{
    {ExportFormat::kConllIob2, "conll_iob2", "conll", "text/plain; charset=utf-8",
     [](const domain::LabelInterface& i) { return MakeConllWriter(i, exports::TagScheme::kIob2); }},
    {ExportFormat::kConllIobes, "conll_iobes", "conll", "text/plain; charset=utf-8",
     [](const domain::LabelInterface& i) {
       return MakeConllWriter(i, exports::TagScheme::kIobes);
     }},
    {ExportFormat::kSpacyJsonl, "spacy_jsonl", "jsonl", kJsonLines, exports::MakeSpacyWriter},
    {ExportFormat::kRelationsJsonl, "relations_jsonl", "jsonl", kJsonLines,
     exports::MakeRelationsWriter},
    {ExportFormat::kDpoJsonl, "dpo_jsonl", "jsonl", kJsonLines, exports::MakeDpoWriter},
    {ExportFormat::kRankingJsonl, "ranking_jsonl", "jsonl", kJsonLines, exports::MakeRankingWriter},
    {ExportFormat::kCocoJson, "coco_json", "json", "application/json; charset=utf-8",
     exports::MakeCocoWriter, true},
    {ExportFormat::kYoloDetection, "yolo_detection", "tar", kTar,
     [](const domain::LabelInterface& i) {
       return MakeYoloWriter(i, exports::YoloTask::kDetection);
     },
     true},
    {ExportFormat::kYoloSegmentation, "yolo_segmentation", "tar", kTar,
     [](const domain::LabelInterface& i) {
       return MakeYoloWriter(i, exports::YoloTask::kSegmentation);
     },
     true},
    {ExportFormat::kYoloPose, "yolo_pose", "tar", kTar,
     [](const domain::LabelInterface& i) { return MakeYoloWriter(i, exports::YoloTask::kPose); },
     true},
    {ExportFormat::kVocXml, "voc_xml", "tar", kTar, exports::MakeVocWriter, true},
    {ExportFormat::kAudioSegmentsJsonl, "audio_segments_jsonl", "jsonl", kJsonLines,
     [](const domain::LabelInterface& i) {
       return MakeAudioWriter(i, exports::AudioFormat::kSegmentsJsonl);
     }},
    {ExportFormat::kAudioSegmentsCsv, "audio_segments_csv", "csv", "text/csv; charset=utf-8",
     [](const domain::LabelInterface& i) {
       return MakeAudioWriter(i, exports::AudioFormat::kSegmentsCsv);
     }},
    {ExportFormat::kAsrManifest, "asr_manifest", "jsonl", kJsonLines,
     [](const domain::LabelInterface& i) {
       return MakeAudioWriter(i, exports::AudioFormat::kAsrManifest);
     }},
    {ExportFormat::kHfJsonl, "hf_jsonl", "tar", kTar, exports::MakeHfWriter},
    {ExportFormat::kLabelStudioJson, "label_studio_json", "json", "application/json; charset=utf-8",
     exports::MakeLabelStudioWriter},
}};

// Adds "width" and "height" to `data` from the first of its fields naming an image
// `image_size` knows, when it has no size of its own.
void AddStoredImageSize(const ImageSizeLookup& image_size, int64_t project_id,
                        nlohmann::json& data) {
  if (!data.is_object() || exports::ImageSize(data)) return;
  for (const auto& [field, value] : data.items()) {
    if (!value.is_string()) continue;
    if (const auto size = image_size(project_id, value.get<std::string>())) {
      data["width"] = size->first;
      data["height"] = size->second;
      return;
    }
  }
}

const TrainingFormat* Find(ExportFormat format) {
  for (const TrainingFormat& f : kTrainingFormats) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

exports::WriterResult MakeWriter(store::Store& store, int64_t project_id, ExportFormat format) {
  auto project = store.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = domain::ParseLabelInterface(project->label_interface);
  if (!label_interface.ok()) {
    return Status(StatusCode::kInvalidArgument,
                  std::string("the ") + Find(format)->name +
                      " export reads the project's label interface, and it has none yet; "
                      "write one or export as jsonl, json or csv",
                  "format");
  }
  return Find(format)->make(*label_interface);
}

}  // namespace

std::optional<ExportFormat> ParseTrainingFormat(std::string_view name) {
  for (const TrainingFormat& f : kTrainingFormats) {
    if (name == f.name) return f.format;
  }
  return std::nullopt;
}

std::string TrainingFormatNames() {
  std::string out;
  for (const TrainingFormat& f : kTrainingFormats)
    out += std::string(out.empty() ? "" : ", ") + f.name;
  return out;
}

bool IsTrainingFormat(ExportFormat format) { return Find(format) != nullptr; }
const char* TrainingFormatName(ExportFormat format) { return Find(format)->name; }
const char* TrainingExtension(ExportFormat format) { return Find(format)->extension; }
const char* TrainingContentType(ExportFormat format) { return Find(format)->content_type; }

Status CheckExportFormat(store::Store& store, int64_t project_id, ExportFormat format) {
  if (!IsTrainingFormat(format)) return store.projects().Get(project_id).status();
  return MakeWriter(store, project_id, format).status();
}

Status ExportTrainingFormat(store::Store& store, int64_t project_id, ExportFormat format,
                            const std::function<void(std::string_view)>& sink,
                            const ExportProgress& progress, exports::ExportNotes* notes,
                            const ImageSizeLookup& image_size) {
  const bool add_image_sizes = image_size && Find(format)->counts_pixels;
  auto writer = MakeWriter(store, project_id, format);
  if (!writer.ok()) return writer.status();
  exports::ExportWriter& w = **writer;
  w.Begin(sink);
  int64_t done = 0;
  store::PageRequest request{0, kTrainingPageSize};
  std::string buffer;
  while (true) {
    auto page = store.tasks().List(project_id, request);
    if (!page.ok()) return page.status();
    auto aggregates = PageAggregates(store, project_id, page->items);
    if (!aggregates.ok()) return aggregates.status();
    buffer.clear();
    for (const domain::Task& task : page->items) {
      auto annotations = store.annotations().ListByTask(task.id);
      if (!annotations.ok()) return annotations.status();
      // Drafts are work in progress, their annotators' own: not labels yet.
      std::erase_if(*annotations, [](const domain::Annotation& a) {
        return a.state == domain::AnnotationState::kDraft;
      });
      const auto found = aggregates->find(task.id);
      nlohmann::json data = nlohmann::json::parse(task.data, nullptr, false);
      if (add_image_sizes) AddStoredImageSize(image_size, project_id, data);
      std::vector<domain::Prediction> predictions;
      std::optional<domain::GoldItem> gold;
      if (w.ReadsModelDraftsAndGold()) {
        auto listed = store.predictions().ListForTask(task.id);
        if (!listed.ok()) return listed.status();
        predictions = *std::move(listed);
        auto reference = store.gold().Get(task.id);
        if (reference.ok()) {
          gold = *std::move(reference);
        } else if (reference.status().code() != StatusCode::kNotFound) {
          return reference.status();
        }
      }
      w.Write({.task = task,
               .data = data.is_object() ? data : nlohmann::json::object(),
               .annotations = *annotations,
               .aggregate = found == aggregates->end() ? nullptr : &found->second,
               .predictions = &predictions,
               .gold = gold ? &*gold : nullptr},
              buffer);
      CHORUS_RETURN_IF_ERROR(w.status());
    }
    sink(buffer);
    done += static_cast<int64_t>(page->items.size());
    if (progress) CHORUS_RETURN_IF_ERROR(progress(done));
    if (page->next_after_id == 0) break;
    request.after_id = page->next_after_id;
  }
  w.End(sink);
  if (notes != nullptr) *notes = w.notes();
  return Status::Ok();
}

}  // namespace chorus::service
