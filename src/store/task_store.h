// Tasks: atomic batch import with deduplication, cursor listing, and the next-task primitive
// (reservations with a time-to-live that never let a task exceed its overlap).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/task.h"
#include "domain/user.h"
#include "store/page.h"

namespace chorus::store {

// How a batch insert recognises a task it already has (security catalogue entry 29).
enum class DedupeBy {
  kExternalIdOrHash,  // By external id when the task has one, else by content hash (if set).
  kContentHash,       // By content hash only (tasks with an empty hash are never duplicates).
};

struct InsertTasksOptions {
  DedupeBy dedupe = DedupeBy::kExternalIdOrHash;  // What makes a record a duplicate.
};

// A record of the batch that was not inserted because an equal task exists.
struct DuplicateTask {
  size_t index = 0;              // Position in the batch.
  int64_t existing_task_id = 0;  // The task it duplicates (stored earlier or earlier in batch).
  bool by_external_id = false;   // True: same external id; false: same content hash.
};

struct InsertTasksReport {
  std::vector<int64_t> task_ids;          // Per input record: the new id, or the existing one.
  std::vector<DuplicateTask> duplicates;  // In batch order.
  int64_t inserted = 0;
};

// Whether a reservation may hand out sensitive tasks (domain::Task::sensitive; the wellbeing
// policy decides, service/wellbeing.h).
enum class SensitiveRule {
  kAllow,          // Like any other task.
  kOrdinaryFirst,  // Rotation: a task that is not sensitive if one is available, else any.
  kRefuse,         // None: the annotator opted out, reached a cap or is on a break. Their
                   // reservations of sensitive tasks in the project are given back.
};

// A diversity quota on ordinary tasks (domain::DiversityQuota): each task must keep room for
// `minimums[v]` labels from annotators whose answer to `attribute` is v. Groups are read from
// ProjectStore's member answers; a slot counts for its group whether it is a submitted label
// or a live reservation.
struct ReserveQuota {
  std::string attribute;
  std::map<std::string, int64_t> minimums;  // Answer -> labels per task.
  std::optional<std::string> group = std::nullopt;  // Their answer; nullopt: none.
};

// Which task to hand an annotator next (see ReserveNextTask).
struct ReserveRequest {
  int64_t project_id = 0;
  int64_t annotator_id = 0;
  int64_t overlap = 1;      // Labels wanted per task (usually Project::overlap), >= 1.
  int64_t ttl_ms = 0;       // How long the reservation holds, > 0.
  int64_t now_ms = 0;       // The current time; reservations with expires_at <= now are dead.
  bool offer_gold = false;  // A gold task is due, if the rules below allow one.
  int64_t gold_max_exposures = 1;  // Slots a gold task may have taken (GoldPolicy), >= 1.
  uint64_t gold_draw = 0;          // Random: where among the gold items the search starts.
  bool calibration = false;        // Qualification: hand out gold tasks only (see below).
  domain::Tier tier = domain::Tier::kCrowd;  // The annotator's: tasks requiring more are skipped.
  SensitiveRule sensitive = SensitiveRule::kAllow;  // Wellbeing (ignored with calibration).
  std::optional<ReserveQuota> quota = std::nullopt;  // Diversity (ordinary tasks only).
};

// One task an annotator finished (submitted or skipped: they saw it), for the wellbeing
// decision: when, and whether it was sensitive.
struct WorkMark {
  int64_t at_ms = 0;  // The annotation's last update.
  bool sensitive = false;

  bool operator==(const WorkMark&) const = default;
};

// An annotator's finished work in a project, all time: the wellbeing report's totals.
struct ExposureTotal {
  int64_t annotator_id = 0;
  int64_t sensitive = 0;  // Sensitive tasks finished.
  int64_t finished = 0;   // All tasks finished.

  bool operator==(const ExposureTotal&) const = default;
};

// How one task is routed (domain/routing_policy.h): the labels it wants now and the tier it
// requires, beside what decides them.
struct TaskRouting {
  std::optional<int64_t> wanted;              // Absent: the project's overlap.
  std::optional<domain::Tier> required_tier;  // Absent: the project's.
  bool is_gold = false;
  int64_t submitted = 0;  // Its submitted labels.
  int64_t taken = 0;      // Its slots taken: submitted labels plus reservations held.
};

// A project's ordinary (non-gold) tasks by how dynamic overlap treated them, against its
// overlap: what the routing report compares with fixed overlap.
struct RoutingTally {
  int64_t tasks = 0;
  int64_t finished = 0;         // With all the labels they want (their own, else overlap).
  int64_t finished_labels = 0;  // Submitted labels of the finished tasks.
  int64_t stopped_early = 0;    // Finished wanting fewer labels than the overlap, not
                                // escalated (a posterior was confident).
  int64_t asked_more = 0;       // Wanting more labels than the overlap.
  int64_t escalated = 0;        // In the adjudication queue, undecided.
  int64_t adjudicated = 0;      // Decided by an adjudicator.

  bool operator==(const RoutingTally&) const = default;
};

// What the manager's data browser asks for (GET /api/v1/projects/{p}/tasks).
enum class TaskLabelFilter { kAny, kUnlabelled, kLabelled };  // By submitted labels: 0 or >= 1.
struct TaskBrowseRequest {
  int64_t project_id = 0;
  std::string contains;  // Tasks whose data (as JSON text) contains this, ASCII case-insensitive;
                         // "" matches every task.
  TaskLabelFilter labels = TaskLabelFilter::kAny;
  bool newest_first = false;  // Order by id descending instead of ascending.
  int64_t after_id = 0;  // Keyset cursor: tasks after this id in the order (0: from the start).
  int64_t offset = 0;    // Rows to skip after the cursor (for a scrollbar jump), >= 0.
  int64_t limit = 50;    // Clamped as every page is.
};

// The LIKE pattern (ESCAPE '\') matching text that contains `needle` literally: its own %, _
// and \ are escaped, so a search for "50%" finds "50%" only.
inline std::string ContainsPattern(std::string_view needle) {
  std::string pattern = "%";
  for (const char c : needle) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// One row of the browser: the task and how many submitted and skipped labels it has.
struct TaskSummary {
  domain::Task task;
  int64_t submitted = 0;
  int64_t skipped = 0;
};

struct Reservation {
  domain::Task task;
  int64_t expires_at = 0;
};

class TaskStore {
 public:
  virtual ~TaskStore() = default;

  // Inserts `tasks` into project `project_id` in one transaction: all or nothing. Each task's
  // project_id is set to `project_id`. Records equal (per options.dedupe) to a stored task or
  // to an earlier record of the batch are not inserted and are listed in the report.
  // kNotFound when the project does not exist; kInvalidArgument naming "tasks[i].field" for
  // the first invalid record (then nothing is inserted).
  virtual Result<InsertTasksReport> InsertBatch(int64_t project_id, std::vector<domain::Task> tasks,
                                                const InsertTasksOptions& options = {}) = 0;

  virtual Result<domain::Task> Get(int64_t id) = 0;  // kNotFound.
  // Tasks of one project in id order.
  virtual Result<Page<domain::Task>> List(int64_t project_id, const PageRequest& page) = 0;
  virtual Result<int64_t> Count(int64_t project_id) = 0;
  // One page of the data browser; next_after_id continues in the same order. An offset costs
  // reading the rows it skips.
  virtual Result<Page<TaskSummary>> Browse(const TaskBrowseRequest& request) = 0;

  // Reserves the next task for an annotator and returns it, or nullopt when none is available.
  // A task qualifies when the annotator has neither submitted nor skipped it and
  // (submitted annotations by others + live reservations by others) < overlap; among those, the
  // highest priority wins, then the lowest id. If the annotator already holds a live
  // reservation in the project for a task they have not finished, that task is returned again
  // with its expiry extended (asking twice never takes two slots). Submitting or skipping the
  // task releases the reservation. Concurrent callers never push a task past its overlap.
  // Gold tasks (GoldStore) are never handed out as above. Instead, when offer_gold is set,
  // the last task handed to this annotator in the project was not gold, and a gold task of
  // the project they have not finished has fewer than gold_max_exposures slots taken (by
  // others' answers and live reservations), that gold task is reserved and returned: the
  // first such in id order from a point that gold_draw picks among the project's gold ids,
  // wrapping around (so exposures spread). Otherwise the ordinary rule applies. In a project
  // with gold, every hand-out that is not a held task seeks both the gold and the ordinary
  // candidate and records what it handed out, so its time does not tell gold apart.
  // With calibration set, only a gold task the annotator has not finished is handed out (as
  // above but whatever the last task was and however many took it), or nothing.
  // A task with its own wanted labels (SetWanted) uses them instead of the overlap; a task
  // whose required tier the request's tier does not admit (domain::TierAdmits) is skipped.
  // Sensitive tasks follow request.sensitive (SensitiveRule) on the gold and ordinary paths
  // alike, except with calibration set; a held reservation comes back under kOrdinaryFirst.
  // With request.quota, an ordinary task is handed out only if the slots still free after this
  // one suffice for the unmet minimums of the other groups (domain::QuotaAdmits); gold,
  // calibration and a held reservation are not subject to it. Two reservations at once can
  // neither exceed the task's labels nor break the quota.
  // kInvalidArgument for overlap < 1, ttl_ms <= 0 or gold_max_exposures < 1.
  virtual Result<std::optional<Reservation>> ReserveNextTask(const ReserveRequest& request) = 0;

  // kNotFound for an unknown task.
  virtual Result<TaskRouting> GetRouting(int64_t task_id) = 0;
  // Sets (or with nullopt clears) the tier a task requires. kNotFound.
  virtual Status SetRequiredTier(int64_t task_id, std::optional<domain::Tier> tier) = 0;
  // Sets the labels a task wants, reopening or closing it, only if it still has exactly
  // `seen_submitted` submitted labels (a later label re-decides); whether it was set.
  // kNotFound; kInvalidArgument for wanted < 1.
  virtual Result<bool> SetWanted(int64_t task_id, int64_t wanted, int64_t seen_submitted) = 0;
  // Sets the priority (ReserveNextTask's order: higher first) of each listed task of project
  // `project_id`, in one transaction: what an active-learning order writes. Gold tasks keep
  // theirs (an order must not tell them apart) and are not counted. Returns the tasks changed.
  // kInvalidArgument (field "task_id") when a listed task is not the project's; nothing
  // changes then.
  virtual Result<int64_t> SetPriorities(
      int64_t project_id, const std::vector<std::pair<int64_t, int64_t>>& priorities) = 0;
  // Counts project `project_id`'s tasks against `overlap` (its current one). Reads every task
  // of the project: a report, not a per-request path.
  virtual Result<RoutingTally> TallyRouting(int64_t project_id, int64_t overlap) = 0;

  // Wellbeing (sqlite_task_wellbeing.cc, pg_task_wellbeing.cc).
  // Marks a task sensitive or not. kNotFound.
  virtual Status SetSensitive(int64_t task_id, bool sensitive) = 0;
  // Records (or withdraws) an annotator's opt-out of a project's sensitive tasks; idempotent.
  // kNotFound for an unknown project or user.
  virtual Status SetOptOut(int64_t project_id, int64_t annotator_id, bool opted_out,
                           int64_t now_ms) = 0;
  virtual Result<bool> OptedOut(int64_t project_id, int64_t annotator_id) = 0;
  // The annotators who opted out of the project's sensitive tasks, by id.
  virtual Result<std::vector<int64_t>> OptOuts(int64_t project_id) = 0;
  // The annotator's tasks of the project finished at or after since_ms, oldest first: what the
  // wellbeing decision needs (a day and a session), read through an index, not all their work.
  virtual Result<std::vector<WorkMark>> RecentWork(int64_t project_id, int64_t annotator_id,
                                                   int64_t since_ms) = 0;
  // Per annotator with finished work in the project, by id: their totals.
  virtual Result<std::vector<ExposureTotal>> ExposureTotals(int64_t project_id) = 0;

  // Whether the annotator holds a live reservation of the task at now_ms.
  virtual Result<bool> HoldsReservation(int64_t task_id, int64_t annotator_id, int64_t now_ms) = 0;

  // Drops the annotator's reservation of a task (they gave it back). Ok when there is none.
  virtual Status ReleaseReservation(int64_t task_id, int64_t annotator_id) = 0;
};

}  // namespace chorus::store
