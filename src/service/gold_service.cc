#include "service/gold_service.h"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"
#include "quality/wilson_interval.h"
#include "service/audit.h"
#include "service/gold_comparison.h"
#include "service/result_check.h"

namespace chorus::service {
namespace {

using nlohmann::json;

// Per (control, reference option): answers and correct ones, for single-option references.
using LabelTally = std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>>;

void CountLabels(const domain::LabelInterface& interface, const json& reference,
                 const GoldComparison& comparison, LabelTally& tally) {
  for (const ControlComparison& c : comparison.controls) {
    const domain::Control* control = domain::FindControl(interface, c.control);
    if (control == nullptr || control->type != domain::ControlType::kChoices) continue;
    std::vector<std::string> options = domain::SelectedChoices(reference, *control);
    // A reference that says "ambiguous" is tallied as that category.
    if (domain::IsAmbiguousAnswer(reference, *control)) options = {domain::kAmbiguousCategory};
    if (options.size() != 1) continue;
    auto& [answers, correct] = tally[{c.control, options[0]}];
    ++answers;
    if (c.passed) ++correct;
  }
}

}  // namespace

GoldService::GoldService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

store::UpdateResult<domain::GoldItem> GoldService::Put(const Principal& actor, int64_t task_id,
                                                       GoldInput input) {
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(task->project_id);
  if (!project.ok()) return project.status();
  if (Status valid = CheckResult(*project, *task, input.reference); !valid.ok()) {
    // The checker names result.CONTROL...; here the same answer is the reference.
    std::string field = valid.field();
    if (field.rfind("result", 0) == 0) field = "reference" + field.substr(6);
    return Status(valid.code(), valid.message(), field);
  }
  std::string before = "null";
  if (input.version != 0) {
    auto stored = store_.gold().Get(task_id);
    if (stored.ok()) before = domain::ToJson(*stored).dump();
  }
  domain::GoldItem item;
  item.task_id = task_id;
  item.reference = std::move(input.reference);
  item.rationale = std::move(input.rationale);
  item.created_by = actor.user_id;
  item.created_at = item.updated_at = now_();
  item.version = input.version;
  auto put = store_.gold().Put(std::move(item));
  if (!put.ok()) return put;
  const Status logged = RecordChange(store_.audit(), actor.user_id,
                                     input.version == 0 ? "gold.create" : "gold.update", "task",
                                     task_id, before, domain::ToJson(*put).dump(), put->updated_at);
  if (!logged.ok()) return logged;
  return put;
}

Result<domain::GoldItem> GoldService::Get(int64_t task_id) { return store_.gold().Get(task_id); }

Status GoldService::Remove(const Principal& actor, int64_t task_id) {
  auto stored = store_.gold().Get(task_id);
  if (!stored.ok()) return stored.status();
  CHORUS_RETURN_IF_ERROR(store_.gold().Remove(task_id));
  return RecordChange(store_.audit(), actor.user_id, "gold.remove", "task", task_id,
                      domain::ToJson(*stored).dump(), "null", now_());
}

Result<store::Page<GoldListing>> GoldService::List(int64_t project_id,
                                                   const store::PageRequest& page) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  auto items = store_.gold().List(project_id, page);
  if (!items.ok()) return items.status();
  store::Page<GoldListing> out;
  out.next_after_id = items->next_after_id;
  for (domain::GoldItem& item : items->items) {
    auto task = store_.tasks().Get(item.task_id);
    if (!task.ok()) return task.status();
    out.items.push_back({std::move(item), std::move(task).value()});
  }
  return out;
}

Result<GoldReport> GoldService::Report(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto interface = domain::ParseLabelInterface(project->label_interface);
  if (!interface.ok()) return interface.status();
  auto answers = store_.gold().Answers(project_id, std::nullopt);
  if (!answers.ok()) return answers.status();
  GoldReport report;
  report.policy = project->gold;
  // The tally of any annotator counts the project's gold items.
  auto tally = store_.gold().Tally(project_id, 0);
  if (!tally.ok()) return tally.status();
  report.gold_items = tally->gold_items;

  // Answers come in annotator order: one report per run of the same annotator.
  const std::span<const store::GoldAnswer> all(*answers);
  for (size_t i = 0; i < all.size();) {
    size_t end = i;
    while (end < all.size() && all[end].annotator_id == all[i].annotator_id) ++end;
    LabelTally labels;
    const GoldScoring scoring =
        ScoreGoldAnswers(*interface, all.subspan(i, end - i), project->gold,
                         [&](const json& reference, const GoldComparison& c) {
                           CountLabels(*interface, reference, c, labels);
                         });
    AnnotatorGoldReport entry;
    entry.annotator_id = all[i].annotator_id;
    entry.standing = scoring.standing;
    entry.mean_score = scoring.mean_score;
    for (const auto& [key, counts] : labels) {
      entry.labels.push_back(
          {key.first, key.second, counts.first, counts.second,
           quality::WilsonInterval(uint64_t(counts.second), uint64_t(counts.first))});
    }
    report.annotators.push_back(std::move(entry));
    i = end;
  }
  return report;
}

}  // namespace chorus::service
