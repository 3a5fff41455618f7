// Active learning in a project (issue 7 item 5): the built-in learner (service/learning_data.h)
// trains on the project's labelled tasks, scores the tasks that still need a label by a
// strategy (quality/learner/active_learning.h: least confidence, margin, entropy, vote entropy
// or consensus KL over a bootstrap committee, density-weighted entropy with the hashed text
// features standing in for embeddings, or random), and writes the order as task priorities
// (store::TaskStore::SetPriorities), so GET next hands out the most useful task first.
//
// Which tasks are ordered: those with text and no label yet (no stored aggregate label, or
// no submitted vote when the project was never aggregated), gold tasks excepted: their
// priorities never change, so the order cannot tell them apart. The first `batch` (default:
// all) get priorities batch, batch-1, ..., 1 and the rest 0. A share of the batch
// (random_share, default 0.1) is drawn at random (seeded) and spread evenly through it, so
// accuracy measured on these labels stays unbiased (quality::SelectBatch).
// Runs as a background job of kind "active_learning" (service/job_runner.h); callers check
// Action::kManageProjects.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "quality/learner/active_learning.h"
#include "service/job_runner.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct ActiveLearningRequest {
  quality::Strategy strategy = quality::Strategy::kEntropy;
  double random_share = 0.1;     // In [0, 1]: of the batch, drawn at random.
  uint64_t seed = 1;             // The random share and the learner's passes.
  std::optional<int64_t> batch;  // Tasks ordered at the top (>= 1); nullopt: all.
  std::string text_field;        // "": the field the label interface binds.
};

// kInvalidArgument naming the field for a share outside [0, 1] or a batch below 1.
Status ValidateActiveLearningRequest(const ActiveLearningRequest& request);

struct RankedTask {
  int64_t task_id = 0;
  double score = 0;      // The strategy's (higher: more worth labelling).
  bool random = false;   // Drawn for the random share.
  int64_t priority = 0;  // Written.
};

struct ActiveLearningSummary {
  std::string strategy;
  std::string control;
  std::string text_field;
  std::string label_source;  // "aggregates" or "majority" (learning_data.h).
  int64_t trained = 0;       // Labelled tasks the learner read.
  int64_t scored = 0;        // Tasks still needing a label, ordered.
  int64_t prioritised = 0;   // Priorities written (scored tasks in and out of the batch).
  int64_t without_text = 0;  // Tasks left out: no text in the field.
  double out_of_fold_accuracy = 0;
  std::vector<RankedTask> top;  // The first kTopShown of the order.
};

inline constexpr size_t kTopShown = 20;

class ActiveQueueService {
 public:
  // REQUIRES: `store` outlives the service and `runner`; runner is not null.
  ActiveQueueService(store::Store& store, std::shared_ptr<JobRunner> runner);

  // Orders project `project_id` now, in the caller's thread. kNotFound for an unknown project;
  // kInvalidArgument as ValidateActiveLearningRequest and learning_data.h;
  // kFailedPrecondition (field "labels") below two labelled tasks.
  Result<ActiveLearningSummary> Run(int64_t project_id, const ActiveLearningRequest& request,
                                    JobProgress* progress = nullptr);
  // Checks the request and the project's interface, then runs Run as a background job of kind
  // "active_learning" owned by `actor`. kResourceExhausted when too many jobs run.
  Result<Job> Start(const Principal& actor, int64_t project_id,
                    const ActiveLearningRequest& request);

 private:
  store::Store& store_;
  std::shared_ptr<JobRunner> runner_;
};

}  // namespace chorus::service
