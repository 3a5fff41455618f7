#include "service/wellbeing_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "service/audit.h"

namespace chorus::service {

Result<WellbeingStanding> StandingOf(store::TaskStore& tasks, const domain::Project& project,
                                     int64_t annotator_id, int64_t now_ms) {
  WellbeingStanding standing;
  auto opted_out = tasks.OptedOut(project.id, annotator_id);
  if (!opted_out.ok()) return opted_out.status();
  standing.opted_out = *opted_out;
  auto work = tasks.RecentWork(project.id, annotator_id, ExposureWindowStart(now_ms));
  if (!work.ok()) return work.status();
  standing.exposure = MeasureExposure(*work, project.wellbeing, now_ms);
  standing.decision =
      DecideWellbeing(standing.exposure, project.wellbeing, standing.opted_out, now_ms);
  return standing;
}

WellbeingService::WellbeingService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<domain::WellbeingPolicy> WellbeingService::Policy(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  return project->wellbeing;
}

Result<domain::WellbeingPolicy> WellbeingService::SetPolicy(const Principal& actor,
                                                            int64_t project_id,
                                                            const domain::WellbeingPolicy& policy) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateWellbeingPolicy(policy));
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  const domain::WellbeingPolicy before = project->wellbeing;
  project->wellbeing = policy;
  auto updated = store_.projects().Update(*project);
  if (!updated.ok()) return updated.status();
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "project.wellbeing", "project",
                                      project_id, domain::ToJson(before).dump(),
                                      domain::ToJson(policy).dump(), now_()));
  return updated->wellbeing;
}

Result<domain::Task> WellbeingService::SetSensitive(const Principal& actor, int64_t task_id,
                                                    bool sensitive) {
  auto before = store_.tasks().Get(task_id);
  if (!before.ok()) return before.status();
  CHORUS_RETURN_IF_ERROR(store_.tasks().SetSensitive(task_id, sensitive));
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "task.sensitive", "task",
                                      task_id,
                                      nlohmann::json{{"sensitive", before->sensitive}}.dump(),
                                      nlohmann::json{{"sensitive", sensitive}}.dump(), now_()));
  return store_.tasks().Get(task_id);
}

Result<WellbeingReport> WellbeingService::Report(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto totals = store_.tasks().ExposureTotals(project_id);
  if (!totals.ok()) return totals.status();
  auto opt_outs = store_.tasks().OptOuts(project_id);
  if (!opt_outs.ok()) return opt_outs.status();
  // Annotators who opted out before finishing anything are listed too.
  std::map<int64_t, store::ExposureTotal> by_annotator;
  for (const store::ExposureTotal& t : *totals) by_annotator[t.annotator_id] = t;
  for (const int64_t id : *opt_outs) by_annotator.try_emplace(id, store::ExposureTotal{id, 0, 0});
  WellbeingReport report;
  report.policy = project->wellbeing;
  report.now_ms = now_();
  for (const auto& [id, total] : by_annotator) {
    auto user = store_.users().Get(id);
    if (!user.ok()) return user.status();
    auto standing = StandingOf(store_.tasks(), *project, id, report.now_ms);
    if (!standing.ok()) return standing.status();
    report.annotators.push_back({id, user->display_name, user->tier, std::move(standing).value(),
                                 total.sensitive, total.finished});
  }
  return report;
}

Result<MyWellbeing> WellbeingService::Mine(const Principal& actor, int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto standing = StandingOf(store_.tasks(), *project, actor.user_id, now_());
  if (!standing.ok()) return standing.status();
  return MyWellbeing{project->wellbeing, std::move(standing).value()};
}

Result<MyWellbeing> WellbeingService::SetOptOut(const Principal& actor, int64_t project_id,
                                                bool opted_out) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  if (opted_out && !project->wellbeing.opt_out_allowed) {
    return Status(StatusCode::kConflict,
                  "this project does not allow opting out of sensitive items; talk to a project "
                  "manager if this content is too much for you",
                  "opted_out");
  }
  CHORUS_RETURN_IF_ERROR(store_.tasks().SetOptOut(project_id, actor.user_id, opted_out, now_()));
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "wellbeing.opt_out", "project",
                                      project_id, "null",
                                      nlohmann::json{{"opted_out", opted_out}}.dump(), now_()));
  return Mine(actor, project_id);
}

}  // namespace chorus::service
