// Which model draft, if any, an annotator sees for a task (issue 7, "drafts with blind
// controls"), decided the same way when the task is handed out and when the label comes in.
//
// Under the project's DraftPolicy (domain/draft_policy.h) a task's draft is the policy's model
// version's prediction (the project's latest model version when the policy names none). Gold
// tasks are never drafted. A share `blind_share` of (task, annotator) pairs is blind: the draft
// exists but is withheld, and the label is a blind control for the anchoring report. The draw is
// a keyed hash (BLAKE2b keyed with a per-project secret that never leaves the server) of the
// task and annotator ids: deterministic, so asking again never flips it, and unguessable to
// annotators. A blind pair is answered exactly like a task without a prediction.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/prediction.h"
#include "domain/project.h"
#include "store/store.h"

namespace chorus::service {

struct DraftDecision {
  // The model whose prediction applied (shown, or withheld when blind); "" when none applies:
  // drafts off, a gold task, no model version, or no prediction of it for the task.
  std::string model_version;
  bool blind = false;                       // The prediction exists and is withheld.
  std::optional<domain::Prediction> shown;  // The draft to show; nullopt when blind or none.
};

// Whether (task, annotator) is blind: the first 8 bytes of BLAKE2b-256 keyed with `key` over
// the two ids, read as a fraction of 2^64, fall below `share`. REQUIRES: key of 16..64 bytes.
bool DrawBlind(std::string_view key, int64_t task_id, int64_t annotator_id, double share);

// Whether two results are the same answer: equal as JSON values (key order and spacing do not
// matter). Text that is not JSON equals nothing.
bool SameAnswer(std::string_view a, std::string_view b);

class ModelDrafts {
 public:
  // REQUIRES: `store` outlives this.
  explicit ModelDrafts(store::Store& store) : store_(store) {}

  // The decision for `annotator_id` on `task_id` of `project`.
  Result<DraftDecision> Decide(const domain::Project& project, int64_t task_id,
                               int64_t annotator_id);

 private:
  Result<std::string> KeyOf(int64_t project_id);  // The project's draw key (cached).

  store::Store& store_;
  std::mutex mutex_;
  std::map<int64_t, std::string> keys_;  // By project id.
};

}  // namespace chorus::service
