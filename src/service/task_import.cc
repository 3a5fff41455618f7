#include "service/task_import.h"

#include <sodium.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/csv_reader.h"

namespace chorus::service {
namespace {

using nlohmann::json;

std::string_view MediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type;
}

// Adds the error unless the list is full.
void Report(ParsedTasks& out, size_t max_errors, RecordError error) {
  if (out.errors.size() < max_errors) {
    out.errors.push_back(std::move(error));
  } else {
    out.more_errors = true;
  }
}

// A task from one record (an envelope or bare data); the error names the field.
Result<domain::Task> TaskFromRecord(const json& record) {
  if (!record.is_object()) {
    return InvalidArgument("a task must be a JSON object, not " + std::string(record.type_name()),
                           "");
  }
  domain::Task task;
  const auto data = record.find("data");
  if (data != record.end() && data->is_object()) {
    for (const auto& [key, value] : record.items()) {
      if (key == "data") continue;
      if (key == "external_id") {
        if (value.is_string()) {
          task.external_id = value.get<std::string>();
        } else if (value.is_number_integer()) {
          task.external_id = value.dump();
        } else if (!value.is_null()) {
          return InvalidArgument("external_id must be a string or an integer", "external_id");
        }
      } else if (key == "priority") {
        if (!value.is_number_integer()) {
          return InvalidArgument("priority must be an integer (higher is labelled first)",
                                 "priority");
        }
        task.priority = value.get<int64_t>();
      } else {
        return InvalidArgument("unknown task field \"" + key +
                                   "\"; a task has data, external_id and priority (put other "
                                   "values inside data)",
                               key);
      }
    }
    task.data = data->dump();
  } else {
    task.data = record.dump();
  }
  task.content_hash = ContentHash(task.data);
  CHORUS_RETURN_IF_ERROR(domain::ValidateTask(task));
  return task;
}

void AddRecord(ParsedTasks& out, size_t max_errors, size_t index, uint64_t line,
               const json& record) {
  auto task = TaskFromRecord(record);
  if (!task.ok()) {
    Report(out, max_errors, {index, line, task.status().field(), task.status().message()});
    return;
  }
  if (out.errors.empty()) out.tasks.push_back(std::move(*task));
}

void ParseJsonArray(std::string_view body, ParsedTasks& out, size_t max_errors) {
  json records = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (records.is_discarded() || !records.is_array()) {
    Report(
        out, max_errors,
        {0, 1, "",
         records.is_discarded() ? "the file is not valid JSON; check it with a JSON validator, or "
                                  "send JSONL as application/x-ndjson"
                                : "a JSON import must be an array of tasks"});
    return;
  }
  for (size_t i = 0; i < records.size(); ++i) AddRecord(out, max_errors, i, 0, records[i]);
}

void ParseJsonLines(std::string_view body, ParsedTasks& out, size_t max_errors) {
  size_t index = 0;
  uint64_t line = 0;
  while (!body.empty()) {
    ++line;
    const size_t end = body.find('\n');
    std::string_view text = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    json record = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
      Report(out, max_errors, {index++, line, "", "this line is not valid JSON"});
      continue;
    }
    AddRecord(out, max_errors, index++, line, record);
  }
}

void ParseCsv(std::string_view body, ParsedTasks& out, size_t max_errors) {
  CsvReader reader(MakeStringSource(std::string(body), "upload"));
  std::vector<std::string> header;
  size_t index = 0;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) {
      Report(out, max_errors, {index, 0, next.status().field(), next.status().message()});
      return;
    }
    if (!*next) break;
    const CsvRecord& row = reader.record();
    if (header.empty()) {
      for (size_t c = 0; c < row.size(); ++c) header.emplace_back(row[c]);
      continue;
    }
    if (row.size() != header.size()) {
      Report(out, max_errors,
             {index++, row.line(), "",
              "this row has " + std::to_string(row.size()) + " fields but the header has " +
                  std::to_string(header.size())});
      continue;
    }
    json record = {{"data", json::object()}};
    for (size_t c = 0; c < row.size(); ++c) {
      if (header[c] == "external_id") {
        if (!row[c].empty()) record["external_id"] = std::string(row[c]);
      } else if (header[c] == "priority") {
        if (row[c].empty()) continue;
        int64_t priority = 0;
        const auto [ptr, ec] =
            std::from_chars(row[c].data(), row[c].data() + row[c].size(), priority);
        if (ec != std::errc() || ptr != row[c].data() + row[c].size()) {
          record["priority"] = std::string(row[c]);  // Reported as not an integer.
        } else {
          record["priority"] = priority;
        }
      } else {
        record["data"][header[c]] = std::string(row[c]);
      }
    }
    AddRecord(out, max_errors, index++, row.line(), record);
  }
  if (header.empty())
    Report(out, max_errors, {0, 1, "", "the CSV file is empty; it needs a header row"});
}

}  // namespace

Result<ImportFormat> ImportFormatFromContentType(std::string_view content_type) {
  const std::string_view type = MediaType(content_type);
  if (type == "application/json") return ImportFormat::kJson;
  if (type == "application/x-ndjson" || type == "application/jsonl") return ImportFormat::kJsonl;
  if (type == "text/csv") return ImportFormat::kCsv;
  return Status(StatusCode::kInvalidArgument,
                "send the file with Content-Type application/json (an array), "
                "application/x-ndjson (JSONL) or text/csv",
                "Content-Type");
}

std::string ContentHash(std::string_view canonical_data) {
  [[maybe_unused]] static const int initialised = sodium_init();  // Idempotent, thread-safe.
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(canonical_data.data()),
                     canonical_data.size(), nullptr, 0);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

ParsedTasks ParseTaskRecords(std::string_view body, ImportFormat format, size_t max_errors) {
  ParsedTasks out;
  switch (format) {
    case ImportFormat::kJson: ParseJsonArray(body, out, max_errors); break;
    case ImportFormat::kJsonl: ParseJsonLines(body, out, max_errors); break;
    case ImportFormat::kCsv: ParseCsv(body, out, max_errors); break;
  }
  if (!out.errors.empty()) out.tasks.clear();
  return out;
}

Result<ImportSummary> ImportTasks(store::TaskStore& tasks, int64_t project_id,
                                  std::vector<domain::Task> parsed, size_t batch_size) {
  ImportSummary summary;
  summary.records = static_cast<int64_t>(parsed.size());
  for (size_t begin = 0; begin < parsed.size(); begin += batch_size) {
    const size_t end = std::min(parsed.size(), begin + batch_size);
    std::vector<domain::Task> batch(std::make_move_iterator(parsed.begin() + begin),
                                    std::make_move_iterator(parsed.begin() + end));
    auto report = tasks.InsertBatch(project_id, std::move(batch));
    if (!report.ok()) return report.status();
    summary.inserted += report->inserted;
    for (store::DuplicateTask duplicate : report->duplicates) {
      duplicate.index += begin;
      summary.duplicates.push_back(duplicate);
    }
  }
  return summary;
}

}  // namespace chorus::service
