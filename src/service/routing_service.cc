#include "service/routing_service.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "service/audit.h"

namespace chorus::service {
namespace {

nlohmann::json TierJson(const std::optional<domain::Tier>& tier) {
  return tier ? nlohmann::json(domain::TierName(*tier)) : nlohmann::json(nullptr);
}

}  // namespace

RoutingService::RoutingService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<TaskRoutingView> RoutingService::Task(int64_t task_id) {
  auto task = store_.tasks().Get(task_id);
  if (!task.ok()) return task.status();
  auto project = store_.projects().Get(task->project_id);
  if (!project.ok()) return project.status();
  auto routing = store_.tasks().GetRouting(task_id);
  if (!routing.ok()) return routing.status();
  TaskRoutingView view{task_id, *routing, routing->wanted.value_or(project->overlap), {}};
  auto adjudication = store_.adjudications().Get(task_id);
  if (adjudication.ok()) {
    view.adjudication = std::move(adjudication).value();
  } else if (adjudication.status().code() != StatusCode::kNotFound) {
    return adjudication.status();
  }
  return view;
}

Result<TaskRoutingView> RoutingService::SetTaskTier(const Principal& actor, int64_t task_id,
                                                    std::optional<domain::Tier> tier) {
  auto before = store_.tasks().GetRouting(task_id);
  if (!before.ok()) return before.status();
  CHORUS_RETURN_IF_ERROR(store_.tasks().SetRequiredTier(task_id, tier));
  CHORUS_RETURN_IF_ERROR(
      RecordChange(store_.audit(), actor.user_id, "task.required_tier", "task", task_id,
                   nlohmann::json{{"required_tier", TierJson(before->required_tier)}}.dump(),
                   nlohmann::json{{"required_tier", TierJson(tier)}}.dump(), now_()));
  return Task(task_id);
}

Result<RoutingReport> RoutingService::Report(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto tally = store_.tasks().TallyRouting(project_id, project->overlap);
  if (!tally.ok()) return tally.status();
  RoutingReport report{project->routing, project->overlap, *tally, 0};
  report.labels_saved = tally->finished * project->overlap - tally->finished_labels;
  return report;
}

}  // namespace chorus::service
