// Stored aggregates (issue 6, "disagreement kept"): per task of a project, the distribution of
// its labels on one single-choice control, the label truth inference settles on, the
// posterior, the confidence and the training weight (quality/truth/aggregate.h), kept in the
// store (store/aggregate_store.h) so managers, reviewers and exports read them without
// recomputing.
//
// Which labels count: submitted annotations only (no drafts, no skips; qualification and
// calibration answers are not annotations), and not those of annotators whose gold accuracy
// paused them in the project (service/gold_standing.h): a paused annotator's labels are
// excluded. Which control: the project's routing control (domain/routing_policy.h) when set,
// else the first single-choice control of its label interface. Gold tasks are clamped to
// their reference answers; a decided adjudication overrides inference (source "adjudicated",
// confidence and weight 1); a task with one vote gets source "single".
// A run reads the project's votes into a quality::VoteTable (memory proportional to the votes
// plus one row per task), aggregates, and replaces the project's stored rows in one
// transaction, as a background job (service/job_runner.h) shown at GET /api/v1/jobs/{job}.
// Callers check the role (Action::kManageProjects to run, kManageGold to read: a gold task's
// row shows its reference).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/label_interface.h"
#include "domain/project.h"
#include "domain/task_aggregate.h"
#include "quality/truth/aggregate.h"
#include "service/gold_standing.h"
#include "service/job_runner.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

// The control a project's aggregates are computed on: the routing control when the project
// names one, else the first single-choice control. kInvalidArgument (field "control") saying
// which controls could be aggregated when there is none.
Result<const domain::Control*> AggregationControl(const domain::LabelInterface& label_interface,
                                                  const domain::Project& project);

// A submitted result's vote on `control` (its single selected option), or nullopt when the
// result leaves the control empty. The one place a result becomes a vote.
std::optional<std::string> VoteOf(const std::string& result, const domain::Control& control);

// What one run did, for the job's manifest.
struct AggregationSummary {
  std::string control;
  std::string method;
  int64_t tasks = 0;     // Rows written (every task of the project).
  int64_t votes = 0;     // Votes counted.
  int64_t inferred = 0;  // Rows by source.
  int64_t adjudicated = 0;
  int64_t single = 0;
  int64_t no_votes = 0;  // Tasks without a vote (label null).
  int64_t ambiguous = 0;
  int64_t gold_clamped = 0;         // Gold tasks whose reference answers the control.
  int64_t excluded_annotators = 0;  // Paused by gold accuracy; their votes left out.
};

class AggregationService {
 public:
  // REQUIRES: `store` outlives the service and `runner` (a job may still run after the
  // service is gone: it holds what it needs). runner is not null.
  AggregationService(store::Store& store, std::shared_ptr<JobRunner> runner,
                     std::function<int64_t()> now);

  // Aggregates project `project_id` now, in the caller's thread, and stores the rows.
  // `progress` (may be null) hears the tasks done. kNotFound for an unknown project;
  // kInvalidArgument (field "control") when it has no single-choice control.
  Result<AggregationSummary> Run(int64_t project_id, quality::TruthMethod method,
                                 JobProgress* progress = nullptr);
  // Checks the project can be aggregated, then runs Run as a background job of kind
  // "aggregate" owned by `actor`. kResourceExhausted when too many jobs run.
  Result<Job> Start(const Principal& actor, int64_t project_id, quality::TruthMethod method);

  // Stored rows (store/aggregate_store.h), kNotFound as the store says.
  Result<domain::TaskAggregate> ForTask(int64_t task_id);
  Result<store::Page<domain::TaskAggregate>> ForProject(int64_t project_id,
                                                        const store::PageRequest& page);

 private:
  store::Store& store_;
  std::shared_ptr<JobRunner> runner_;
  std::function<int64_t()> now_;
  std::shared_ptr<GoldStandings> standings_;  // Shared with running jobs.
};

}  // namespace chorus::service
