#include "service/format_import.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "domain/bounded_json.h"
#include "domain/label_interface.h"
#include "domain/prediction.h"
#include "service/imports/coco_import.h"
#include "service/imports/conll_import.h"
#include "service/imports/import_records.h"
#include "service/imports/tar_reader.h"
#include "service/imports/voc_import.h"
#include "service/imports/yolo_import.h"

namespace chorus::service {
namespace {

using imports::Concat;
using nlohmann::json;

struct NamedFormat {
  FileImportFormat format;
  const char* name;
};

constexpr NamedFormat kFileImportFormats[] = {
    {FileImportFormat::kCocoJson, "coco_json"},
    {FileImportFormat::kVocXml, "voc_xml"},
    {FileImportFormat::kYoloDetection, "yolo_detection"},
    {FileImportFormat::kYoloSegmentation, "yolo_segmentation"},
    {FileImportFormat::kYoloPose, "yolo_pose"},
    {FileImportFormat::kConllIob2, "conll_iob2"},
    {FileImportFormat::kConllIobes, "conll_iobes"},
    {FileImportFormat::kPredictionsJsonl, "predictions_jsonl"},
};

Result<imports::ConvertedRecords> Convert(const domain::LabelInterface& li, FileImportFormat format,
                                          std::string_view body, const std::string& model) {
  switch (format) {
    case FileImportFormat::kCocoJson: return imports::FromCoco(li, body, model);
    case FileImportFormat::kVocXml: return imports::FromVoc(li, body, model);
    case FileImportFormat::kYoloDetection:
      return imports::FromYolo(li, imports::YoloKind::kDetection, body, model);
    case FileImportFormat::kYoloSegmentation:
      return imports::FromYolo(li, imports::YoloKind::kSegmentation, body, model);
    case FileImportFormat::kYoloPose:
      return imports::FromYolo(li, imports::YoloKind::kPose, body, model);
    case FileImportFormat::kConllIob2:
      return imports::FromConll(li, imports::ConllScheme::kIob2, body, model);
    case FileImportFormat::kConllIobes:
      return imports::FromConll(li, imports::ConllScheme::kIobes, body, model);
    case FileImportFormat::kPredictionsJsonl: break;
  }
  return InvalidArgument("predictions_jsonl is not a task format", "format");
}

// One line of predictions_jsonl turned into PredictionService's shape ({external_id | task_id,
// model_version, result, score?}); `data_key` is set instead when the task is named by data.
Status PredictionLine(const json& line, const std::string& model, json& out, json& data_key) {
  if (!line.is_object()) return InvalidArgument("a line must be one JSON object", "");
  for (const auto& [key, value] : line.items()) {
    if (key != "task" && key != "model" && key != "result" && key != "score") {
      return InvalidArgument("\"" + key +
                                 "\" is not a field of a prediction line; use task, "
                                 "model, result and score",
                             key);
    }
  }
  const json task = line.value("task", json());
  if (task.is_string() || task.is_number_integer()) {
    out["external_id"] = task;
  } else if (task.is_object()) {
    data_key = task;
  } else {
    return InvalidArgument("name the task: its external id, or its data object", "task");
  }
  const json name = line.value("model", json(model));
  if (!name.is_string() || name.get<std::string>().empty()) {
    return InvalidArgument("must name the model that made the prediction (or pass ?model=)",
                           "model");
  }
  out["model_version"] = name;
  if (!line.contains("result"))
    return InvalidArgument("needs the result, in the project's shape", "result");
  out["result"] = line["result"];
  if (line.contains("score")) out["score"] = line["score"];
  return Status::Ok();
}

}  // namespace

std::optional<FileImportFormat> ParseFileImportFormat(std::string_view name) {
  for (const NamedFormat& f : kFileImportFormats) {
    if (name == f.name) return f.format;
  }
  return std::nullopt;
}

std::string FileImportFormatNames() {
  std::string names;
  for (const NamedFormat& f : kFileImportFormats) {
    if (!names.empty()) names += ", ";
    names += f.name;
  }
  return names;
}

const char* FileImportFormatName(FileImportFormat format) {
  for (const NamedFormat& f : kFileImportFormats) {
    if (f.format == format) return f.name;
  }
  return "";
}

uint64_t MaxFormatImportBytes(FileImportFormat format, std::string_view body) {
  const bool archive_format =
      format == FileImportFormat::kVocXml || format == FileImportFormat::kYoloDetection ||
      format == FileImportFormat::kYoloSegmentation || format == FileImportFormat::kYoloPose;
  return archive_format && imports::LooksLikeTar(body) ? kMaxFormatArchiveBytes
                                                       : kMaxFormatImportBytes;
}

FormatImportService::FormatImportService(store::Store& store, ProjectService& projects,
                                         PredictionService& predictions)
    : store_(store), projects_(projects), predictions_(predictions) {}

Result<FormatImportReport> FormatImportService::Import(const Principal& actor, int64_t project_id,
                                                       FileImportFormat format,
                                                       std::string_view body, std::string model) {
  if (model.empty()) model = std::string(FileImportFormatName(format)) + "_import";
  if (!IsValidUtf8(model)) return InvalidArgument("must be UTF-8 text", "model");
  if (model.size() > domain::kMaxModelVersionBytes) {
    return InvalidArgument(
        "is longer than " + std::to_string(domain::kMaxModelVersionBytes) + " bytes", "model");
  }
  if (body.size() > MaxFormatImportBytes(format, body)) {
    return InvalidArgument("is larger than the " +
                               std::to_string(MaxFormatImportBytes(format, body) >> 20) +
                               " MiB this format is read in memory with; split the file",
                           "body");
  }
  if (format == FileImportFormat::kPredictionsJsonl) {
    return ImportPredictions(actor, project_id, body, model);
  }
  auto view = projects_.Get(project_id);
  if (!view.ok()) return view.status();
  if (domain::IsEmptyLabelInterface(view->project.label_interface)) {
    return InvalidArgument(std::string("the project has no label interface yet; give it the "
                                       "control the ") +
                               FileImportFormatName(format) + " import fills first",
                           "format");
  }
  auto interface = domain::ParseLabelInterface(view->project.label_interface);
  if (!interface.ok()) return interface.status();
  auto converted = Convert(*interface, format, body, model);
  if (!converted.ok()) return converted.status();
  if (converted->errors.empty()) imports::RefuseConflictingRepeats(*converted);
  FormatImportReport report;
  report.model = model;
  report.summary.records = static_cast<int64_t>(converted->record_count);
  if (!converted->errors.empty()) {
    for (imports::ImportError& e : converted->errors) {
      report.summary.errors.push_back({e.record, e.line, std::move(e.field), std::move(e.message)});
    }
    report.summary.more_errors = converted->more_errors;
    return report;
  }
  for (const json& record : converted->records) {
    report.predictions += static_cast<int64_t>(record["predictions"].size());
  }
  const std::string records = converted->records.dump();
  auto summary = projects_.Import(
      actor, project_id,
      [&records]() -> Result<std::unique_ptr<ByteSource>> {
        return MakeStringSource(records, "converted_import.json");
      },
      ImportFormat::kJson);
  if (!summary.ok()) return summary.status();
  report.summary = *std::move(summary);
  // The records were converted in file order: give each error its line in the file.
  for (RecordError& e : report.summary.errors) {
    if (e.record < converted->record_lines.size()) e.line = converted->record_lines[e.record];
  }
  if (!report.summary.errors.empty()) report.predictions = 0;
  return report;
}

Result<FormatImportReport> FormatImportService::ImportPredictions(const Principal& actor,
                                                                  int64_t project_id,
                                                                  std::string_view body,
                                                                  const std::string& model) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  FormatImportReport report;
  report.model = model;
  // First pass: convert each line in place (same lines, so errors keep their line numbers).
  std::vector<bool> converted_ok;                      // Per line: a record that converted.
  std::map<std::string, std::vector<size_t>> by_hash;  // Data hash -> lines naming it.
  std::vector<json> converted;
  std::vector<size_t> line_record;                     // Per line: the index of its record.
  std::unordered_map<std::string, size_t> first_line;  // Task and model -> first line (0-based).
  size_t record = 0;
  uint64_t line_number = 0;
  for (size_t begin = 0; begin <= body.size();) {
    size_t end = body.find('\n', begin);
    if (end == std::string_view::npos) end = body.size();
    std::string_view text = body.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    converted_ok.push_back(false);
    converted.emplace_back();
    line_record.push_back(record);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    const size_t index = record++;
    const json value = domain::ParseJsonWithinDepth(text);
    json out = json::object(), data_key;
    const Status status =
        value.is_discarded()
            ? InvalidArgument("this line is not JSON, or nests deeper than " +
                                  std::to_string(domain::kMaxJsonDepth) + " levels",
                              "")
            : PredictionLine(value, model, out, data_key);
    if (!status.ok()) {
      if (report.summary.errors.size() < imports::kMaxListedErrors) {
        report.summary.errors.push_back({index, line_number, status.field(), status.message()});
      } else {
        report.summary.more_errors = true;
      }
      continue;
    }
    // One prediction per task and model: a repeat with other content would replace silently.
    const std::string key =
        Concat({data_key.is_null() ? out["external_id"].dump() : data_key.dump(), "\n",
                out["model_version"].get<std::string>()});
    const auto [earlier, added] = first_line.emplace(key, converted_ok.size() - 1);
    if (!added && converted[earlier->second] != out) {
      if (report.summary.errors.size() < imports::kMaxListedErrors) {
        report.summary.errors.push_back(
            {index, line_number, "task",
             Concat({"names the same task and model as line ", std::to_string(earlier->second + 1),
                     " with another prediction; keep one of the two"})});
      } else {
        report.summary.more_errors = true;
      }
      continue;
    }
    if (!data_key.is_null())
      by_hash[ContentHash(data_key.dump())].push_back(converted_ok.size() - 1);
    converted.back() = std::move(out);
    converted_ok.back() = true;
  }
  report.summary.records = static_cast<int64_t>(record);
  // Tasks named by their data: one pass over the project's tasks, matching the hashes wanted.
  if (!by_hash.empty()) {
    store::PageRequest page{.after_id = 0, .limit = 1000};
    while (true) {
      auto tasks = store_.tasks().List(project_id, page);
      if (!tasks.ok()) return tasks.status();
      for (const domain::Task& task : tasks->items) {
        const auto wanted = by_hash.find(task.content_hash);
        if (wanted == by_hash.end()) continue;
        for (const size_t at : wanted->second) converted[at]["task_id"] = task.id;
        by_hash.erase(wanted);
      }
      if (tasks->next_after_id == 0 || by_hash.empty()) break;
      page.after_id = tasks->next_after_id;
    }
    for (const auto& [hash, ats] : by_hash) {
      for (const size_t at : ats) {
        if (report.summary.errors.size() >= imports::kMaxListedErrors) {
          report.summary.more_errors = true;
          break;
        }
        report.summary.errors.push_back(
            {line_record[at], at + 1, "task",
             "no task of this project has this data; import the task first, or name it by its "
             "external id"});
      }
    }
    std::sort(report.summary.errors.begin(), report.summary.errors.end(),
              [](const RecordError& a, const RecordError& b) { return a.line < b.line; });
  }
  if (!report.summary.errors.empty()) return report;
  std::string jsonl;
  for (size_t at = 0; at < converted_ok.size(); ++at) {
    if (converted_ok[at]) jsonl += converted[at].dump();
    jsonl += '\n';
  }
  auto summary = predictions_.Import(actor, project_id, jsonl, ImportFormat::kJsonl);
  if (!summary.ok()) return summary.status();
  report.summary.records = summary->records;
  report.summary.errors = std::move(summary->errors);
  report.summary.more_errors = summary->more_errors;
  report.predictions = summary->stored;
  return report;
}

}  // namespace chorus::service
