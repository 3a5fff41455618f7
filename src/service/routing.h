// Dynamic overlap (domain/routing_policy.h): after each label of a task, decide whether it has
// enough labels, needs one more, or goes to expert adjudication.
//
// The task's labels are judged on one single choice control (the routing control). With n
// labels (of which the votes answer the control), agreement = the plurality share
// (quality/agreement/item_agreement.h: the votes for the most voted option / votes) and confidence
// = the largest posterior of one-coin Dawid-Skene with each annotator's skill fixed
// (quality/truth/item_posterior.h). Skills come from gold: s = (correct + 2·prior_skill) / (gold
// answers + 2), a Beta prior worth two answers centred on the policy's prior_skill, so an annotator
// without gold counts as prior_skill. The rule, in order:
//   1. confidence >= stop_confidence (when < 1) and n >= min_labels: enough (it may stop
//      before the overlap: the labels it saved are reported);
//   2. n below the labels the task wants (its own, else the overlap): wait for more;
//   3. agreement >= agree_at: enough;
//   4. n < max_overlap: want n + 1;
//   5. otherwise escalate to adjudication.
// Ambiguous answers ({"ambiguous": true}) are votes for no option: they count in agreement's
// denominator but never in its plurality, give the posterior no evidence, and turn the early
// stop of rule 1 off. So an item many annotators call ambiguous gets more labels and, at
// max_overlap, goes to an adjudicator instead of being settled by the few who chose an option.
// Thread-safety: DecideRouting is pure; TaskRouter is safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"
#include "domain/project.h"
#include "quality/truth/item_posterior.h"
#include "service/gold_standing.h"
#include "store/store.h"

namespace chorus::service {

enum class RoutingAction { kWait, kEnough, kWantMore, kEscalate };
const char* RoutingActionName(RoutingAction action);  // "wait", "enough", ...

struct RoutingDecision {
  RoutingAction action = RoutingAction::kWait;
  int64_t wanted = 0;     // The labels the task should want after the decision.
  double agreement = 0;   // Plurality share of the labels, 0 with none.
  double confidence = 0;  // Largest posterior.
  std::string reason;     // One sentence for people (adjudicators, managers).
};

// `labels` is the task's submitted labels; `votes` those that answer the routing control
// with an option (option index and voter skill), `ambiguous_votes` those that answer it
// "ambiguous"; `wanted` is the task's own wanted labels, if set.
RoutingDecision DecideRouting(const domain::RoutingPolicy& policy, int64_t overlap,
                              std::optional<int64_t> wanted, int64_t labels,
                              const std::vector<quality::SkilledVote>& votes, size_t option_count,
                              int64_t ambiguous_votes = 0);

// The control dynamic overlap judges: the one named by policy.control, else the first single
// choice control; nullptr when there is none (then routing keeps fixed overlap).
const domain::Control* RoutingControl(const domain::LabelInterface& label_interface,
                                      const domain::RoutingPolicy& policy);

// kInvalidArgument naming "routing.control" when dynamic overlap is on and the interface has no
// suitable control (a named one that is missing, not choices, or multiple choice).
Status CheckRoutingControl(const domain::Project& project);

// Applies dynamic overlap to one task after its labels changed.
class TaskRouter {
 public:
  // REQUIRES: `store` and `standings` outlive this.
  TaskRouter(store::Store& store, GoldStandings& standings)
      : store_(store), standings_(standings) {}

  // Decides task `task_id` of `project` on its submitted labels and applies the decision
  // (SetWanted, or Escalate at now_ms). Does nothing for gold tasks, for projects without
  // dynamic overlap or a routing control, and when a newer label already re-decided.
  Result<RoutingDecision> Route(const domain::Project& project, int64_t task_id, int64_t now_ms);

 private:
  store::Store& store_;
  GoldStandings& standings_;
};

}  // namespace chorus::service
