#include "domain/ls_task.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "domain/annotation_result.h"
#include "domain/ls_result.h"
#include "domain/prediction.h"
#include "domain/task.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

// Whether object[key] is true; null or absent flags (older exports) read as false.
bool IsTrue(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

// Who made a Label Studio annotation: the email when the export has it, else the user id.
std::string LsAuthor(const json& annotation) {
  const auto who = annotation.find("completed_by");
  if (who == annotation.end()) return "unknown";
  if (who->is_object()) {
    if (who->contains("email") && (*who)["email"].is_string()) return (*who)["email"];
    if (who->contains("id")) return (*who)["id"].dump();
  }
  if (who->is_string()) return who->get<std::string>();
  return who->is_number_integer() ? who->dump() : "unknown";
}

// A Label Studio result as a valid Chorus result, or the error under `at`.
Result<json> LsResult(const LabelInterface& li, const json& holder, const json& data,
                      const std::string& at) {
  const auto regions = holder.find("result");
  if (regions == holder.end())
    return InvalidArgument("needs result: a list of regions", at + "result");
  auto result = FromLabelStudioResult(li, *regions, data);
  if (!result.ok()) return InvalidArgument(result.status().message(), at + result.status().field());
  const Status valid = ValidateResult(li, *result, data);
  if (!valid.ok()) return InvalidArgument(valid.message(), at + valid.field());
  return result;
}

// One task's record (appended to out.records) or its first error.
Status LsTask(const LabelInterface& li, const json& task, const std::string& at,
              LabelStudioTasks& out) {
  if (!task.is_object()) return InvalidArgument("must be a Label Studio task object", at);
  const auto data = task.find("data");
  if (data == task.end() || !data->is_object()) {
    return InvalidArgument("needs data: an object with the task's fields", at + ".data");
  }
  json record = {{"data", *data}, {"predictions", json::array()}};
  std::string external_id;
  if (const auto id = task.find("id");
      id != task.end() && (id->is_number_integer() || id->is_string())) {
    external_id = id->is_string() ? id->get<std::string>() : id->dump();
    record["external_id"] = external_id;
  }
  // The task importer's own checks, here, so that a task it would refuse fails the conversion
  // before anything (the project's interface included) changes.
  Task as_task;
  if (record.contains("external_id")) as_task.external_id = external_id;
  as_task.data = data->dump();
  if (const Status valid = ValidateTask(as_task); !valid.ok()) {
    return InvalidArgument(valid.message(),
                           at + (valid.field() == "external_id" ? ".id" : ".data"));
  }
  std::set<std::string> versions;  // Unique per task: a second annotation by one user gets ":2".
  const auto add_prediction = [&](std::string version, const json& score, json result,
                                  const std::string& where) -> Status {
    const std::string base = version;
    for (int n = 2; !versions.insert(version).second; ++n) version = base + ":" + std::to_string(n);
    if (version.size() > kMaxModelVersionBytes) {
      return InvalidArgument("names a model or author too long for a prediction's name (" +
                                 std::to_string(kMaxModelVersionBytes) +
                                 " bytes with its prefix); shorten it in the export",
                             where);
    }
    json prediction = {{"model_version", version}, {"result", std::move(result)}};
    if (score.is_number()) prediction["score"] = score;
    record["predictions"].push_back(std::move(prediction));
    return Status::Ok();
  };
  const auto list = [&](const char* key) -> Result<json> {
    const json value = task.value(key, json::array());
    if (value.is_null()) return json::array();
    if (!value.is_array()) return InvalidArgument("must be a list", at + "." + key);
    return value;
  };
  std::vector<LabelStudioGold> gold;
  auto annotations_or = list("annotations");
  if (!annotations_or.ok()) return annotations_or.status();
  const json& annotations = *annotations_or;
  for (size_t j = 0; j < annotations.size(); ++j) {
    const std::string where = at + ".annotations[" + std::to_string(j) + "]";
    const json& annotation = annotations[j];
    if (!annotation.is_object()) return InvalidArgument("must be an object", where);
    if (IsTrue(annotation, "was_cancelled")) {
      out.skipped.push_back(where + ": cancelled in Label Studio");
      continue;
    }
    auto result = LsResult(li, annotation, *data, where + ".");
    if (!result.ok()) return result.status();
    const std::string who = LsAuthor(annotation);
    if (IsTrue(annotation, "ground_truth")) {
      if (external_id.empty())
        return InvalidArgument("a ground truth task needs its id", at + ".id");
      if (!gold.empty()) {
        return InvalidArgument("is a second ground truth for this task; keep one",
                               where + ".ground_truth");
      }
      gold.push_back({external_id, *result, "Label Studio ground truth by " + who});
      continue;
    }
    CHORUS_RETURN_IF_ERROR(add_prediction(kLabelStudioModelPrefix + who, json(),
                                          *std::move(result), where + ".completed_by"));
  }
  auto predictions_or = list("predictions");
  if (!predictions_or.ok()) return predictions_or.status();
  const json& predictions = *predictions_or;
  for (size_t j = 0; j < predictions.size(); ++j) {
    const std::string where = at + ".predictions[" + std::to_string(j) + "]";
    if (!predictions[j].is_object()) return InvalidArgument("must be an object", where);
    auto result = LsResult(li, predictions[j], *data, where + ".");
    if (!result.ok()) return result.status();
    const json version = predictions[j].value("model_version", json(""));
    const std::string name = version.is_string() ? version.get<std::string>() : version.dump();
    CHORUS_RETURN_IF_ERROR(add_prediction(name.empty() ? "label_studio" : name,
                                          predictions[j].value("score", json()),
                                          *std::move(result), where + ".model_version"));
  }
  out.records.push_back(std::move(record));
  for (LabelStudioGold& g : gold) out.gold.push_back(std::move(g));
  return Status::Ok();
}

}  // namespace

LabelStudioTasks FromLabelStudioExport(const LabelInterface& label_interface, const json& tasks,
                                       size_t max_errors) {
  LabelStudioTasks out;
  if (!tasks.is_array()) {
    out.errors.push_back(InvalidArgument("must be the JSON array Label Studio exports", "tasks"));
    return out;
  }
  std::map<std::string, size_t> first_with_id;  // One task per id: its labels go to that task.
  for (size_t i = 0; i < tasks.size(); ++i) {
    const std::string at = "tasks[" + std::to_string(i) + "]";
    const size_t records = out.records.size();
    const size_t gold = out.gold.size();
    Status status = LsTask(label_interface, tasks[i], at, out);
    if (status.ok() && out.records.size() > records &&
        out.records.back().contains("external_id")) {
      const std::string id = out.records.back()["external_id"];
      const auto [first, fresh] = first_with_id.emplace(id, i);
      if (!fresh) {
        status = InvalidArgument("repeats the id of tasks[" + std::to_string(first->second) +
                                     "]; give each task its own id",
                                 at + ".id");
        while (out.records.size() > records) out.records.erase(out.records.size() - 1);
        out.gold.resize(gold);
      }
    }
    if (status.ok() || out.errors.size() >= max_errors) continue;
    // Name the task by its Label Studio id too: that is what a user searches for there.
    const json id = tasks[i].is_object() ? tasks[i].value("id", json()) : json();
    if (id.is_number_integer() || id.is_string()) {
      const std::string shown = id.is_string() ? id.get<std::string>() : id.dump();
      out.errors.push_back(
          Status(status.code(), "task " + shown + ": " + status.message(), status.field()));
    } else {
      out.errors.push_back(status);
    }
  }
  return out;
}

namespace {

// Whether Label Studio wrote `text` as a JSON number (ids of tasks and users).
bool IsLabelStudioNumber(const std::string& text) {
  // "007" stays a string: as a number it would come back as "7", another task.
  return !text.empty() && text.size() < 18 && (text == "0" || text[0] != '0') &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Label Studio names users by numeric id, or by an object with their email.
json LabelStudioUser(const std::string& who) {
  return IsLabelStudioNumber(who) ? json(std::stoll(who)) : json{{"email", who}};
}

}  // namespace

json ToLabelStudioTask(const LabelInterface& label_interface,
                       const std::map<std::string, std::string>& object_names,
                       const std::string& external_id, const json& data,
                       const std::vector<LabelStudioAnnotationOut>& annotations,
                       const std::vector<LabelStudioPredictionOut>& predictions,
                       std::vector<std::string>* skipped) {
  json task = {{"data", data}, {"annotations", json::array()}, {"predictions", json::array()}};
  if (!external_id.empty())
    task["id"] = IsLabelStudioNumber(external_id) ? json(std::stoll(external_id)) : json(external_id);
  const auto regions = [&](const json& result) {
    LabelStudioRegions converted = ToLabelStudioResult(label_interface, object_names, result, data);
    for (std::string& s : converted.skipped) skipped->push_back("task " + external_id + ": " + s);
    return std::move(converted.regions);
  };
  for (const LabelStudioAnnotationOut& a : annotations) {
    task["annotations"].push_back({{"completed_by", LabelStudioUser(a.completed_by)},
                                   {"ground_truth", a.ground_truth},
                                   {"was_cancelled", false},
                                   {"result", regions(a.result)}});
  }
  for (const LabelStudioPredictionOut& p : predictions) {
    json prediction = {{"model_version", p.model_version}, {"result", regions(p.result)}};
    if (p.score) prediction["score"] = *p.score;
    task["predictions"].push_back(std::move(prediction));
  }
  return task;
}

}  // namespace chorus::domain
