#include "service/export.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/csv_writer.h"
#include "domain/annotation.h"

namespace chorus::service {
namespace {

using nlohmann::json;

constexpr int64_t kPageSize = 1000;

json TaskJson(const domain::Task& task, const std::vector<domain::Annotation>& annotations) {
  json out = {{"id", task.id},
              {"external_id", task.external_id ? json(*task.external_id) : json(nullptr)},
              {"priority", task.priority},
              {"data", json::parse(task.data)}};
  json list = json::array();
  for (const domain::Annotation& annotation : annotations)
    list.push_back(domain::ToJson(annotation));
  out["annotations"] = std::move(list);
  return out;
}

void AppendCsvRows(std::string& out, const domain::Task& task,
                   const std::vector<domain::Annotation>& annotations) {
  const std::string task_id = std::to_string(task.id);
  const std::string external_id = task.external_id.value_or("");
  if (annotations.empty()) {
    AppendCsvRecord(out, {task_id, external_id, task.data, "", "", "", "", "", "", "", ""});
    return;
  }
  for (const domain::Annotation& a : annotations) {
    AppendCsvRecord(
        out, {task_id, external_id, task.data, std::to_string(a.id), std::to_string(a.annotator_id),
              domain::AnnotationStateName(a.state), a.result, std::to_string(a.lead_time_ms),
              std::to_string(a.active_time_ms), std::to_string(a.created_at), a.skip_reason});
  }
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "json") return ExportFormat::kJson;
  if (name == "csv") return ExportFormat::kCsv;
  return Status(StatusCode::kInvalidArgument, "format must be jsonl, json or csv", "format");
}

const char* ExportContentType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kJsonl: return "application/x-ndjson; charset=utf-8";
    case ExportFormat::kJson: return "application/json; charset=utf-8";
    case ExportFormat::kCsv: return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

Status ExportProject(store::Store& store, int64_t project_id, ExportFormat format,
                     const std::function<void(std::string_view)>& sink,
                     const std::function<void(int64_t tasks_done)>& progress) {
  CHORUS_RETURN_IF_ERROR(store.projects().Get(project_id).status());
  if (format == ExportFormat::kCsv) {
    sink(CsvRecord({"task_id", "external_id", "data", "annotation_id", "annotator_id", "state",
                    "result", "lead_time_ms", "active_time_ms", "created_at", "skip_reason"}));
  } else if (format == ExportFormat::kJson) {
    sink("[");
  }
  bool first = true;
  int64_t done = 0;
  store::PageRequest request{0, kPageSize};
  std::string buffer;
  while (true) {
    auto page = store.tasks().List(project_id, request);
    if (!page.ok()) return page.status();
    buffer.clear();
    for (const domain::Task& task : page->items) {
      auto annotations = store.annotations().ListByTask(task.id);
      if (!annotations.ok()) return annotations.status();
      // Drafts are work in progress, their annotators' own: not labels yet.
      std::erase_if(*annotations, [](const domain::Annotation& a) {
        return a.state == domain::AnnotationState::kDraft;
      });
      if (format == ExportFormat::kCsv) {
        AppendCsvRows(buffer, task, *annotations);
        continue;
      }
      if (format == ExportFormat::kJson && !first) buffer += ',';
      buffer += TaskJson(task, *annotations).dump();
      if (format == ExportFormat::kJsonl) buffer += '\n';
      first = false;
    }
    sink(buffer);
    done += static_cast<int64_t>(page->items.size());
    if (progress) progress(done);
    if (page->next_after_id == 0) break;
    request.after_id = page->next_after_id;
  }
  if (format == ExportFormat::kJson) sink("]\n");
  return Status::Ok();
}

}  // namespace chorus::service
