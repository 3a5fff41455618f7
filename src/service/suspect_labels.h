// Suspect labels (issue 7 item 6): which stored labels of a project are likely wrong, and
// active relabelling: sending the most suspect tasks to experts.
//
// For each labelled task that is not gold (learning_data.h says where labels come from), with
// p the built-in learner's out-of-fold probabilities (a model that never saw the task) and q
// the stored aggregate's posterior:
//   - "confident_learning": quality::FindLabelIssues flags it (Northcutt et al. 2021);
//     component 1 - p(given);
//   - "model_disagrees": the learner's most probable class is another one with
//     p >= kConfidentModel; component p(suggested);
//   - "posterior": truth inference gives the stored label q(given) < kWeakPosterior;
//     component 1 - q(given).
// score = the largest component that applies, in [0, 1] (higher: more suspect); reasons list
// every one that applies. suggested: the learner's most probable class when it is not the
// given one, else the posterior's most probable other class. Ranked by score, then task id.
//
// Relabel: each of the top N suspects requires tier expert (TaskStore::SetRequiredTier) and
// wants one label more than it has (SetWanted with the count seen, so a label submitted
// meanwhile re-decides), audit-logged as "task.relabel". Gold tasks are never suspects.
// Callers check the role: Action::kReview to read, Action::kManageProjects to relabel.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

inline constexpr double kConfidentModel = 0.8;
inline constexpr double kWeakPosterior = 0.6;
inline constexpr int64_t kMaxSuspectsShown = 1000;

struct Suspect {
  int64_t task_id = 0;
  std::string given;      // The stored label.
  std::string suggested;  // What the evidence prefers.
  double score = 0;
  std::vector<std::string> reasons;  // "confident_learning", "model_disagrees", "posterior".
};

struct SuspectReport {
  std::string control;
  std::string text_field;
  std::string label_source;  // "aggregates" or "majority".
  int64_t labelled = 0;      // Labelled tasks the learner read (gold included).
  double out_of_fold_accuracy = 0;
  double estimated_noise = 0;     // Confident learning's estimated share of wrong labels.
  int64_t total = 0;              // Suspects found.
  std::vector<Suspect> suspects;  // The first `limit`, most suspect first.
};

struct RelabelSummary {
  std::vector<int64_t> sent;          // Task ids now routed to experts, most suspect first.
  std::vector<int64_t> not_reopened;  // Of those, where a label came in meanwhile, so the
                                      // wanted count was left (the tier still changed).
};

class SuspectLabelsService {
 public:
  // REQUIRES: `store` outlives the service.
  SuspectLabelsService(store::Store& store, std::function<int64_t()> now);

  // kNotFound for an unknown project; kInvalidArgument as learning_data.h, or for limit < 1;
  // kFailedPrecondition (field "labels") below two labelled tasks.
  Result<SuspectReport> Find(int64_t project_id, const std::string& text_field, int64_t limit,
                             uint64_t seed = 1);
  // Sends the `top` most suspect tasks to experts. kInvalidArgument (field "top") unless
  // 1 <= top <= kMaxSuspectsShown; errors as Find.
  Result<RelabelSummary> Relabel(const Principal& actor, int64_t project_id,
                                 const std::string& text_field, int64_t top, uint64_t seed = 1);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
