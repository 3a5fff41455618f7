#include "service/adjudication_service.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"
#include "service/audit.h"
#include "service/permissions.h"
#include "service/result_check.h"

namespace chorus::service {
namespace {

Status ConflictOfInterest(int64_t task_id) {
  return Status(StatusCode::kPermissionDenied,
                "you labelled task " + std::to_string(task_id) +
                    " yourself, so someone else must adjudicate it (conflict of interest)",
                "task_id");
}

// Per single choice control, how often each option was chosen among `labels`.
std::vector<ChoiceDistribution> Distribution(const domain::LabelInterface& interface,
                                             const std::vector<AnonymousLabel>& labels) {
  std::vector<ChoiceDistribution> out;
  for (const domain::Control& control : interface.controls) {
    if (control.type != domain::ControlType::kChoices || control.multiple) continue;
    ChoiceDistribution d;
    d.control = control.name;
    for (const std::string& option : control.labels) d.options.emplace_back(option, 0);
    for (const AnonymousLabel& label : labels) {
      const auto result = nlohmann::json::parse(label.result, nullptr, false);
      const std::vector<std::string> chosen = result.is_object()
                                                  ? domain::SelectedChoices(result, control)
                                                  : std::vector<std::string>{};
      if (domain::IsAmbiguousAnswer(result, control)) {
        ++d.ambiguous;
      } else if (chosen.empty()) {
        ++d.unanswered;
      }
      for (const std::string& option : chosen) {
        for (auto& [name, count] : d.options) {
          if (name == option) ++count;
        }
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

AdjudicationService::AdjudicationService(store::Store& store, std::function<int64_t()> now)
    : store_(store), access_(store), now_(std::move(now)) {}

Status AdjudicationService::CheckAdjudicator(const Principal& actor) const {
  if (!Allows(actor.role, Action::kAdjudicate)) {
    return Status(StatusCode::kPermissionDenied,
                  "your role may not adjudicate; ask a manager for the reviewer role", "role");
  }
  if (actor.role == domain::Role::kAnnotator &&
      !domain::TierAdmits(domain::Tier::kExpert, actor.tier)) {
    return Status(StatusCode::kPermissionDenied,
                  "an expert must adjudicate: annotators of tier expert or gold_maker may, yours "
                  "is " +
                      std::string(domain::TierName(actor.tier)) +
                      "; ask an administrator to change your tier",
                  "tier");
  }
  return Status::Ok();
}

Result<bool> AdjudicationService::Labelled(const Principal& actor, int64_t task_id) {
  auto own = store_.annotations().FindOwn(task_id, actor.user_id);
  if (!own.ok()) return own.status();
  return own->has_value() && (*own)->state == domain::AnnotationState::kSubmitted;
}

Result<AdjudicationQueue> AdjudicationService::Queue(const Principal& actor, int64_t project_id,
                                                     store::AdjudicationFilter filter,
                                                     const store::PageRequest& page) {
  CHORUS_RETURN_IF_ERROR(CheckAdjudicator(actor));
  CHORUS_RETURN_IF_ERROR(access_.CheckProject(actor, project_id));
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  auto items = store_.adjudications().List(project_id, filter, page);
  if (!items.ok()) return items.status();
  auto open = store_.adjudications().CountOpen(project_id);
  if (!open.ok()) return open.status();
  AdjudicationQueue queue;
  queue.open = *open;
  queue.page.next_after_id = items->next_after_id;
  for (domain::Adjudication& item : items->items) {
    auto task = store_.tasks().Get(item.task_id);
    if (!task.ok()) return task.status();
    auto labelled = Labelled(actor, item.task_id);
    if (!labelled.ok()) return labelled.status();
    queue.page.items.push_back({std::move(item), std::move(task).value(), *labelled});
  }
  return queue;
}

Result<AdjudicationItem> AdjudicationService::Item(const Principal& actor, int64_t task_id) {
  CHORUS_RETURN_IF_ERROR(CheckAdjudicator(actor));
  CHORUS_RETURN_IF_ERROR(access_.CheckTask(actor, task_id));
  auto adjudication = store_.adjudications().Get(task_id);
  if (!adjudication.ok()) return adjudication.status();
  auto labelled = Labelled(actor, task_id);
  if (!labelled.ok()) return labelled.status();
  // Annotators are blind: one who labelled the task never sees the others' labels.
  if (*labelled && !Allows(actor.role, Action::kReadAnnotations)) {
    return ConflictOfInterest(task_id);
  }
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(task->project_id);
  if (!project.ok()) return project.status();
  auto interface = domain::ParseLabelInterface(project->label_interface);
  if (!interface.ok()) return interface.status();
  auto annotations = store_.annotations().ListByTask(task_id);
  if (!annotations.ok()) return annotations.status();

  AdjudicationItem item;
  item.adjudication = std::move(adjudication).value();
  item.task = std::move(task).value();
  item.may_decide = !item.adjudication.decided() && !*labelled;
  for (domain::Annotation& a : *annotations) {  // In id order, so the numbering is stable.
    if (a.state != domain::AnnotationState::kSubmitted) continue;
    item.labels.push_back(
        {"Annotator " + std::to_string(item.labels.size() + 1), std::move(a.result)});
  }
  item.distribution = Distribution(*interface, item.labels);
  return item;
}

Result<domain::Adjudication> AdjudicationService::Decide(const Principal& actor, int64_t task_id,
                                                         std::string result,
                                                         std::string rationale) {
  CHORUS_RETURN_IF_ERROR(CheckAdjudicator(actor));
  CHORUS_RETURN_IF_ERROR(access_.CheckTask(actor, task_id));
  auto current = store_.adjudications().Get(task_id);
  if (!current.ok()) return current.status();
  if (current->decided()) {
    return Status(StatusCode::kConflict,
                  "task " + std::to_string(task_id) +
                      " was decided already; the first decision stands (read it with GET)",
                  "task_id");
  }
  auto labelled = Labelled(actor, task_id);
  if (!labelled.ok()) return labelled.status();
  if (*labelled) return ConflictOfInterest(task_id);
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(task->project_id);
  if (!project.ok()) return project.status();
  CHORUS_RETURN_IF_ERROR(domain::ValidateDecision(result, rationale));
  CHORUS_RETURN_IF_ERROR(CheckResult(*project, *task, result));
  auto decided = store_.adjudications().Decide(task_id, actor.user_id, std::move(result),
                                               std::move(rationale), now_());
  if (!decided.ok()) return decided.status();
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "adjudication.decide", "task",
                                      task_id, domain::ToJson(*current).dump(),
                                      domain::ToJson(*decided).dump(), *decided->decided_at));
  return decided;
}

}  // namespace chorus::service
