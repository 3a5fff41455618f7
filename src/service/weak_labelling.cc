#include "service/weak_labelling.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "domain/prediction.h"
#include "quality/ingest/function_set_reader.h"
#include "quality/weak/weak_supervision.h"
#include "service/audit.h"
#include "service/human_reference.h"

namespace chorus::service {
namespace {

using nlohmann::json;

constexpr int64_t kTaskPage = 5000;

// The data field the functions read: the request's, else the control's first "to".
Result<std::string> TextField(const ProjectControl& context, const WeakLabelRequest& request) {
  if (!request.text_field.empty()) return request.text_field;
  const domain::Control& control = context.control();
  if (control.to.empty()) {
    return InvalidArgument("control \"" + control.name + "\" reads no data field: name one",
                           "text_field");
  }
  return control.to[0];
}

Status CheckRuleSet(const std::string& rule_set) {
  if (rule_set.empty() || rule_set.size() > domain::kMaxModelVersionBytes) {
    return InvalidArgument("name the rule set in 1 to 200 bytes", "rule_set");
  }
  return Status::Ok();
}

Result<quality::FunctionSet> StoredFunctions(store::Store& store, int64_t project_id) {
  auto stored = store.machine_labels().Functions(project_id);
  if (!stored.ok()) return stored.status();
  if (stored->document.empty()) {
    return InvalidArgument(
        "the project has no labelling functions: store them first (PUT "
        "/api/v1/projects/{project}/labelling-functions)",
        "functions");
  }
  return quality::ParseFunctionSet(stored->document);
}

std::string TextOf(const std::string& data, const std::string& field) {
  const json parsed = json::parse(data, nullptr, false);
  if (!parsed.is_object()) return {};
  const auto found = parsed.find(field);
  return found != parsed.end() && found->is_string() ? found->get<std::string>() : std::string();
}

json SummaryJson(const WeakLabelSummary& s, int64_t project_id) {
  json functions = json::array();
  for (const FunctionReport& f : s.functions) {
    functions.push_back({{"name", f.name},
                         {"label", f.label},
                         {"coverage", f.coverage},
                         {"overlap", f.overlap},
                         {"conflict", f.conflict},
                         {"judged", f.judged},
                         {"correct", f.correct},
                         {"accuracy", f.accuracy ? json(*f.accuracy) : json(nullptr)},
                         {"wilson_low", f.wilson95 ? json(f.wilson95->low) : json(nullptr)},
                         {"wilson_high", f.wilson95 ? json(f.wilson95->high) : json(nullptr)}});
  }
  return {{"project_id", project_id},
          {"rule_set", s.rule_set},
          {"control", s.control},
          {"text_field", s.text_field},
          {"tasks", s.tasks},
          {"covered", s.covered},
          {"labelled", s.labelled},
          {"labels", s.labels},
          {"class_balance", s.class_balance},
          {"iterations", s.iterations},
          {"converged", s.converged},
          {"functions", std::move(functions)},
          {"results_url", "/api/v1/projects/" + std::to_string(project_id) +
                              "/machine-labels?source=rule"}};
}

Result<WeakLabelSummary> RunWeakLabels(store::Store& store, const std::function<int64_t()>& now,
                                       int64_t project_id, const WeakLabelRequest& request,
                                       JobProgress* progress) {
  CHORUS_RETURN_IF_ERROR(CheckRuleSet(request.rule_set));
  auto context = LoadProjectControl(store, project_id);
  if (!context.ok()) return context.status();
  const domain::Control& control = context->control();
  auto field = TextField(*context, request);
  if (!field.ok()) return field.status();
  auto set = StoredFunctions(store, project_id);
  if (!set.ok()) return set.status();

  std::vector<int64_t> ids;
  std::vector<std::string> texts;
  store::PageRequest page{.after_id = 0, .limit = kTaskPage};
  while (true) {
    auto batch = store.tasks().List(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::Task& task : batch->items) {
      ids.push_back(task.id);
      texts.push_back(TextOf(task.data, *field));
    }
    if (progress != nullptr) {
      progress->SetDone(static_cast<int64_t>(ids.size()) / 2);
      CHORUS_RETURN_IF_ERROR(progress->CheckCancel());
    }
    if (batch->next_after_id == 0) break;
    page.after_id = batch->next_after_id;
  }
  auto votes = quality::ApplyFunctions(set->functions, texts, set->labels);
  if (!votes.ok()) return votes.status();
  auto human = LoadHumanReference(store, project_id, control, HumanEvidence::kUnanchored);
  if (!human.ok()) return human.status();
  std::vector<std::optional<size_t>> judged(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto found = human->answers.find(ids[i]);
    if (found == human->answers.end()) continue;
    for (size_t k = 0; k < set->labels.size(); ++k) {
      if (set->labels[k] == found->second) judged[i] = k;
    }
  }
  const std::vector<quality::FunctionSummary> stats = quality::SummariseFunctions(*votes, judged);
  auto fit = quality::FitLabelModel(*votes, set->labels.size());
  if (!fit.ok()) return fit.status();

  WeakLabelSummary summary;
  summary.rule_set = request.rule_set;
  summary.control = control.name;
  summary.text_field = *field;
  summary.tasks = static_cast<int64_t>(ids.size());
  summary.labels = set->labels;
  summary.class_balance = fit->class_balance;
  summary.iterations = fit->iterations;
  summary.converged = fit->converged;
  for (size_t f = 0; f < stats.size(); ++f) {
    const quality::FunctionSummary& s = stats[f];
    FunctionReport r;
    r.name = set->functions[f].spec().name;
    r.label = set->functions[f].spec().label;
    r.coverage = s.coverage;
    r.overlap = s.overlap;
    r.conflict = s.conflict;
    r.judged = static_cast<int64_t>(s.judged);
    r.correct = static_cast<int64_t>(s.correct);
    r.accuracy = s.accuracy.value;
    r.wilson95 = s.accuracy.ci95;
    summary.functions.push_back(std::move(r));
  }
  const int64_t at = now();
  std::vector<domain::MachineLabel> labels;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!fit->covered[i]) continue;
    size_t best = 0;
    for (size_t k = 1; k < set->labels.size(); ++k) {
      if (fit->probs.at(i, k) > fit->probs.at(i, best)) best = k;
    }
    domain::MachineLabel label;
    label.task_id = ids[i];
    label.source = domain::AnnotationSource::kRule;
    label.origin = request.rule_set;
    label.result = json{{control.name, {{"choices", {set->labels[best]}}}}}.dump();
    label.score = fit->probs.at(i, best);
    label.created_at = at;
    labels.push_back(std::move(label));
  }
  summary.covered = static_cast<int64_t>(labels.size());
  // The last point to stop: the labels are then appended in one transaction.
  if (progress != nullptr) CHORUS_RETURN_IF_ERROR(progress->CheckCancel());
  if (!labels.empty()) {
    CHORUS_RETURN_IF_ERROR(store.machine_labels().Append(project_id, labels, false));
  }
  summary.labelled = summary.covered;
  if (progress != nullptr) progress->SetDone(summary.tasks);
  return summary;
}

}  // namespace

WeakLabelling::WeakLabelling(store::Store& store, std::shared_ptr<JobRunner> runner,
                             std::function<int64_t()> now)
    : store_(store), runner_(std::move(runner)), now_(std::move(now)) {}

Result<std::pair<std::string, int64_t>> WeakLabelling::Functions(int64_t project_id) {
  auto stored = store_.machine_labels().Functions(project_id);
  if (!stored.ok()) return stored.status();
  return std::pair(stored->document, stored->updated_at);
}

Result<std::string> WeakLabelling::PutFunctions(const Principal& actor, int64_t project_id,
                                                const std::string& document) {
  auto context = LoadProjectControl(store_, project_id);
  if (!context.ok()) return context.status();
  const domain::Control& control = context->control();
  json parsed = json::parse(document, nullptr, false);
  if (!parsed.is_object()) {
    return InvalidArgument("send a JSON object with \"functions\" (and optionally \"labels\")",
                           "body");
  }
  if (!parsed.contains("labels")) parsed["labels"] = control.labels;
  if (parsed["labels"].is_array()) {
    for (const json& label : parsed["labels"]) {
      if (!label.is_string()) continue;  // The parser names it.
      const std::string name = label.get<std::string>();
      if (std::find(control.labels.begin(), control.labels.end(), name) == control.labels.end()) {
        return InvalidArgument("\"" + name + "\" is not an option of control \"" + control.name +
                                   "\"; use its options or leave labels out",
                               "labels");
      }
    }
  }
  const std::string text = parsed.dump();
  CHORUS_RETURN_IF_ERROR(quality::ParseFunctionSet(text).status());
  auto before = store_.machine_labels().Functions(project_id);
  if (!before.ok()) return before.status();
  const int64_t at = now_();
  CHORUS_RETURN_IF_ERROR(store_.machine_labels().PutFunctions(project_id, text, at));
  CHORUS_RETURN_IF_ERROR(RecordChange(
      store_.audit(), actor.user_id, "project.labelling_functions", "project", project_id,
      before->document.empty() ? "null" : before->document, text, at));
  return text;
}

Status WeakLabelling::DeleteFunctions(const Principal& actor, int64_t project_id) {
  auto before = store_.machine_labels().Functions(project_id);
  if (!before.ok()) return before.status();
  if (before->document.empty()) return Status::Ok();
  const int64_t at = now_();
  CHORUS_RETURN_IF_ERROR(store_.machine_labels().PutFunctions(project_id, "", at));
  return RecordChange(store_.audit(), actor.user_id, "project.labelling_functions", "project",
                      project_id, before->document, "null", at);
}

Result<WeakLabelSummary> WeakLabelling::Run(int64_t project_id, const WeakLabelRequest& request,
                                            JobProgress* progress) {
  return RunWeakLabels(store_, now_, project_id, request, progress);
}

Result<Job> WeakLabelling::Start(const Principal& actor, int64_t project_id,
                                 const WeakLabelRequest& request) {
  // Refused now, not as a failed job, when the caller can fix it.
  CHORUS_RETURN_IF_ERROR(CheckRuleSet(request.rule_set));
  auto context = LoadProjectControl(store_, project_id);
  if (!context.ok()) return context.status();
  CHORUS_RETURN_IF_ERROR(TextField(*context, request).status());
  CHORUS_RETURN_IF_ERROR(StoredFunctions(store_, project_id).status());
  auto tasks = store_.tasks().Count(project_id);
  if (!tasks.ok()) return tasks.status();
  Job job;
  job.kind = "weak_labels";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  job.total = *tasks;
  store::Store* store = &store_;
  return runner_->Start(job, [store, now = now_, project_id, request](JobProgress& progress,
                                                                      Job& result) {
    auto summary = RunWeakLabels(*store, now, project_id, request, &progress);
    if (!summary.ok()) return summary.status();
    result.manifest = SummaryJson(*summary, project_id).dump();
    return Status::Ok();
  });
}

}  // namespace chorus::service
