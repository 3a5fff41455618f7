#include "service/prediction_service.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "service/audit.h"
#include "service/result_check.h"

namespace chorus::service {
namespace {

using nlohmann::json;

// One record of the body with its position.
struct PredictionRecord {
  size_t index = 0;
  uint64_t line = 0;  // 1-based for JSONL; 0 inside a JSON array.
  json value;
};

Result<std::vector<PredictionRecord>> SplitRecords(std::string_view body, ImportFormat format) {
  std::vector<PredictionRecord> out;
  if (format == ImportFormat::kCsv) {
    return InvalidArgument("predictions are imported as JSON (an array) or JSONL", "format");
  }
  if (format == ImportFormat::kJson) {
    json all = json::parse(body, nullptr, false);
    if (all.is_discarded() || !all.is_array()) {
      return InvalidArgument(
          "the body must be a JSON array of predictions; send JSONL as application/x-ndjson", "");
    }
    for (size_t i = 0; i < all.size(); ++i) out.push_back({i, 0, std::move(all[i])});
    return out;
  }
  uint64_t line = 0;
  size_t begin = 0;
  while (begin <= body.size()) {
    size_t end = body.find('\n', begin);
    if (end == std::string_view::npos) end = body.size();
    std::string_view text = body.substr(begin, end - begin);
    ++line;
    begin = end + 1;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    json value = json::parse(text, nullptr, false);
    // Kept as a string marker: reported as "not valid JSON" with its line below.
    out.push_back({out.size(), line, value.is_discarded() ? json(nullptr) : std::move(value)});
  }
  return out;
}

}  // namespace

PredictionService::PredictionService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<PredictionImportSummary> PredictionService::Import(const Principal& actor,
                                                          int64_t project_id, std::string_view body,
                                                          ImportFormat format, size_t max_errors) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto records = SplitRecords(body, format);
  if (!records.ok()) return records.status();
  PredictionImportSummary summary;
  summary.records = static_cast<int64_t>(records->size());
  const int64_t now = now_();
  std::vector<domain::Prediction> predictions;
  const auto fail = [&](const PredictionRecord& r, const Status& status) {
    if (summary.errors.size() >= max_errors) {
      summary.more_errors = true;
      return;
    }
    summary.errors.push_back({r.index, r.line, status.field(), status.message()});
  };
  for (PredictionRecord& r : *records) {
    if (!r.value.is_object()) {
      fail(r, InvalidArgument(r.value.is_null() ? "this line is not valid JSON"
                                                : "a prediction must be a JSON object",
                              ""));
      continue;
    }
    // Which task: task_id, or the task's external_id in this project.
    std::optional<int64_t> task_id;
    if (const auto id = r.value.find("task_id"); id != r.value.end()) {
      if (!id->is_number_integer()) {
        fail(r, InvalidArgument("task_id must be an integer (the task's id)", "task_id"));
        continue;
      }
      task_id = id->get<int64_t>();
    } else if (const auto ext = r.value.find("external_id"); ext != r.value.end()) {
      if (!ext->is_string() && !ext->is_number_integer()) {
        fail(r, InvalidArgument("external_id must be a string or an integer", "external_id"));
        continue;
      }
      const std::string name = ext->is_string() ? ext->get<std::string>() : ext->dump();
      auto found = store_.predictions().TaskByExternalId(project_id, name);
      if (!found.ok()) return found.status();
      if (!*found) {
        fail(r, InvalidArgument("no task of this project has external_id \"" + name +
                                    "\"; import the task first",
                                "external_id"));
        continue;
      }
      task_id = *found;
    } else {
      fail(r, InvalidArgument("name the task: task_id, or external_id", "task_id"));
      continue;
    }
    r.value.erase("task_id");
    r.value.erase("external_id");
    auto prediction = domain::PredictionFromJson(r.value);
    if (!prediction.ok()) {
      fail(r, prediction.status());
      continue;
    }
    auto task = store_.tasks().Get(*task_id);
    if (!task.ok() && task.status().code() != StatusCode::kNotFound) return task.status();
    if (!task.ok() || task->project_id != project_id) {
      fail(r, InvalidArgument("task " + std::to_string(*task_id) + " is not a task of project " +
                                  std::to_string(project_id),
                              "task_id"));
      continue;
    }
    // Checked as an annotation of the task is: a draft must be an answer one could submit.
    const Status checked = CheckResult(*project, *task, prediction->result);
    if (!checked.ok()) {
      fail(r, checked);  // Its field is "result.CONTROL..." already.
      continue;
    }
    prediction->task_id = *task_id;
    prediction->project_id = project_id;
    prediction->created_at = now;
    predictions.push_back(std::move(prediction).value());
  }
  if (!summary.errors.empty()) return summary;
  CHORUS_RETURN_IF_ERROR(store_.predictions().Upsert(project_id, predictions));
  summary.stored = static_cast<int64_t>(predictions.size());
  CHORUS_RETURN_IF_ERROR(RecordChange(
      store_.audit(), actor.user_id, "predictions.import", "project", project_id, "null",
      json({{"records", summary.records}, {"stored", summary.stored}}).dump(), now));
  return summary;
}

Result<std::vector<domain::Prediction>> PredictionService::ListForTask(int64_t task_id) {
  CHORUS_RETURN_IF_ERROR(store_.tasks().Get(task_id).status());
  return store_.predictions().ListForTask(task_id);
}

}  // namespace chorus::service
