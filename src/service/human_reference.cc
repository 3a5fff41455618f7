#include "service/human_reference.h"

#include <utility>
#include <vector>

#include "service/aggregation_service.h"
#include "service/project_interface.h"

namespace chorus::service {
namespace {

constexpr int64_t kReferencePage = 5000;

bool Counts(const domain::Annotation& a, HumanEvidence evidence) {
  if (a.source != domain::AnnotationSource::kHuman || a.draft_shown) return false;
  return evidence == HumanEvidence::kUnanchored || a.blind;
}

}  // namespace

Result<ProjectControl> LoadProjectControl(store::Store& store, int64_t project_id) {
  auto project = store.projects().Get(project_id);
  if (!project.ok()) return project.status();
  ProjectControl out;
  out.project = std::move(project).value();
  auto parsed = ProjectLabelInterface(out.project);
  if (!parsed.ok()) return parsed.status();
  out.label_interface = std::move(parsed).value();
  auto control = AggregationControl(out.label_interface, out.project);
  if (!control.ok()) return control.status();
  out.control_index = static_cast<size_t>(*control - out.label_interface.controls.data());
  return out;
}

Result<HumanReference> LoadHumanReference(store::Store& store, int64_t project_id,
                                          const domain::Control& control, HumanEvidence evidence) {
  HumanReference out;
  std::map<int64_t, std::map<std::string, int64_t>> votes;  // Task -> answer -> labels.
  store::PageRequest page{.after_id = 0, .limit = kReferencePage};
  while (true) {
    auto batch = store.annotations().ListSubmittedInProject(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::Annotation& a : batch->items) {
      if (!Counts(a, evidence)) continue;
      if (std::optional<std::string> vote = VoteOf(a.result, control)) ++votes[a.task_id][*vote];
    }
    if (batch->next_after_id == 0) break;
    page.after_id = batch->next_after_id;
  }
  for (const auto& [task, counts] : votes) {
    const std::string* best = nullptr;
    int64_t most = 0;
    bool tie = false;
    for (const auto& [answer, n] : counts) {
      if (n > most) {
        best = &answer;
        most = n;
        tie = false;
      } else if (n == most) {
        tie = true;
      }
    }
    if (best != nullptr && !tie) out.answers[task] = *best;
  }
  page = {.after_id = 0, .limit = kReferencePage};
  while (true) {
    auto batch = store.gold().List(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::GoldItem& g : batch->items) {
      std::optional<std::string> answer = VoteOf(g.reference, control);
      if (!answer) continue;
      out.answers[g.task_id] = *answer;
      out.gold.insert(g.task_id);
    }
    if (batch->next_after_id == 0) break;
    page.after_id = batch->next_after_id;
  }
  return out;
}

}  // namespace chorus::service
