#include "service/export.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/csv_writer.h"
#include "domain/annotation.h"
#include "domain/machine_label.h"
#include "service/aggregate_columns.h"
#include "service/page_aggregates.h"
#include "service/format_export.h"

namespace chorus::service {
namespace {

using nlohmann::json;

constexpr int64_t kPageSize = 1000;

// Appends `fields`, each preceded by a comma, to a record whose '\n' is not written yet.
template <typename Fields>
void AppendAggregateFields(std::string& out, const Fields& fields) {
  for (const auto& field : fields) {
    out.push_back(',');
    AppendCsvField(out, field);
  }
}

// A task's machine labels (auto labels and rule labels), kept apart from people's.
using MachineLabels = std::vector<domain::MachineLabel>;

json TaskJson(const domain::Task& task, const std::vector<domain::Annotation>& annotations,
              const domain::TaskAggregate* aggregate, const MachineLabels& machine) {
  json out = {{"id", task.id},
              {"external_id", task.external_id ? json(*task.external_id) : json(nullptr)},
              {"priority", task.priority},
              {"data", json::parse(task.data)}};
  json list = json::array();
  for (const domain::Annotation& annotation : annotations)
    list.push_back(domain::ToJson(annotation));
  out["annotations"] = std::move(list);
  if (aggregate != nullptr) {
    json stored = domain::ToJson(*aggregate);
    stored.erase("task_id");
    stored.erase("project_id");
    out["aggregate"] = std::move(stored);
  }
  if (!machine.empty()) {
    json labels = json::array();
    for (const domain::MachineLabel& m : machine) {
      json one = domain::ToJson(m);
      one.erase("task_id");
      labels.push_back(std::move(one));
    }
    out["machine_labels"] = std::move(labels);
  }
  return out;
}

// Whether a label was given with the model's draft in view: "shown", "blind" (withheld on
// purpose, a blind control) or "none" (no draft applied).
const char* ModelExposure(const domain::Annotation& a) {
  if (a.draft_shown) return "shown";
  return a.blind ? "blind" : "none";
}

// Each row ends with the task's aggregate columns (service/aggregate_columns.h).
void AppendCsvRows(std::string& out, const domain::Task& task,
                   const std::vector<domain::Annotation>& annotations,
                   const domain::TaskAggregate* aggregate, const MachineLabels& machine) {
  const std::string task_id = std::to_string(task.id);
  const std::string external_id = task.external_id.value_or("");
  const std::array<std::string, 9> tail = AggregateCsvFields(aggregate);
  const auto end_row = [&] {
    out.pop_back();  // The record's '\n': the aggregate columns come first.
    AppendAggregateFields(out, tail);
    out.push_back('\n');
  };
  // A machine label's row: no annotation or annotator, its source (model or rule) and its
  // model version or rule set in model_version.
  for (const domain::MachineLabel& m : machine) {
    AppendCsvRecord(out, {task_id, external_id, task.data, "", "", "", m.result, "", "",
                          std::to_string(m.created_at), domain::AnnotationSourceName(m.source),
                          "", m.origin, "", ""});
    end_row();
  }
  if (annotations.empty() && !machine.empty()) return;
  if (annotations.empty()) {
    AppendCsvRecord(out, {task_id, external_id, task.data, "", "", "", "", "", "", "", "", "", "",
                          "", ""});
    end_row();
    return;
  }
  for (const domain::Annotation& a : annotations) {
    AppendCsvRecord(
        out, {task_id, external_id, task.data, std::to_string(a.id), std::to_string(a.annotator_id),
              domain::AnnotationStateName(a.state), a.result, std::to_string(a.lead_time_ms),
              std::to_string(a.active_time_ms), std::to_string(a.created_at),
              domain::AnnotationSourceName(a.source), ModelExposure(a), a.draft_model_version,
              a.draft_shown ? (a.draft_accepted ? "yes" : "no") : "", a.skip_reason});
    end_row();
  }
}

// The machine labels of the tasks of `page` (store/machine_label_store.h), by task id.
Result<std::map<int64_t, MachineLabels>> MachineLabelsOf(store::Store& store, int64_t project_id,
                                                         const std::vector<domain::Task>& page) {
  std::map<int64_t, MachineLabels> out;
  if (page.empty()) return out;
  auto got = store.machine_labels().ListForTasks(project_id, page.front().id, page.back().id);
  if (!got.ok()) return got.status();
  for (domain::MachineLabel& m : *got) out[m.task_id].push_back(std::move(m));
  return out;
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "json") return ExportFormat::kJson;
  if (name == "csv") return ExportFormat::kCsv;
  if (auto training = ParseTrainingFormat(name)) return *training;
  return Status(StatusCode::kInvalidArgument,
                "format must be jsonl, json, csv, " + TrainingFormatNames(), "format");
}

const char* ExportContentType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kJsonl: return "application/x-ndjson; charset=utf-8";
    case ExportFormat::kJson: return "application/json; charset=utf-8";
    case ExportFormat::kCsv: return "text/csv; charset=utf-8";
    default: return TrainingContentType(format);
  }
}

const char* ExportExtension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kJsonl: return "jsonl";
    case ExportFormat::kJson: return "json";
    case ExportFormat::kCsv: return "csv";
    default: return TrainingExtension(format);
  }
}

Status ExportProject(store::Store& store, int64_t project_id, ExportFormat format,
                     const std::function<void(std::string_view)>& sink,
                     const ExportProgress& progress, const ImageSizeLookup& image_size) {
  if (IsTrainingFormat(format)) {
    return ExportTrainingFormat(store, project_id, format, sink, progress, nullptr, image_size);
  }
  CHORUS_RETURN_IF_ERROR(store.projects().Get(project_id).status());
  if (format == ExportFormat::kCsv) {
    std::string header;
    AppendCsvRecord(header,
                    {"task_id", "external_id", "data", "annotation_id", "annotator_id", "state",
                     "result", "lead_time_ms", "active_time_ms", "created_at", "source",
                     "model_exposure", "model_version", "accepted_unchanged", "skip_reason"});
    header.pop_back();
    AppendAggregateFields(header, kAggregateCsvColumns);
    header.push_back('\n');
    sink(header);
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
    auto aggregates = PageAggregates(store, project_id, page->items);
    if (!aggregates.ok()) return aggregates.status();
    auto machine = MachineLabelsOf(store, project_id, page->items);
    if (!machine.ok()) return machine.status();
    const MachineLabels none;
    for (const domain::Task& task : page->items) {
      const auto found = aggregates->find(task.id);
      const domain::TaskAggregate* aggregate =
          found == aggregates->end() ? nullptr : &found->second;
      const auto labels = machine->find(task.id);
      const MachineLabels& machine_labels = labels == machine->end() ? none : labels->second;
      auto annotations = store.annotations().ListByTask(task.id);
      if (!annotations.ok()) return annotations.status();
      // Drafts are work in progress, their annotators' own: not labels yet.
      std::erase_if(*annotations, [](const domain::Annotation& a) {
        return a.state == domain::AnnotationState::kDraft;
      });
      if (format == ExportFormat::kCsv) {
        AppendCsvRows(buffer, task, *annotations, aggregate, machine_labels);
        continue;
      }
      if (format == ExportFormat::kJson && !first) buffer += ',';
      buffer += TaskJson(task, *annotations, aggregate, machine_labels).dump();
      if (format == ExportFormat::kJsonl) buffer += '\n';
      first = false;
    }
    sink(buffer);
    done += static_cast<int64_t>(page->items.size());
    if (progress) CHORUS_RETURN_IF_ERROR(progress(done));
    if (page->next_after_id == 0) break;
    request.after_id = page->next_after_id;
  }
  if (format == ExportFormat::kJson) sink("]\n");
  return Status::Ok();
}

}  // namespace chorus::service
