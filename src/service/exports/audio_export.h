// Audio exports from the first audio_segments control (docs/server.md, "Export formats"), one
// record per segment of each submitted annotation (disagreement kept), with the task,
// annotation, annotator and provenance:
//   audio_segments_jsonl: {"audio", "start", "end", "duration", "label", "text"?, ...};
//   audio_segments_csv:   task_id, external_id, audio, annotation_id, annotator_id,
//                         provenance, start, end, duration, label, text (formulas
//                         neutralised, core/csv_writer.h);
//   asr_manifest:         NeMo-style {"audio_filepath", "offset", "duration", "text", ...} per
//                         transcribed segment (segments without text are counted in note
//                         "untranscribed_segments"); needs a control with transcription on.
// Seconds, as results store them. JSON lines carry "aggregate" (the task's, or null).
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

enum class AudioFormat { kSegmentsJsonl, kSegmentsCsv, kAsrManifest };

// kInvalidArgument (field "format") when the interface has no audio_segments control (with
// transcription, for asr_manifest).
WriterResult MakeAudioWriter(const domain::LabelInterface& label_interface, AudioFormat format);

}  // namespace chorus::service::exports
