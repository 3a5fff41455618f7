// Routing for managers: the tier a task requires, where a task stands under dynamic overlap,
// and the project's routing report (how many labels dynamic overlap saved or added against
// fixed overlap, how many tasks stopped early, asked for more or were escalated).
// Callers check the role (Action::kManageProjects); changes go to the audit log.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "core/status.h"
#include "domain/adjudication.h"
#include "domain/project.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct TaskRoutingView {
  int64_t task_id = 0;
  store::TaskRouting routing;
  int64_t wanted = 0;  // The labels it wants now (its own, else the project's overlap).
  std::optional<domain::Adjudication> adjudication;  // When escalated.
};

struct RoutingReport {
  domain::RoutingPolicy policy;
  int64_t overlap = 0;
  store::RoutingTally tally;
  // Labels fixed overlap would have taken for the finished tasks minus those they took:
  // positive when early stops saved more than extra labels cost.
  int64_t labels_saved = 0;
};

class RoutingService {
 public:
  // REQUIRES: `store` outlives the service.
  RoutingService(store::Store& store, std::function<int64_t()> now);

  // kNotFound for an unknown task.
  Result<TaskRoutingView> Task(int64_t task_id);
  // Sets (nullopt: clears, so the project's applies) the tier task `task_id` requires.
  Result<TaskRoutingView> SetTaskTier(const Principal& actor, int64_t task_id,
                                      std::optional<domain::Tier> tier);
  // kNotFound for an unknown project.
  Result<RoutingReport> Report(int64_t project_id);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
