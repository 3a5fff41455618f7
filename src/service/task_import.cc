#include "service/task_import.h"

#include <sodium.h>

#include <cctype>
#include <charconv>
#include <future>
#include <istream>
#include <nlohmann/json.hpp>
#include <streambuf>
#include <utility>
#include <vector>

#include "core/csv_reader.h"
#include "domain/json_fields.h"

namespace chorus::service {
namespace {

using nlohmann::json;

std::string_view MediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type;
}

// The envelope's "predictions": an array of {model_version, score?, result}.
Status PredictionsFromRecord(const json& value, std::vector<domain::Prediction>* out) {
  if (!value.is_array()) {
    return InvalidArgument(
        "predictions must be an array of {model_version, score, result} objects", "predictions");
  }
  for (size_t i = 0; i < value.size(); ++i) {
    auto prediction = domain::PredictionFromJson(value[i]);
    const std::string prefix = "predictions[" + std::to_string(i) + "]";
    if (!prediction.ok()) {
      return domain::UnderField(prediction.status(),
                        prediction.status().field().empty() ? prefix : prefix + ".");
    }
    out->push_back(std::move(prediction).value());
  }
  return Status::Ok();
}

// A task from one record (an envelope or bare data), and its predictions into *predictions;
// the error names the field.
Result<domain::Task> TaskFromRecord(const json& record,
                                    std::vector<domain::Prediction>* predictions) {
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
      } else if (key == "sensitive") {
        if (!value.is_boolean()) {
          return InvalidArgument(
              "sensitive must be true or false (true: disturbing content, wellbeing caps apply)",
              "sensitive");
        }
        task.sensitive = value.get<bool>();
      } else if (key == "predictions") {
        CHORUS_RETURN_IF_ERROR(PredictionsFromRecord(value, predictions));
      } else {
        return InvalidArgument("unknown task field \"" + key +
                                   "\"; a task has data, external_id, priority, sensitive and "
                                   "predictions (put other values inside data)",
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

using Visit = std::function<bool(TaskRecord&)>;

// Hands one record to `visit`; false when the visitor wants no more.
bool Emit(const Visit& visit, size_t index, uint64_t line, Result<domain::Task> task,
          std::vector<domain::Prediction> predictions = {}) {
  TaskRecord record{index, line, std::move(task), std::move(predictions)};
  return visit(record);
}

// Emits the record parsed from `value` with its predictions.
bool EmitRecord(const Visit& visit, size_t index, uint64_t line, const json& value) {
  std::vector<domain::Prediction> predictions;
  Result<domain::Task> task = TaskFromRecord(value, &predictions);
  if (!task.ok()) predictions.clear();
  return Emit(visit, index, line, std::move(task), std::move(predictions));
}

Status FileFault(std::string message) { return InvalidArgument(std::move(message), ""); }

// Lets nlohmann's parser read a ByteSource as a stream, 64 KiB at a time.
class SourceBuffer : public std::streambuf {
 public:
  explicit SourceBuffer(ByteSource& source) : source_(source), chunk_(1 << 16) {}
  const Status& status() const { return status_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    Result<size_t> n = source_.Read(chunk_.data(), chunk_.size());
    if (!n.ok()) status_ = n.status();
    if (!n.ok() || *n == 0) return traits_type::eof();
    setg(chunk_.data(), chunk_.data(), chunk_.data() + *n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  ByteSource& source_;
  std::vector<char> chunk_;
  Status status_;
};

struct StopParsing {};  // Thrown from the parser's callback to end a parse early.

// Streams the array's elements: each is handed on, then discarded from the parse.
void ParseJsonArray(ByteSource& source, const Visit& visit) {
  SourceBuffer buffer(source);
  std::istream in(&buffer);
  size_t index = 0;
  bool started = false;
  const auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    if (!started) {
      started = true;
      if (depth != 0 || event != json::parse_event_t::array_start) {
        Emit(visit, 0, 1, FileFault("a JSON import must be an array of tasks"));
        throw StopParsing{};
      }
      return true;
    }
    const bool element_done = depth == 1 && (event == json::parse_event_t::object_end ||
                                             event == json::parse_event_t::array_end ||
                                             event == json::parse_event_t::value);
    if (!element_done) return true;
    if (!EmitRecord(visit, index++, 0, parsed)) throw StopParsing{};
    return false;  // Not kept: the parse never holds more than one element.
  };
  try {
    [[maybe_unused]] const json rest = json::parse(in, callback);  // Empty: all discarded.
  } catch (const StopParsing&) {
  } catch (const json::parse_error& e) {
    if (!buffer.status().ok()) {
      Emit(visit, index, 0, buffer.status());
    } else {
      Emit(visit, index, 0,
           FileFault("the file is not valid JSON at byte " + std::to_string(e.byte) +
                     (index > 0 ? " (after record " + std::to_string(index - 1) + ")" : "") +
                     "; check it with a JSON validator, or send JSONL as application/x-ndjson"));
    }
  }
}

constexpr size_t kMaxLineBytes = 16 << 20;  // One JSONL record; larger content belongs in media.

// Streams lines; the buffer holds one chunk plus the line that spans chunks.
void ParseJsonLines(ByteSource& source, const Visit& visit) {
  std::string pending;
  std::vector<char> chunk(1 << 16);
  size_t index = 0;
  uint64_t line = 0;
  // One line without its newline; false: stop.
  const auto handle = [&](std::string_view text) {
    ++line;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) return true;
    json record = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
      return Emit(visit, index++, line, FileFault("this line is not valid JSON"));
    }
    return EmitRecord(visit, index++, line, record);
  };
  bool more = true;
  while (more) {
    Result<size_t> n = source.Read(chunk.data(), chunk.size());
    if (!n.ok()) {
      Emit(visit, index, line + 1, n.status());
      return;
    }
    more = *n > 0;
    pending.append(chunk.data(), *n);
    size_t begin = 0;
    for (size_t end; (end = pending.find('\n', begin)) != std::string::npos; begin = end + 1) {
      if (!handle(std::string_view(pending).substr(begin, end - begin))) return;
    }
    pending.erase(0, begin);
    if (pending.size() > kMaxLineBytes) {
      Emit(visit, index, line + 1,
           FileFault("this line is longer than 16 MiB; put large content in media files and "
                     "refer to it by URL"));
      return;
    }
  }
  if (!pending.empty()) handle(pending);
}

void ParseCsv(std::unique_ptr<ByteSource> source, const Visit& visit) {
  CsvReader reader(std::move(source));
  std::vector<std::string> header;
  size_t index = 0;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) {
      Emit(visit, index, 0, next.status());
      return;
    }
    if (!*next) break;
    const CsvRecord& row = reader.record();
    if (header.empty()) {
      for (size_t c = 0; c < row.size(); ++c) header.emplace_back(row[c]);
      continue;
    }
    if (row.size() != header.size()) {
      if (!Emit(visit, index++, row.line(),
                FileFault("this row has " + std::to_string(row.size()) +
                          " fields but the header has " + std::to_string(header.size())))) {
        return;
      }
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
      } else if (header[c] == "sensitive") {
        // true/false or 1/0; anything else is passed on as text and reported.
        const std::string_view v = row[c];
        if (v.empty()) continue;
        if (v == "true" || v == "1") {
          record["sensitive"] = true;
        } else if (v == "false" || v == "0") {
          record["sensitive"] = false;
        } else {
          record["sensitive"] = std::string(v);
        }
      } else {
        record["data"][header[c]] = std::string(row[c]);
      }
    }
    if (!EmitRecord(visit, index++, row.line(), record)) return;
  }
  if (header.empty()) Emit(visit, 0, 1, FileFault("the CSV file is empty; it needs a header row"));
}

// Keeps the first `max` errors and notes that there were more.
void Keep(std::vector<RecordError>& errors, bool& more, size_t max, const TaskRecord& record,
          const Status& status) {
  if (errors.size() >= max) {
    more = true;
    return;
  }
  errors.push_back({record.index, record.line, status.field(), status.message()});
}
void Keep(std::vector<RecordError>& errors, bool& more, size_t max, const TaskRecord& record) {
  Keep(errors, more, max, record, record.task.status());
}

// Whether a valid record's predictions may be imported: ok, or the first one at fault.
Status CheckRecordPredictions(const TaskRecord& record, const ImportOptions& options) {
  if (record.predictions.empty()) return Status::Ok();
  if (!options.check_prediction || !options.store_predictions) {
    return InvalidArgument("this import does not take predictions; import them separately",
                           "predictions");
  }
  for (size_t i = 0; i < record.predictions.size(); ++i) {
    const Status checked = options.check_prediction(*record.task, record.predictions[i]);
    if (!checked.ok()) {
      const std::string at = "predictions[" + std::to_string(i) + "]";
      return domain::UnderField(checked, checked.field().empty() ? at : at + ".");
    }
  }
  return Status::Ok();
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

Result<ImportFormat> ImportFormatFromName(std::string_view name, std::string_view path) {
  std::string wanted(name);
  if (wanted.empty()) {
    const size_t dot = path.rfind('.');
    const size_t slash = path.rfind('/');
    if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
      wanted = path.substr(dot + 1);
      for (char& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (wanted == "ndjson") wanted = "jsonl";
    }
  }
  if (wanted == "json") return ImportFormat::kJson;
  if (wanted == "jsonl") return ImportFormat::kJsonl;
  if (wanted == "csv") return ImportFormat::kCsv;
  return InvalidArgument(name.empty() ? "the file name does not say its format: give \"format\" "
                                        "as json (an array), jsonl or csv"
                                      : "format must be json (an array), jsonl or csv",
                         "format");
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

void ForEachTaskRecord(std::unique_ptr<ByteSource> source, ImportFormat format,
                       const std::function<bool(TaskRecord&)>& visit) {
  switch (format) {
    case ImportFormat::kJson: ParseJsonArray(*source, visit); break;
    case ImportFormat::kJsonl: ParseJsonLines(*source, visit); break;
    case ImportFormat::kCsv: ParseCsv(std::move(source), visit); break;
  }
}

ParsedTasks ParseTaskRecords(std::string_view body, ImportFormat format, size_t max_errors) {
  ParsedTasks out;
  ForEachTaskRecord(MakeStringSource(std::string(body), "upload"), format, [&](TaskRecord& r) {
    if (!r.task.ok()) {
      Keep(out.errors, out.more_errors, max_errors, r);
    } else if (out.errors.empty()) {
      out.tasks.push_back(std::move(*r.task));
    }
    return true;
  });
  if (!out.errors.empty()) out.tasks.clear();
  return out;
}

Result<ImportSummary> ImportTasks(store::TaskStore& tasks, int64_t project_id,
                                  const SourceOpener& open, ImportFormat format,
                                  const ImportOptions& options) {
  ImportSummary summary;
  auto checked = open();
  if (!checked.ok()) return checked.status();
  Status stopped;  // A stop asked for by progress during the first pass.
  ForEachTaskRecord(std::move(*checked), format, [&](TaskRecord& r) {
    ++summary.records;
    if (!r.task.ok()) {
      Keep(summary.errors, summary.more_errors, options.max_errors, r);
    } else if (const Status p = CheckRecordPredictions(r, options); !p.ok()) {
      Keep(summary.errors, summary.more_errors, options.max_errors, r, p);
    }
    if (options.progress && summary.records % static_cast<int64_t>(options.batch_size) == 0) {
      stopped = options.progress(0, 0);  // Still counting: the total is not known yet.
    }
    return stopped.ok();
  });
  CHORUS_RETURN_IF_ERROR(stopped);
  if (!summary.errors.empty()) return summary;

  auto stored = open();
  if (!stored.ok()) return stored.status();
  // Batch k is stored (on the store's writer) while batch k + 1 is parsed here.
  std::vector<domain::Task> batch;
  // Per record of the batch, its predictions; stored once the batch's task ids are known.
  std::vector<std::vector<domain::Prediction>> batch_predictions, storing_predictions;
  std::future<Result<store::InsertTasksReport>> storing;
  int64_t done = 0;
  Status failed;
  if (options.progress) {
    CHORUS_RETURN_IF_ERROR(options.progress(0, summary.records));  // Checked: the total is known.
  }
  const auto collect = [&]() -> Status {
    if (!storing.valid()) return Status::Ok();
    auto report = storing.get();
    if (!report.ok()) return report.status();
    std::vector<domain::Prediction> predictions;
    for (size_t i = 0; i < storing_predictions.size() && i < report->task_ids.size(); ++i) {
      for (domain::Prediction& p : storing_predictions[i]) {
        p.task_id = report->task_ids[i];
        p.created_at = options.created_at;
        predictions.push_back(std::move(p));
      }
    }
    storing_predictions.clear();
    if (!predictions.empty()) {
      CHORUS_RETURN_IF_ERROR(options.store_predictions(std::move(predictions)));
    }
    summary.inserted += report->inserted;
    summary.duplicate_count += static_cast<int64_t>(report->duplicates.size());
    for (store::DuplicateTask duplicate : report->duplicates) {
      if (summary.duplicates.size() >= options.max_listed_duplicates) break;
      duplicate.index += static_cast<size_t>(done);
      summary.duplicates.push_back(duplicate);
    }
    done += static_cast<int64_t>(report->task_ids.size());
    if (options.progress) CHORUS_RETURN_IF_ERROR(options.progress(done, summary.records));
    return Status::Ok();
  };
  const auto flush = [&]() -> Status {
    CHORUS_RETURN_IF_ERROR(collect());
    storing =
        std::async(std::launch::async, [&tasks, project_id, full = std::move(batch)]() mutable {
          return tasks.InsertBatch(project_id, std::move(full));
        });
    batch.clear();
    storing_predictions = std::move(batch_predictions);
    batch_predictions.clear();
    return Status::Ok();
  };
  ForEachTaskRecord(std::move(*stored), format, [&](TaskRecord& r) {
    if (!r.task.ok()) {
      failed = Status(StatusCode::kFailedPrecondition,
                      "the file changed while it was imported (record " + std::to_string(r.index) +
                          "); upload it again");
      return false;
    }
    r.task->created_at = options.created_at;
    batch.push_back(std::move(*r.task));
    batch_predictions.push_back(std::move(r.predictions));
    if (batch.size() >= options.batch_size) failed = flush();
    return failed.ok();
  });
  if (failed.ok() && !batch.empty()) failed = flush();
  const Status last = collect();  // Always waited for: the batch refers to `tasks`.
  if (!failed.ok()) return failed;
  if (!last.ok()) return last;
  if (done != summary.records) {
    return Status(StatusCode::kFailedPrecondition,
                  "the file changed while it was imported; upload it again");
  }
  return summary;
}

}  // namespace chorus::service
