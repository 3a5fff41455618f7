// Annotator wellbeing for managers and annotators (domain/wellbeing_policy.h, service/
// wellbeing.h): the project's policy, which tasks are sensitive, the exposure report, and an
// annotator's own standing with their opt-out. LabellingService::Next applies the same
// standing (StandingOf) when it hands out work.
// Callers check the role: managers (Action::kManageProjects) for the policy, the sensitive
// flag and the report; project members (Action::kAnnotate) for their own standing. Changes go
// to the audit log.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/project.h"
#include "domain/task.h"
#include "domain/user.h"
#include "domain/wellbeing_policy.h"
#include "service/principal.h"
#include "service/wellbeing.h"
#include "store/store.h"

namespace chorus::service {

// One annotator against a project's policy now.
struct WellbeingStanding {
  Exposure exposure;
  bool opted_out = false;
  WellbeingDecision decision;  // What Next would do about sensitive work.
};

// Reads what the decision needs (the opt-out and a day of finished work) and decides.
Result<WellbeingStanding> StandingOf(store::TaskStore& tasks, const domain::Project& project,
                                     int64_t annotator_id, int64_t now_ms);

struct AnnotatorExposure {
  int64_t annotator_id = 0;
  std::string display_name;  // As in the pay report.
  domain::Tier tier = domain::Tier::kCrowd;
  WellbeingStanding standing;
  int64_t total_sensitive = 0;  // Sensitive tasks finished in the project, all time.
  int64_t total_finished = 0;   // All tasks finished in the project.
};

struct WellbeingReport {
  domain::WellbeingPolicy policy;
  int64_t now_ms = 0;
  // Annotators with finished work or an opt-out in the project, by id.
  std::vector<AnnotatorExposure> annotators;
};

// The caller's own standing, for the studio.
struct MyWellbeing {
  domain::WellbeingPolicy policy;
  WellbeingStanding standing;
};

class WellbeingService {
 public:
  // REQUIRES: `store` outlives the service.
  WellbeingService(store::Store& store, std::function<int64_t()> now);

  // kNotFound for an unknown project.
  Result<domain::WellbeingPolicy> Policy(int64_t project_id);
  // Validates (kInvalidArgument naming "wellbeing.FIELD") and stores the policy; kConflict
  // when the project changed meanwhile (send it again).
  Result<domain::WellbeingPolicy> SetPolicy(const Principal& actor, int64_t project_id,
                                            const domain::WellbeingPolicy& policy);
  // Marks a task sensitive or not; the task as stored. kNotFound.
  Result<domain::Task> SetSensitive(const Principal& actor, int64_t task_id, bool sensitive);
  // kNotFound for an unknown project.
  Result<WellbeingReport> Report(int64_t project_id);

  Result<MyWellbeing> Mine(const Principal& actor, int64_t project_id);
  // Opts the caller out of (or back into) the project's sensitive tasks. kConflict naming
  // "opted_out" when the policy does not allow opting out (opting back in always works).
  Result<MyWellbeing> SetOptOut(const Principal& actor, int64_t project_id, bool opted_out);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
