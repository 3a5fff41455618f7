// Expert adjudication (issue 6): tasks whose labels still disagreed at the most labels their
// routing allows are escalated (store/adjudication_store.h); an adjudicator reads every
// submitted label of such a task, anonymised, with the answer distribution, and decides the
// final label with a rationale. The decision is stored beside the labels, which never change.
//
// Who may adjudicate (Action::kAdjudicate): administrators; managers and reviewers who reach
// the project (service/project_access.h); annotators who are members of the project and of
// tier expert or gold_maker (kPermissionDenied naming "tier" for a crowd annotator). Nobody
// decides a task they labelled themselves (kPermissionDenied naming "task_id": conflict of
// interest); an annotator who labelled it does not see the other labels either (blind).
// Anonymised: labels are "Annotator 1", "Annotator 2", ... in submission (annotation id)
// order, which is stable; no user id, name or email of a labeller is returned. Drafts and
// skips are never shown.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/adjudication.h"
#include "domain/task.h"
#include "service/principal.h"
#include "service/project_access.h"
#include "store/adjudication_store.h"
#include "store/store.h"

namespace chorus::service {

// A queued item and its task.
struct AdjudicationListing {
  domain::Adjudication adjudication;
  domain::Task task;
  bool labelled_by_you = false;  // The caller labelled it, so may not decide it.
};

struct AdjudicationQueue {
  store::Page<AdjudicationListing> page;
  int64_t open = 0;  // The project's open items, whatever the page.
};

// One submitted label, without its annotator.
struct AnonymousLabel {
  std::string annotator;  // "Annotator 1", ...
  std::string result;     // JSON text.
};

// How often each option of a single choice control was chosen.
struct ChoiceDistribution {
  std::string control;
  std::vector<std::pair<std::string, int64_t>> options;  // Every option, interface order.
  int64_t unanswered = 0;  // Labels that chose nothing on this control.
  int64_t ambiguous = 0;   // Labels that called the item ambiguous ({"ambiguous": true}).
};

struct AdjudicationItem {
  domain::Adjudication adjudication;
  domain::Task task;
  std::vector<AnonymousLabel> labels;            // Submitted labels in annotation id order.
  std::vector<ChoiceDistribution> distribution;  // Per single choice control, interface order.
  // Whether the caller may decide it (false when decided already or they labelled it: a
  // manager or reviewer who labelled it still sees it, as they may read every label).
  bool may_decide = false;
};

class AdjudicationService {
 public:
  // REQUIRES: `store` outlives the service.
  AdjudicationService(store::Store& store, std::function<int64_t()> now);

  // The project's open or decided items with their tasks, in task id order, and the open
  // count. kPermissionDenied / kNotFound (NoSuchProject) as the class comment says.
  Result<AdjudicationQueue> Queue(const Principal& actor, int64_t project_id,
                                  store::AdjudicationFilter filter, const store::PageRequest& page);
  // The item with every submitted label anonymised and the answer distribution. kNotFound when
  // the task is unknown, out of reach, or not escalated.
  Result<AdjudicationItem> Item(const Principal& actor, int64_t task_id);
  // Decides the item: `result` is checked against the project's interface as a submission is
  // (kInvalidArgument naming "result..."), `rationale` is required (naming "rationale").
  // kConflict when decided already; kPermissionDenied for a conflict of interest. Recorded in
  // the audit log as "adjudication.decide".
  Result<domain::Adjudication> Decide(const Principal& actor, int64_t task_id, std::string result,
                                      std::string rationale);

 private:
  // Ok when `actor`'s role and tier may adjudicate at all.
  Status CheckAdjudicator(const Principal& actor) const;
  // Whether `actor` submitted a label of the task.
  Result<bool> Labelled(const Principal& actor, int64_t task_id);

  store::Store& store_;
  ProjectAccess access_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
