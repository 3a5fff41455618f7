// PgTaskStore's hand-out: which task an annotator gets next, and their reservations.
//
// ReserveNextTask takes the best candidate task with SELECT ... FOR NO KEY UPDATE SKIP LOCKED
// (annotators asking at once get different tasks instead of queueing on one row), then
// reserves it only while its labels and reservations, counted again by the reserving
// statement, leave room: under READ COMMITTED that statement sees every transaction that held
// the row lock before us, so the overlap can never be exceeded. Each round trip to the server
// costs more than the work of most statements here, so related steps share a statement
// (data-modifying WITH clauses). Submit takes the same row lock. When every candidate is
// locked by someone else, it waits for one (plain FOR NO KEY UPDATE) rather than answering
// "nothing left" while tasks still have room.
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/diversity_policy.h"
#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Task;

namespace {

// The diversity quota as a filter on candidates (domain::QuotaAdmits): the slots free after
// this one must cover the unmet minimums $7 (JSON answer -> labels) of groups other than ours
// $9, counting others' submitted labels and live reservations (at $10) by their answer to $8.
// It only narrows the search: the snapshot may be stale, so QuotaStillAdmits decides again
// once the task is locked.
#define CHORUS_QUOTA_FILTER                                                                    \
  "AND ($7::text IS NULL OR COALESCE(t.wanted, $3) - t.taken - 1 >= (SELECT COALESCE(SUM("     \
  "GREATEST(0, q.value::bigint - (SELECT COUNT(*) FROM annotations a "                         \
  "JOIN project_member_attributes m ON m.project_id = $1 AND m.user_id = a.annotator_id "      \
  "AND m.attribute = $8 AND m.value = q.key WHERE a.task_id = t.id AND a.state = 'submitted' " \
  "AND a.annotator_id <> $2) - (SELECT COUNT(*) FROM reservations v "                          \
  "JOIN project_member_attributes m ON m.project_id = $1 AND m.user_id = v.annotator_id "      \
  "AND m.attribute = $8 AND m.value = q.key WHERE v.task_id = t.id AND v.annotator_id <> $2 "  \
  "AND v.expires_at > $10))), 0) FROM jsonb_each_text($7::jsonb) q "                           \
  "WHERE $9::text IS NULL OR q.key <> $9)) "

// The candidate query: the first open task (partial index tasks_open, migration 0007) this
// annotator has not finished, with the labels it wants (its own or the overlap $3), among
// those their tier $5 admits, not sensitive when $6 (wellbeing), then FILTER. $4 lists tasks
// found full after locking.
#define CHORUS_NEXT_TASK(FILTER)                                              \
  "SELECT t.id, COALESCE(t.wanted, $3) FROM tasks t WHERE t.project_id = $1 " \
  "AND t.is_open AND NOT t.is_gold AND t.taken < COALESCE(t.wanted, $3) "     \
  "AND NOT t.auto_labelled "                                                  \
  "AND t.id <> ALL($4::bigint[]) "                                            \
  "AND (t.required_tier IS NULL OR t.required_tier = 'crowd' "                \
  "OR ($5 >= 1 AND t.required_tier = 'expert') OR $5 >= 2) "                  \
  "AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id "       \
  "AND a.annotator_id = $2 AND a.state IN ('submitted', 'skipped')) "         \
  "AND (NOT $6 OR NOT t.sensitive) " FILTER                                   \
  "ORDER BY t.priority DESC, t.id LIMIT 1 FOR NO KEY UPDATE OF t"

// The gold candidate (TaskStore::ReserveNextTask): the first gold task with an id in
// [FROM, TO) that annotator $2 of project $1 has not finished, under the exposure cap CAP, not
// in $4, not sensitive when REFUSE (a wellbeing refusal). The range is stated on both tables,
// as the planner does not carry it over the join: a merge join otherwise read the tasks index
// from the project's first task. Locked gold tasks are skipped, not waited for: an ordinary
// task serves as well.
#define CHORUS_NEXT_GOLD(CAP, FROM, TO, REFUSE)                                             \
  "SELECT t.id FROM gold_items g JOIN tasks t ON t.id = g.task_id WHERE g.project_id = $1 " \
  "AND g.task_id >= " FROM " AND g.task_id < " TO " AND t.id >= " FROM " AND t.id < " TO    \
  " AND t.taken < " CAP                                                                     \
  " AND t.id <> ALL($4::bigint[]) AND NOT EXISTS (SELECT 1 "                                \
  "FROM annotations a WHERE a.task_id = t.id AND a.annotator_id = $2 "                      \
  "AND a.state IN ('submitted', 'skipped')) AND (NOT " REFUSE                               \
  " OR NOT t.sensitive) "                                                                   \
  "ORDER BY g.task_id LIMIT 1 FOR NO KEY UPDATE OF t SKIP LOCKED"
constexpr const char* kNextGold = CHORUS_NEXT_GOLD("$3", "$5", "$6", "$7");

// Both candidates of a fresh hand-out in a project with gold, in one statement that runs
// whichever is handed out: the gold one (cap CAP, in [FROM, TO), refusal REFUSE) and the
// ordinary one (NEXT). One gold range only: each more costs as much planning.
#define CHORUS_NEXT_BOTH(NEXT, CAP, FROM, TO, REFUSE)                                     \
  "SELECT g.id, o.id, o.wanted FROM (SELECT 1) one LEFT JOIN LATERAL (" CHORUS_NEXT_GOLD( \
      CAP, FROM, TO, REFUSE) ") g ON TRUE LEFT JOIN LATERAL (" NEXT                       \
                             " SKIP LOCKED) o (id, wanted) ON TRUE"

// The candidate query with SKIP LOCKED, without it (to wait for a locked task), and beside the
// gold one, whose parameters follow the ordinary ones.
constexpr const char* kNextSkipLocked = CHORUS_NEXT_TASK(CHORUS_QUOTA_FILTER) " SKIP LOCKED";
constexpr const char* kNextWaiting = CHORUS_NEXT_TASK(CHORUS_QUOTA_FILTER);
constexpr const char* kNextBoth =
    CHORUS_NEXT_BOTH(CHORUS_NEXT_TASK(CHORUS_QUOTA_FILTER), "$11", "$12", "$13", "$14");
#undef CHORUS_NEXT_BOTH
#undef CHORUS_NEXT_GOLD
#undef CHORUS_NEXT_TASK
#undef CHORUS_QUOTA_FILTER

// A PostgreSQL array literal of ids ("{1,2,3}") for a bigint[] parameter.
std::string IdArray(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

// Labels by others plus live reservations by others on `task_id`, counted afresh.
Result<int64_t> Taken(Connection& db, int64_t task_id, int64_t annotator_id, int64_t now_ms) {
  Result<Rows> rows = db.Exec(
      "SELECT (SELECT COUNT(*) FROM annotations WHERE task_id = $1 AND state = 'submitted' "
      "AND annotator_id <> $2) + (SELECT COUNT(*) FROM reservations WHERE task_id = $1 "
      "AND annotator_id <> $2 AND expires_at > $3)",
      Params().Int(task_id).Int(annotator_id).Int(now_ms));
  if (!rows.ok()) return rows.status();
  return rows->Int(0, 0);
}

// Whether the quota still admits `r.annotator_id` to locked task `task_id` with `free_slots`
// (its wanted labels less others' slots, counted afresh): others' slots are counted by group in
// a new statement, which sees every transaction that held the task's row lock before us.
Result<bool> QuotaStillAdmits(Connection& db, const ReserveRequest& r, int64_t task_id,
                              int64_t free_slots) {
  Result<Rows> rows = db.Exec(
      "SELECT m.value, COUNT(*) FROM (SELECT annotator_id FROM annotations WHERE task_id = $1 "
      "AND state = 'submitted' AND annotator_id <> $2 UNION ALL SELECT annotator_id "
      "FROM reservations WHERE task_id = $1 AND annotator_id <> $2 AND expires_at > $3) s "
      "JOIN project_member_attributes m ON m.project_id = $4 AND m.user_id = s.annotator_id "
      "AND m.attribute = $5 GROUP BY m.value",
      Params()
          .Int(task_id)
          .Int(r.annotator_id)
          .Int(r.now_ms)
          .Int(r.project_id)
          .Text(r.quota->attribute));
  if (!rows.ok()) return rows.status();
  std::map<std::string, int64_t> counts;
  for (int i = 0; i < rows->size(); ++i) counts[rows->Text(i, 0)] = rows->Int(i, 1);
  return domain::QuotaAdmits(r.quota->minimums, counts, r.quota->group, free_slots);
}

// What a reservation hands out, for the gold queue's memory of the last hand-out (rows exist
// only for annotators handed tasks in a project with gold).
enum class HandOut {
  kHeld,        // A task the annotator holds already: nothing changes.
  kOrdinary,    // An ordinary task afresh in a project without gold: nothing to remember.
  kBesideGold,  // An ordinary task afresh in a project with gold: the next may be gold.
  kGold,        // A gold task afresh: the next is not (outside qualification).
};

// Reserves locked task `task_id` for r.annotator_id until `expires_at`, notes the hand-out
// and reads the task, in one statement (a round trip costs more than the work); with `limit`,
// only while others' labels and live reservations are fewer (counted in this statement, which
// sees every commit before the lock). Nothing (nullopt) when the limit is reached. Gold and
// ordinary hand-outs in a project with gold write the same row, so they cost the same.
Result<std::optional<Task>> Reserve(Connection& db, const ReserveRequest& r, int64_t task_id,
                                    int64_t expires_at, HandOut hand_out,
                                    std::optional<int64_t> limit) {
  Result<Rows> rows = db.Exec(
      "WITH reserved AS (INSERT INTO reservations (task_id, annotator_id, project_id, "
      "expires_at) SELECT $1, $2, $3, $4 WHERE $6::BIGINT IS NULL OR "
      "(SELECT COUNT(*) FROM annotations WHERE task_id = $1 AND state = 'submitted' "
      "AND annotator_id <> $2) + (SELECT COUNT(*) FROM reservations WHERE task_id = $1 "
      "AND annotator_id <> $2 AND expires_at > $7) < $6::BIGINT "
      "ON CONFLICT (task_id, annotator_id) DO UPDATE SET expires_at = excluded.expires_at "
      "RETURNING task_id), "
      "noted AS (INSERT INTO gold_queue_state (project_id, annotator_id, last_was_gold) "
      "SELECT $3, $2, $8 WHERE $5 AND EXISTS (SELECT 1 FROM reserved) "
      "ON CONFLICT (project_id, annotator_id) DO UPDATE SET last_was_gold = "
      "excluded.last_was_gold) "
      "SELECT " CHORUS_PG_TASK_COLUMNS "FROM tasks WHERE id = (SELECT task_id FROM reserved)",
      Params()
          .Int(task_id)
          .Int(r.annotator_id)
          .Int(r.project_id)
          .Int(expires_at)
          .Bool(hand_out == HandOut::kBesideGold || hand_out == HandOut::kGold)
          .OptInt(limit)
          .Int(r.now_ms)
          .Bool(hand_out == HandOut::kGold));
  if (rows.status().code() == StatusCode::kInvalidArgument) {
    return NotFound("there is no user with id " + std::to_string(r.annotator_id), "annotator_id");
  }
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Task>();
  return std::optional<Task>(ReadTaskColumns(*rows, 0));
}

// The gold queue as a hand-out starts: whether the last task handed to the annotator in the
// project was gold, and the span of the project's gold task ids (none without gold).
struct GoldQueue {
  bool last_was_gold = false;
  std::optional<std::pair<int64_t, int64_t>> span;
};

// Where the gold search starts: a drawn item of the project's gold ids [low, high]. It wraps
// around from there, so exposures spread over the items and each search is an index walk from
// that point, not a scan of every gold item.
int64_t GoldSearchStart(const ReserveRequest& r, const std::pair<int64_t, int64_t>& span) {
  return span.first + int64_t(r.gold_draw % uint64_t(span.second - span.first + 1));
}

// The exposure cap a gold hand-out checks: none during qualification.
int64_t GoldCap(const ReserveRequest& r) {
  return r.calibration ? std::numeric_limits<int64_t>::max() : r.gold_max_exposures;
}

// Whether sensitive gold is kept back: only under a refusal (see the SQLite store: rotation
// must not tell gold apart), never during qualification.
bool RefusesSensitiveGold(const ReserveRequest& r) {
  return !r.calibration && r.sensitive == SensitiveRule::kRefuse;
}

// kNextGold's parameters: gold ids in [from, to), leaving out `full`.
Params NextGoldParams(const ReserveRequest& r, const std::vector<int64_t>& full, int64_t from,
                      int64_t to) {
  return Params()
      .Int(r.project_id)
      .Int(r.annotator_id)
      .Int(GoldCap(r))
      .Text(IdArray(full))
      .Int(from)
      .Int(to)
      .Bool(RefusesSensitiveGold(r));
}

// Reserves a gold task with room for `r.annotator_id` among the project's gold ids `span`,
// leaving out `full` (found at the cap once locked), or nothing.
Result<std::optional<Task>> ReserveGold(Connection& db, const ReserveRequest& r, int64_t expires_at,
                                        std::pair<int64_t, int64_t> span,
                                        std::vector<int64_t> full) {
  const auto [low, high] = span;
  const int64_t start = GoldSearchStart(r, span);
  for (const auto& [from, to] : {std::pair{start, high + 1}, std::pair{low, start}}) {
    while (true) {
      Result<Rows> next = db.Exec(kNextGold, NextGoldParams(r, full, from, to));
      if (!next.ok()) return next.status();
      if (next->empty()) break;
      const int64_t candidate = next->Int(0, 0);
      Result<std::optional<Task>> task =
          Reserve(db, r, candidate, expires_at, HandOut::kGold, GoldCap(r));
      if (!task.ok() || *task) return task;
      full.push_back(candidate);
    }
  }
  return std::optional<Task>();
}

// The parameters of the candidate query (kNextSkipLocked, kNextWaiting, kNextBoth's first ten).
Params OrdinaryParams(const ReserveRequest& r, const std::vector<int64_t>& full,
                      bool exclude_sensitive) {
  Params params;
  params.Int(r.project_id)
      .Int(r.annotator_id)
      .Int(r.overlap)
      .Text(IdArray(full))
      .Int(static_cast<int64_t>(r.tier))
      .Bool(exclude_sensitive);
  if (r.quota) {
    params.Text(nlohmann::json(r.quota->minimums).dump())
        .Text(r.quota->attribute)
        .OptText(r.quota->group);
  } else {
    params.Null().Null().Null();
  }
  params.Int(r.now_ms);
  return params;
}

// An ordinary candidate: its id and the labels it wants.
using Candidate = std::pair<int64_t, int64_t>;

// The candidates of a fresh hand-out in a project with gold ids `span`, each if any, found by
// kNextBoth (which locks them) and, when no gold task above the drawn start has
// room, by kNextGold below it: the gold one and the ordinary one.
struct BothCandidates {
  std::optional<int64_t> gold;
  std::optional<Candidate> ordinary;
};
Result<BothCandidates> FindBoth(Connection& db, const ReserveRequest& r,
                                std::pair<int64_t, int64_t> span, bool exclude_sensitive) {
  const int64_t start = GoldSearchStart(r, span);
  Params params = OrdinaryParams(r, {}, exclude_sensitive);
  params.Int(GoldCap(r)).Int(start).Int(span.second + 1).Bool(RefusesSensitiveGold(r));
  Result<Rows> rows = db.Exec(kNextBoth, params);
  if (!rows.ok()) return rows.status();
  BothCandidates both;
  if (!rows->IsNull(0, 0)) both.gold = rows->Int(0, 0);
  if (!rows->IsNull(0, 1)) both.ordinary = Candidate{rows->Int(0, 1), rows->Int(0, 2)};
  if (!both.gold && start > span.first) {  // The search wraps around.
    Result<Rows> below = db.Exec(kNextGold, NextGoldParams(r, {}, span.first, start));
    if (!below.ok()) return below.status();
    if (!below->empty()) both.gold = below->Int(0, 0);
  }
  return both;
}

}  // namespace

Result<std::optional<Reservation>> PgTaskStore::ReserveNextTask(const ReserveRequest& r) {
  if (r.overlap < 1) return InvalidArgument("must be at least 1", "overlap");
  if (r.ttl_ms <= 0) return InvalidArgument("must be positive", "ttl_ms");
  if (r.gold_max_exposures < 1) return InvalidArgument("must be at least 1", "gold_max_exposures");
  std::optional<Reservation> out;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    out.reset();
    const bool wellbeing = !r.calibration && r.sensitive != SensitiveRule::kAllow;
    if (wellbeing && r.sensitive == SensitiveRule::kRefuse) {
      // Sensitive work held from before the cap, break or opt-out goes back to the queue.
      Result<Rows> given_back = db.Exec(
          "DELETE FROM reservations WHERE annotator_id = $1 AND project_id = $2 AND task_id IN "
          "(SELECT id FROM tasks WHERE project_id = $2 AND sensitive)",
          Params().Int(r.annotator_id).Int(r.project_id));
      if (!given_back.ok()) return given_back.status();
    }

    int64_t task_id = 0;
    GoldQueue gold_queue;
    {
      // Asking again while holding a live reservation returns the same task. Dead reservations
      // hold nothing: the same statement drops the project's, which keeps the table small (the
      // query reads the snapshot before the delete, hence its own test of expires_at). It also
      // reads the gold queue, for every hand-out alike: a separate read only when gold may be
      // offered made those hand-outs a round trip slower, which timing could tell apart.
      Result<Rows> held = db.Exec(
          "WITH expired AS (DELETE FROM reservations WHERE project_id = $2 AND expires_at <= $4) "
          "SELECT (SELECT r.task_id FROM reservations r WHERE r.annotator_id = $1 "
          "AND r.project_id = $2 AND r.expires_at > $4 AND NOT EXISTS (SELECT 1 FROM "
          "annotations a WHERE a.task_id = r.task_id AND a.annotator_id = $1 "
          "AND a.state IN ('submitted', 'skipped')) "
          "AND (NOT $3 OR EXISTS (SELECT 1 FROM gold_items g WHERE g.task_id = r.task_id)) "
          "ORDER BY r.task_id LIMIT 1), "
          "(SELECT last_was_gold FROM gold_queue_state WHERE project_id = $2 "
          "AND annotator_id = $1), "
          "(SELECT MIN(task_id) FROM gold_items WHERE project_id = $2), "
          "(SELECT MAX(task_id) FROM gold_items WHERE project_id = $2)",
          // During qualification only a held calibration (gold) task comes back.
          Params().Int(r.annotator_id).Int(r.project_id).Bool(r.calibration).Int(r.now_ms));
      if (!held.ok()) return held.status();
      if (!held->IsNull(0, 0)) task_id = held->Int(0, 0);
      gold_queue.last_was_gold = !held->IsNull(0, 1) && held->Bool(0, 1);
      if (!held->IsNull(0, 2)) gold_queue.span = std::pair{held->Int(0, 2), held->Int(0, 3)};
    }
    const int64_t expires_at = r.now_ms + r.ttl_ms;
    if (task_id != 0) {
      Result<std::optional<Task>> task =
          Reserve(db, r, task_id, expires_at, HandOut::kHeld, std::nullopt);
      if (!task.ok()) return task.status();
      if (!*task) return NotFound("there is no task with id " + std::to_string(task_id), "task_id");
      out = Reservation{std::move(**task), expires_at};
      return Status::Ok();
    }
    if (r.calibration) {
      if (!gold_queue.span) return Status::Ok();  // No calibration item.
      Result<std::optional<Task>> gold = ReserveGold(db, r, expires_at, *gold_queue.span, {});
      if (!gold.ok()) return gold.status();
      if (*gold) out = Reservation{std::move(**gold), expires_at};
      return Status::Ok();  // Or no calibration item left.
    }
    std::vector<int64_t> full;  // Candidates that turned out full once locked.
    // Under wellbeing rules sensitive tasks are left out; rotation then takes any task when no
    // other is left.
    bool exclude_sensitive = wellbeing;
    // The ordinary candidate found beside the gold one, once that search ran.
    std::optional<Candidate> found_beside_gold;
    bool sought_beside_gold = false;
    if (gold_queue.span) {
      // Every fresh hand-out in a project with gold seeks both candidates in one statement and
      // writes the same queue row, whichever it hands out: a gold search run only when gold is
      // due made those hand-outs cost differently, which timing could tell apart.
      Result<BothCandidates> both = FindBoth(db, r, *gold_queue.span, exclude_sensitive);
      if (!both.ok()) return both.status();
      // Qualification aside, gold never comes twice in a row.
      if (r.offer_gold && !gold_queue.last_was_gold && both->gold) {
        Result<std::optional<Task>> gold =
            Reserve(db, r, *both->gold, expires_at, HandOut::kGold, GoldCap(r));
        // At the cap once locked (another hand-out won it): the search goes on past it.
        if (gold.ok() && !*gold) {
          gold = ReserveGold(db, r, expires_at, *gold_queue.span, {*both->gold});
        }
        if (!gold.ok()) return gold.status();
        if (*gold) {
          out = Reservation{std::move(**gold), expires_at};
          return Status::Ok();
        }
      }
      found_beside_gold = both->ordinary;
      sought_beside_gold = true;
    }
    const HandOut hand_out = gold_queue.span ? HandOut::kBesideGold : HandOut::kOrdinary;
    while (true) {
      const Params params = OrdinaryParams(r, full, exclude_sensitive);
      std::optional<Candidate> found;
      if (sought_beside_gold) {
        found = found_beside_gold;
        sought_beside_gold = false;
      } else {
        Result<Rows> next = db.Exec(kNextSkipLocked, params);
        if (!next.ok()) return next.status();
        if (!next->empty()) found = Candidate{next->Int(0, 0), next->Int(0, 1)};
      }
      if (!found) {
        // Everything left may be locked by annotators mid-request: wait for one of them.
        Result<Rows> next = db.Exec(kNextWaiting, params);
        if (!next.ok()) return next.status();
        if (next->empty()) {
          if (exclude_sensitive && r.sensitive == SensitiveRule::kOrdinaryFirst) {
            exclude_sensitive = false;
            continue;
          }
          return Status::Ok();  // Nothing left for this annotator.
        }
        found = Candidate{next->Int(0, 0), next->Int(0, 1)};
      }
      const auto [candidate, wanted] = *found;
      std::optional<int64_t> limit = wanted;
      if (r.quota) {  // Counted here, as the quota needs the free slots; Reserve need not.
        Result<int64_t> taken = Taken(db, candidate, r.annotator_id, r.now_ms);
        if (!taken.ok()) return taken.status();
        bool admitted = *taken < wanted;
        if (admitted) {
          Result<bool> quota = QuotaStillAdmits(db, r, candidate, wanted - *taken);
          if (!quota.ok()) return quota.status();
          admitted = *quota;
        }
        if (!admitted) {
          full.push_back(candidate);
          continue;
        }
        limit.reset();
      }
      Result<std::optional<Task>> task = Reserve(db, r, candidate, expires_at, hand_out, limit);
      if (!task.ok()) return task.status();
      if (*task) {
        out = Reservation{std::move(**task), expires_at};
        return Status::Ok();
      }
      full.push_back(candidate);
    }
  });
  if (!status.ok()) return status;
  return out;
}

Result<bool> PgTaskStore::HoldsReservation(int64_t task_id, int64_t annotator_id, int64_t now_ms) {
  return WithConnection(pool_, [&](Connection& db) -> Result<bool> {
    Result<Rows> rows = db.Exec(
        "SELECT 1 FROM reservations WHERE task_id = $1 AND annotator_id = $2 AND expires_at > $3",
        Params().Int(task_id).Int(annotator_id).Int(now_ms));
    if (!rows.ok()) return rows.status();
    return !rows->empty();
  });
}

Status PgTaskStore::ReleaseReservation(int64_t task_id, int64_t annotator_id) {
  return pool_.Transaction([&](Connection& db) -> Status {
    return db
        .Exec("DELETE FROM reservations WHERE task_id = $1 AND annotator_id = $2",
              Params().Int(task_id).Int(annotator_id))
        .status();
  });
}

}  // namespace chorus::store::postgres
