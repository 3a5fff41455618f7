#include "store/sqlite/sqlite_tasks.h"

#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_projects.h"

namespace chorus::store::sqlite {

using domain::Task;

namespace {

Task ReadTask(const Query& q) {
  Task t;
  t.id = q.Int(0);
  t.project_id = q.Int(1);
  t.external_id = q.OptText(2);
  t.content_hash = q.Text(3);
  t.data = q.Text(4);
  t.priority = q.Int(5);
  t.created_at = q.Int(6);
  t.sensitive = q.Bool(7);
  return t;
}

// The indexed key of a content hash (migration 0011): its first 15 hex digits as an integer,
// a digit outside 0-9a-f counting as 0. Lookups compare the whole hash as well.
int64_t ContentKey(std::string_view content_hash) {
  int64_t key = 0;
  for (size_t i = 0; i < 15; ++i) {
    const char c = i < content_hash.size() ? content_hash[i] : '\0';
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
    key = key << 4 | digit;
  }
  return key;
}

// The id of a stored task of `project_id` whose external id is `external_id`, or 0.
Result<int64_t> FindByExternalId(Connection& db, int64_t project_id,
                                 const std::string& external_id) {
  Result<Query> q = db.Prepare("SELECT id FROM tasks WHERE project_id = ? AND external_id = ?");
  if (!q.ok()) return q.status();
  q->BindInt(project_id).BindText(external_id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : int64_t{0};
}

// The id of the first stored task of `project_id` with content hash `hash`, or 0.
Result<int64_t> FindByContentHash(Connection& db, int64_t project_id, const std::string& hash) {
  // "content_hash != ''" lets SQLite use the partial index tasks_content_key (its WHERE must be
  // implied by the query's); without an index every lookup scans the project's tasks, and an
  // import of n tasks takes O(n^2) (20,000 tasks: 33 s).
  Result<Query> q = db.Prepare(
      "SELECT id FROM tasks WHERE project_id = ? AND content_key = ? AND content_hash = ? "
      "AND content_hash != '' ORDER BY id LIMIT 1");
  if (!q.ok()) return q.status();
  q->BindInt(project_id).BindInt(ContentKey(hash)).BindText(hash);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  return *row ? q->Int(0) : int64_t{0};
}

std::string Field(size_t index, const char* field) {
  return "tasks[" + std::to_string(index) + "]." + field;
}

// The first gold task of the project with an id in [from, to) that `r.annotator_id` may be
// handed: not finished by them, under the exposure cap.
Result<std::optional<int64_t>> FirstDueGold(Connection& db, const ReserveRequest& r, int64_t from,
                                            int64_t to) {
  Result<Query> pick = db.Prepare(
      "SELECT t.id FROM gold_items g JOIN tasks t ON t.id = g.task_id "
      "WHERE g.project_id = ?1 AND g.task_id >= ?4 AND g.task_id < ?5 AND t.taken < ?3 "
      "AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id "
      "AND a.annotator_id = ?2 AND a.state IN ('submitted', 'skipped')) "
      "AND (?6 = 0 OR t.sensitive = 0) ORDER BY g.task_id LIMIT 1");
  if (!pick.ok()) return pick.status();
  pick->BindInt(r.project_id)
      .BindInt(r.annotator_id)
      .BindInt(r.calibration ? std::numeric_limits<int64_t>::max() : r.gold_max_exposures)
      .BindInt(from)
      .BindInt(to)
      // Only a refusal keeps sensitive gold back: were rotation to skip it, a sensitive task
      // handed out under rotation would be known not to be gold.
      .BindBool(!r.calibration && r.sensitive == SensitiveRule::kRefuse);
  Result<bool> row = pick->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(pick->Int(0));
}

// The gold queue as a hand-out starts: whether the last task handed to the annotator in the
// project was gold, and the span of the project's gold task ids (none without gold).
struct GoldQueue {
  bool last_was_gold = false;
  std::optional<std::pair<int64_t, int64_t>> span;
};
Result<GoldQueue> ReadGoldQueue(Connection& db, const ReserveRequest& r) {
  Result<Query> q = db.Prepare(
      "SELECT (SELECT last_was_gold FROM gold_queue_state WHERE project_id = ?1 "
      "AND annotator_id = ?2), MIN(task_id), MAX(task_id) FROM gold_items WHERE project_id = ?1");
  if (!q.ok()) return q.status();
  q->BindInt(r.project_id).BindInt(r.annotator_id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  GoldQueue queue;
  queue.last_was_gold = q->OptInt(0).value_or(0) == 1;
  if (const auto low = q->OptInt(1)) queue.span = std::pair{*low, *q->OptInt(2)};
  return queue;
}

// The gold task with room for `r.annotator_id` among the gold ids `span`, or nullopt. The
// search starts at a drawn item and wraps around, so exposures spread over the items and each
// search is an index walk from there, not a scan of every gold item.
Result<std::optional<int64_t>> GoldCandidate(Connection& db, const ReserveRequest& r,
                                             std::pair<int64_t, int64_t> span) {
  const auto [low, high] = span;
  const int64_t start = low + int64_t(r.gold_draw % uint64_t(high - low + 1));
  Result<std::optional<int64_t>> found = FirstDueGold(db, r, start, high + 1);
  if (!found.ok() || found->has_value()) return found;
  return FirstDueGold(db, r, low, start);
}

// Records whether the task just handed out in a project with gold was gold. Gold and ordinary
// hand-outs write the same row alike, so they cost the same.
Status RememberHandOut(Connection& db, const ReserveRequest& r, bool gold) {
  Result<Query> q = db.Prepare(
      "INSERT INTO gold_queue_state (project_id, annotator_id, last_was_gold) "
      "VALUES (?, ?, ?) ON CONFLICT (project_id, annotator_id) "
      "DO UPDATE SET last_was_gold = excluded.last_was_gold");
  if (!q.ok()) return q.status();
  return q->BindInt(r.project_id).BindInt(r.annotator_id).BindBool(gold).Run();
}

}  // namespace

Result<Task> ReadTaskById(Connection& db, int64_t id) {
  Result<Query> q = db.Prepare(
      "SELECT id, project_id, external_id, content_hash, data, priority, created_at, sensitive "
      "FROM tasks WHERE id = ?");
  if (!q.ok()) return q.status();
  q->BindInt(id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("there is no task with id " + std::to_string(id), "task_id");
  return ReadTask(*q);
}

Result<InsertTasksReport> SqliteTaskStore::InsertBatch(int64_t project_id, std::vector<Task> tasks,
                                                       const InsertTasksOptions& options) {
  for (size_t i = 0; i < tasks.size(); ++i) {
    tasks[i].project_id = project_id;
    Status valid = domain::ValidateTask(tasks[i]);
    if (!valid.ok()) {
      return InvalidArgument(valid.message(), "tasks[" + std::to_string(i) + "]." + valid.field());
    }
  }
  InsertTasksReport report;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    report = {};
    Result<domain::Project> project = ReadProjectById(db, project_id);
    if (!project.ok()) return project.status();
    for (size_t i = 0; i < tasks.size(); ++i) {
      const Task& task = tasks[i];
      // Earlier records of this batch are already inserted, so one lookup covers both.
      bool by_external_id = options.dedupe == DedupeBy::kExternalIdOrHash && task.external_id;
      int64_t existing = 0;
      if (by_external_id) {
        Result<int64_t> found = FindByExternalId(db, project_id, *task.external_id);
        if (!found.ok()) return found.status();
        existing = *found;
      } else if (!task.content_hash.empty()) {
        Result<int64_t> found = FindByContentHash(db, project_id, task.content_hash);
        if (!found.ok()) return found.status();
        existing = *found;
      }
      if (existing != 0) {
        report.task_ids.push_back(existing);
        report.duplicates.push_back({i, existing, by_external_id});
        continue;
      }
      Result<Query> q = db.Prepare(
          "INSERT INTO tasks (project_id, external_id, content_hash, content_key, data, priority, "
          "created_at, sensitive) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      if (!q.ok()) return q.status();
      Status s = q->BindInt(project_id)
                     .BindOptText(task.external_id)
                     .BindText(task.content_hash)
                     .BindInt(ContentKey(task.content_hash))
                     .BindText(task.data)
                     .BindInt(task.priority)
                     .BindInt(task.created_at)
                     .BindBool(task.sensitive)
                     .Run();
      if (s.code() == StatusCode::kConflict) {
        return Conflict(
            "is already used by another task of this project with different "
            "content; nothing was imported",
            Field(i, "external_id"));
      }
      CHORUS_RETURN_IF_ERROR(s);
      report.task_ids.push_back(db.LastInsertRowId());
      ++report.inserted;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

Result<Task> SqliteTaskStore::Get(int64_t id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadTaskById(db, id); });
}

Result<Page<Task>> SqliteTaskStore::List(int64_t project_id, const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<Task>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(
        "SELECT id, project_id, external_id, content_hash, data, priority, created_at, sensitive "
        // "+project_id" keeps SQLite off the index tasks_next (project_id, priority, id),
        // which made every page scan and sort the whole project (exporting 1,000,000 tasks:
        // 1,000 pages of 1,000,000 rows); the rowid range "id > ?" reads only from the cursor.
        "FROM tasks WHERE +project_id = ? AND id > ? ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id).BindInt(limit + 1);
    return ReadPageRows<Task>(*q, limit,
                              [](const Query& row) -> Result<Task> { return ReadTask(row); });
  });
}

Result<Page<TaskSummary>> SqliteTaskStore::Browse(const TaskBrowseRequest& r) {
  // Two fixed statements (the order); unused filters are switched off by their parameters.
  static constexpr const char* kColumns =
      "SELECT t.id, t.project_id, t.external_id, t.content_hash, t.data, t.priority, "
      "t.created_at, t.sensitive, "
      "(SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id AND a.state = 'submitted'), "
      "(SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id AND a.state = 'skipped') "
      "FROM tasks t ";
  static constexpr const char* kFilters =
      "AND (?3 = '' OR t.data LIKE ?4 ESCAPE '\\') "
      "AND (?5 = 0 OR (?5 = 1) = NOT EXISTS (SELECT 1 FROM annotations a "
      "WHERE a.task_id = t.id AND a.state = 'submitted')) ";
  static const std::string kAscending = std::string(kColumns) +
                                        "WHERE +t.project_id = ?1 AND t.id > ?2 " + kFilters +
                                        "ORDER BY t.id LIMIT ?6 OFFSET ?7";
  static const std::string kDescending = std::string(kColumns) +
                                         "WHERE +t.project_id = ?1 AND (?2 = 0 OR t.id < ?2) " +
                                         kFilters + "ORDER BY t.id DESC LIMIT ?6 OFFSET ?7";
  if (r.offset < 0) return InvalidArgument("must be 0 or more", "offset");
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<TaskSummary>> {
    const int64_t limit = ClampLimit(r.limit);
    Result<Query> q = db.Prepare((r.newest_first ? kDescending : kAscending).c_str());
    if (!q.ok()) return q.status();
    q->BindInt(r.project_id)
        .BindInt(r.after_id)
        .BindText(r.contains)
        .BindText(ContainsPattern(r.contains))
        .BindInt(static_cast<int64_t>(r.labels))
        .BindInt(limit + 1)
        .BindInt(r.offset);
    Page<TaskSummary> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task.id;
        break;
      }
      out.items.push_back({ReadTask(*q), q->Int(8), q->Int(9)});
    }
    return out;
  });
}

Result<int64_t> SqliteTaskStore::Count(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<int64_t> {
    Result<Query> q = db.Prepare("SELECT COUNT(*) FROM tasks WHERE project_id = ?");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    return q->Int(0);
  });
}

Result<std::optional<Reservation>> SqliteTaskStore::ReserveNextTask(const ReserveRequest& r) {
  if (r.overlap < 1) return InvalidArgument("must be at least 1", "overlap");
  if (r.ttl_ms <= 0) return InvalidArgument("must be positive", "ttl_ms");
  if (r.gold_max_exposures < 1) return InvalidArgument("must be at least 1", "gold_max_exposures");
  std::optional<Reservation> out;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    out.reset();
    // Dead reservations hold nothing; dropping them keeps the table small.
    Result<Query> expire =
        db.Prepare("DELETE FROM reservations WHERE project_id = ? AND expires_at <= ?");
    if (!expire.ok()) return expire.status();
    CHORUS_RETURN_IF_ERROR(expire->BindInt(r.project_id).BindInt(r.now_ms).Run());

    const bool wellbeing = !r.calibration && r.sensitive != SensitiveRule::kAllow;
    if (wellbeing && r.sensitive == SensitiveRule::kRefuse) {
      // Sensitive work held from before the cap, break or opt-out goes back to the queue.
      Result<Query> give_back = db.Prepare(
          "DELETE FROM reservations WHERE annotator_id = ?1 AND project_id = ?2 AND task_id IN "
          "(SELECT id FROM tasks WHERE project_id = ?2 AND sensitive = 1)");
      if (!give_back.ok()) return give_back.status();
      CHORUS_RETURN_IF_ERROR(give_back->BindInt(r.annotator_id).BindInt(r.project_id).Run());
    }

    int64_t task_id = 0;
    {
      // Asking again while holding a live reservation returns the same task.
      Result<Query> held = db.Prepare(
          "SELECT r.task_id FROM reservations r WHERE r.annotator_id = ?1 AND r.project_id = ?2 "
          "AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = r.task_id "
          "AND a.annotator_id = ?1 AND a.state IN ('submitted', 'skipped')) "
          "AND (?3 = 0 OR EXISTS (SELECT 1 FROM gold_items g WHERE g.task_id = r.task_id)) "
          "ORDER BY r.task_id LIMIT 1");
      if (!held.ok()) return held.status();
      // During qualification only a held calibration (gold) task comes back.
      held->BindInt(r.annotator_id).BindInt(r.project_id).BindInt(r.calibration ? 1 : 0);
      Result<bool> row = held->Step();
      if (!row.ok()) return row.status();
      if (*row) task_id = held->Int(0);
    }
    const bool fresh = task_id == 0;
    bool gold = false;
    GoldQueue gold_queue;
    if (fresh) {
      Result<GoldQueue> queue = ReadGoldQueue(db, r);
      if (!queue.ok()) return queue.status();
      gold_queue = *queue;
    }
    if (fresh && gold_queue.span) {
      // Every fresh hand-out in a project with gold seeks the gold and the ordinary candidate
      // and writes the same queue row, whichever it hands out: a gold search run only when
      // gold was due made those hand-outs cost differently, which timing could tell apart.
      Result<std::optional<int64_t>> candidate = GoldCandidate(db, r, *gold_queue.span);
      if (!candidate.ok()) return candidate.status();
      // Qualification hands out gold back to back; otherwise gold never comes twice in a row.
      const bool due = r.calibration || (r.offer_gold && !gold_queue.last_was_gold);
      if (due && *candidate) {
        task_id = **candidate;
        gold = true;
      }
    }
    if (task_id == 0 && r.calibration) return Status::Ok();  // No calibration item left.
    // Under wellbeing rules the first pass leaves sensitive tasks out; rotation then takes
    // any task when no other is left.
    int64_t ordinary_id = 0;
    const bool seek_ordinary = fresh && !r.calibration;
    for (int pass = 0; seek_ordinary && ordinary_id == 0 && pass < 2; ++pass) {
      const bool exclude_sensitive = wellbeing && pass == 0;
      if (pass == 1 && !(wellbeing && r.sensitive == SensitiveRule::kOrdinaryFirst)) break;
      // Walks the partial index tasks_open (migrations 0007, 0013): finished and gold tasks
      // are not in it. "taken" counts only others' slots here: this annotator holds no live
      // reservation of an unfinished task (see above) and their finished ones are excluded.
      Result<Query> next = db.Prepare(
          "SELECT t.id FROM tasks t WHERE t.project_id = ?1 AND t.is_open = 1 AND t.is_gold = 0 "
          "AND t.auto_labelled = 0 "
          "AND t.taken < COALESCE(t.wanted, ?3) AND NOT EXISTS (SELECT 1 FROM annotations a "
          "WHERE a.task_id = t.id AND a.annotator_id = ?2 AND a.state IN ('submitted', 'skipped')) "
          "AND (t.required_tier IS NULL OR t.required_tier = 'crowd' "
          "OR (?4 >= 1 AND t.required_tier = 'expert') OR ?4 >= 2) "
          "AND (?5 = 0 OR t.sensitive = 0) "
          // The diversity quota (domain::QuotaAdmits): the slots free after this one must
          // cover the unmet minimums ?6 (JSON answer -> labels) of groups other than ours ?8,
          // counting others' submitted labels and reservations (expired ones are gone) by
          // their answer to ?7. Exact here: the single writer runs one reservation at a time.
          "AND (?6 IS NULL OR COALESCE(t.wanted, ?3) - t.taken - 1 >= (SELECT COALESCE(SUM("
          "MAX(0, q.value - (SELECT COUNT(*) FROM annotations a JOIN project_member_attributes m "
          "ON m.project_id = ?1 AND m.user_id = a.annotator_id AND m.attribute = ?7 "
          "AND m.value = q.key WHERE a.task_id = t.id AND a.state = 'submitted' "
          "AND a.annotator_id <> ?2) - (SELECT COUNT(*) FROM reservations v "
          "JOIN project_member_attributes m ON m.project_id = ?1 AND m.user_id = v.annotator_id "
          "AND m.attribute = ?7 AND m.value = q.key WHERE v.task_id = t.id "
          "AND v.annotator_id <> ?2))), 0) "
          "FROM json_each(?6) q WHERE ?8 IS NULL OR q.key <> ?8)) "
          "ORDER BY t.priority DESC, t.id LIMIT 1");
      if (!next.ok()) return next.status();
      next->BindInt(r.project_id)
          .BindInt(r.annotator_id)
          .BindInt(r.overlap)
          .BindInt(static_cast<int64_t>(r.tier))
          .BindBool(exclude_sensitive);
      if (r.quota) {
        next->BindText(nlohmann::json(r.quota->minimums).dump())
            .BindText(r.quota->attribute)
            .BindOptText(r.quota->group);
      } else {
        next->BindNull().BindNull().BindNull();
      }
      Result<bool> row = next->Step();
      if (!row.ok()) return row.status();
      if (*row) ordinary_id = next->Int(0);
    }
    if (task_id == 0) task_id = ordinary_id;
    if (task_id == 0) return Status::Ok();  // Nothing left for this annotator.
    Result<Query> reserve = db.Prepare(
        "INSERT INTO reservations (task_id, annotator_id, project_id, expires_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (task_id, annotator_id) "
        "DO UPDATE SET expires_at = excluded.expires_at");
    if (!reserve.ok()) return reserve.status();
    int64_t expires_at = r.now_ms + r.ttl_ms;
    Status s = reserve->BindInt(task_id)
                   .BindInt(r.annotator_id)
                   .BindInt(r.project_id)
                   .BindInt(expires_at)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return NotFound("there is no user with id " + std::to_string(r.annotator_id), "annotator_id");
    }
    CHORUS_RETURN_IF_ERROR(s);
    if (fresh && gold_queue.span) CHORUS_RETURN_IF_ERROR(RememberHandOut(db, r, gold));
    Result<Task> task = ReadTaskById(db, task_id);
    if (!task.ok()) return task.status();
    out = Reservation{std::move(task).value(), expires_at};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Result<bool> SqliteTaskStore::HoldsReservation(int64_t task_id, int64_t annotator_id,
                                               int64_t now_ms) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<bool> {
    Result<Query> q = db.Prepare(
        "SELECT 1 FROM reservations WHERE task_id = ? AND annotator_id = ? AND expires_at > ?");
    if (!q.ok()) return q.status();
    q->BindInt(task_id).BindInt(annotator_id).BindInt(now_ms);
    return q->Step();
  });
}

Status SqliteTaskStore::ReleaseReservation(int64_t task_id, int64_t annotator_id) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare("DELETE FROM reservations WHERE task_id = ? AND annotator_id = ?");
    if (!q.ok()) return q.status();
    return q->BindInt(task_id).BindInt(annotator_id).Run();
  });
}

}  // namespace chorus::store::sqlite
