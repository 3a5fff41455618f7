#include "service/exports/audio_export.h"

#include "core/csv_writer.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

std::string CsvNumber(const json& value) { return value.is_number() ? value.dump() : ""; }

class AudioWriter : public ExportWriter {
 public:
  AudioWriter(domain::Control control, AudioFormat format)
      : control_(std::move(control)), format_(format) {}

  void Begin(const Sink& sink) override {
    if (format_ != AudioFormat::kSegmentsCsv) return;
    sink(CsvRecord({"task_id", "external_id", "audio", "annotation_id", "annotator_id",
                    "provenance", "start", "end", "duration", "label", "text"}));
  }

  void Write(const ExportItem& item, std::string& out) override {
    const json audio = item.data.value(control_.to.front(), json());
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      const json& segments = ControlValue(result, control_, "segments");
      if (!segments.is_array()) continue;
      const json fields = AnnotationFields(item.task, a);
      const json aggregate = AggregateJson(item.aggregate);
      for (const json& s : segments) {
        if (!s.is_object() || !s.value("start", json()).is_number() ||
            !s.value("end", json()).is_number())
          continue;
        const double start = s["start"].get<double>(), end = s["end"].get<double>();
        const json text = s.value("text", json());
        if (format_ == AudioFormat::kAsrManifest) {
          if (!text.is_string() || text.get_ref<const std::string&>().empty()) {
            Note("untranscribed_segments");
            continue;
          }
          json line = {{"audio_filepath", audio},
                       {"offset", start},
                       {"duration", end - start},
                       {"text", text},
                       {"label", s.value("label", json())}};
          line.update(fields);
          line["aggregate"] = aggregate;
          out += line.dump() + "\n";
        } else if (format_ == AudioFormat::kSegmentsJsonl) {
          json line = {{"audio", audio},
                       {"start", start},
                       {"end", end},
                       {"duration", end - start},
                       {"label", s.value("label", json())}};
          if (!text.is_null()) line["text"] = text;
          line.update(fields);
          line["aggregate"] = aggregate;
          out += line.dump() + "\n";
        } else {
          AppendCsvRecord(
              out,
              {std::to_string(item.task.id), item.task.external_id.value_or(""),
               audio.is_string() ? audio.get<std::string>() : audio.dump(), std::to_string(a.id),
               std::to_string(a.annotator_id), fields["provenance"].get<std::string>(),
               CsvNumber(s["start"]), CsvNumber(s["end"]), json(end - start).dump(),
               s.value("label", std::string()), text.is_string() ? text.get<std::string>() : ""});
        }
      }
    }
  }

 private:
  domain::Control control_;
  AudioFormat format_;
};

}  // namespace

WriterResult MakeAudioWriter(const domain::LabelInterface& label_interface, AudioFormat format) {
  const domain::Control* found = nullptr;
  for (const domain::Control& c : label_interface.controls) {
    if (c.type != domain::ControlType::kAudioSegments) continue;
    if (format == AudioFormat::kAsrManifest && !c.transcription) continue;
    found = &c;
    break;
  }
  if (found == nullptr) {
    return format == AudioFormat::kAsrManifest
               ? NeedsControl("asr_manifest", "audio_segments control with \"transcription\": true")
           : format == AudioFormat::kSegmentsCsv
               ? NeedsControl("audio_segments_csv", "audio_segments control")
               : NeedsControl("audio_segments_jsonl", "audio_segments control");
  }
  return std::unique_ptr<ExportWriter>(std::make_unique<AudioWriter>(*found, format));
}

}  // namespace chorus::service::exports
