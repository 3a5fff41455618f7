// TaskStore on PostgreSQL: storing, reading and counting tasks (the hand-out is in
// pg_task_handout.cc, routing in pg_task_routing.cc, wellbeing in pg_task_wellbeing.cc).
//
// InsertBatch locks the project row first, so imports into one project run one at a time and
// deduplication sees every earlier import.
#include <string>
#include <vector>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Task;

namespace {

constexpr const char* kSelectTaskById = "SELECT " CHORUS_PG_TASK_COLUMNS "FROM tasks WHERE id = $1";
constexpr const char* kLockTaskById =
    "SELECT " CHORUS_PG_TASK_COLUMNS "FROM tasks WHERE id = $1 FOR NO KEY UPDATE";

// The id of a stored task of `project_id` equal by `key`, or 0.
Result<int64_t> FindExisting(Connection& db, int64_t project_id, bool by_external_id,
                             const std::string& key) {
  Result<Rows> rows =
      by_external_id ? db.Exec("SELECT id FROM tasks WHERE project_id = $1 AND external_id = $2",
                               Params().Int(project_id).Text(key))
                     : db.Exec(
                           "SELECT id FROM tasks WHERE project_id = $1 AND content_hash = $2 "
                           "ORDER BY id LIMIT 1",
                           Params().Int(project_id).Text(key));
  if (!rows.ok()) return rows.status();
  return rows->empty() ? int64_t{0} : rows->Int(0, 0);
}

std::string Field(size_t index, const char* field) {
  return "tasks[" + std::to_string(index) + "]." + field;
}

}  // namespace

Task ReadTaskColumns(const Rows& rows, int i) {
  Task t;
  t.id = rows.Int(i, 0);
  t.project_id = rows.Int(i, 1);
  t.external_id = rows.OptText(i, 2);
  t.content_hash = rows.Text(i, 3);
  t.data = rows.Text(i, 4);
  t.priority = rows.Int(i, 5);
  t.created_at = rows.Int(i, 6);
  t.sensitive = rows.Bool(i, 7);
  return t;
}

Result<Task> ReadTaskById(Connection& db, int64_t id, bool lock) {
  Result<Rows> rows = db.Exec(lock ? kLockTaskById : kSelectTaskById, Params().Int(id));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NotFound("there is no task with id " + std::to_string(id), "task_id");
  return ReadTaskColumns(*rows, 0);
}

Result<InsertTasksReport> PgTaskStore::InsertBatch(int64_t project_id, std::vector<Task> tasks,
                                                   const InsertTasksOptions& options) {
  for (size_t i = 0; i < tasks.size(); ++i) {
    tasks[i].project_id = project_id;
    Status valid = domain::ValidateTask(tasks[i]);
    if (!valid.ok()) {
      return InvalidArgument(valid.message(), "tasks[" + std::to_string(i) + "]." + valid.field());
    }
  }
  InsertTasksReport report;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    report = {};
    Result<domain::Project> project = ReadProjectById(db, project_id, /*lock=*/true);
    if (!project.ok()) return project.status();
    for (size_t i = 0; i < tasks.size(); ++i) {
      const Task& task = tasks[i];
      // Earlier records of this batch are already inserted, so one lookup covers both.
      bool by_external_id = options.dedupe == DedupeBy::kExternalIdOrHash && task.external_id;
      int64_t existing = 0;
      if (by_external_id || !task.content_hash.empty()) {
        Result<int64_t> found = FindExisting(
            db, project_id, by_external_id, by_external_id ? *task.external_id : task.content_hash);
        if (!found.ok()) return found.status();
        existing = *found;
      }
      if (existing != 0) {
        report.task_ids.push_back(existing);
        report.duplicates.push_back({i, existing, by_external_id});
        continue;
      }
      Result<Rows> rows = db.Exec(
          "INSERT INTO tasks (project_id, external_id, content_hash, data, priority, created_at, "
          "sensitive) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          Params()
              .Int(project_id)
              .OptText(task.external_id)
              .Text(task.content_hash)
              .Text(task.data)
              .Int(task.priority)
              .Int(task.created_at)
              .Bool(task.sensitive));
      if (rows.status().code() == StatusCode::kConflict) {
        return Conflict(
            "is already used by another task of this project with different "
            "content; nothing was imported",
            Field(i, "external_id"));
      }
      if (!rows.ok()) return rows.status();
      report.task_ids.push_back(rows->Int(0, 0));
      ++report.inserted;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  AnalyzeAfterGrowth(report.inserted);
  return report;
}

void PgTaskStore::AnalyzeAfterGrowth(int64_t inserted) {
  constexpr int64_t kFirstAnalyze = 1000;
  {
    std::lock_guard<std::mutex> lock(analyze_mutex_);
    inserted_ += inserted;
    if (inserted_ < 2 * analyzed_at_ + kFirstAnalyze) return;
    analyzed_at_ = inserted_;
  }
  // Autovacuum refreshes statistics only a minute or so after a bulk load. Until then the
  // planner takes a freshly imported project for an empty one and the next-task query sorts
  // every open task of it (136 ms for 20,000 tasks) instead of walking tasks_open to the first
  // (0.1 ms). Doubling keeps this to O(log n) ANALYZEs (each samples at most 30,000 rows) per
  // import. Best effort: stale statistics slow plans down, they never change results.
  (void)WithConnection(pool_, [](Connection& db) { return db.ExecFixed("ANALYZE tasks"); });
}

Result<Task> PgTaskStore::Get(int64_t id) {
  return WithConnection(pool_, [&](Connection& db) { return ReadTaskById(db, id); });
}

Result<Page<Task>> PgTaskStore::List(int64_t project_id, const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<Task>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(
        "SELECT id, project_id, external_id, content_hash, data, priority, created_at, sensitive "
        "FROM tasks WHERE project_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        Params().Int(project_id).Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<Task> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      out.items.push_back(ReadTaskColumns(*rows, i));
    }
    return out;
  });
}

Result<Page<TaskSummary>> PgTaskStore::Browse(const TaskBrowseRequest& r) {
  // Two fixed statements (the order); unused filters are switched off by their parameters.
  static constexpr const char* kColumns =
      "SELECT t.id, t.project_id, t.external_id, t.content_hash, t.data, t.priority, "
      "t.created_at, t.sensitive, "
      "(SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id AND a.state = 'submitted'), "
      "(SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id AND a.state = 'skipped') "
      "FROM tasks t ";
  static constexpr const char* kFilters =
      "AND ($3::text = '' OR t.data ILIKE $4 ESCAPE '\\') "
      "AND ($5::bigint = 0 OR ($5::bigint = 1) = NOT EXISTS (SELECT 1 FROM annotations a "
      "WHERE a.task_id = t.id AND a.state = 'submitted')) ";
  static const std::string kAscending = std::string(kColumns) +
                                        "WHERE t.project_id = $1 AND t.id > $2 " + kFilters +
                                        "ORDER BY t.id LIMIT $6 OFFSET $7";
  static const std::string kDescending =
      std::string(kColumns) + "WHERE t.project_id = $1 AND ($2::bigint = 0 OR t.id < $2) " +
      kFilters + "ORDER BY t.id DESC LIMIT $6 OFFSET $7";
  if (r.offset < 0) return InvalidArgument("must be 0 or more", "offset");
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<TaskSummary>> {
    const int64_t limit = ClampLimit(r.limit);
    Result<Rows> rows = db.Exec((r.newest_first ? kDescending : kAscending).c_str(),
                                Params()
                                    .Int(r.project_id)
                                    .Int(r.after_id)
                                    .Text(r.contains)
                                    .Text(ContainsPattern(r.contains))
                                    .Int(static_cast<int64_t>(r.labels))
                                    .Int(limit + 1)
                                    .Int(r.offset));
    if (!rows.ok()) return rows.status();
    Page<TaskSummary> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task.id;
        break;
      }
      out.items.push_back({ReadTaskColumns(*rows, i), rows->Int(i, 8), rows->Int(i, 9)});
    }
    return out;
  });
}

Result<int64_t> PgTaskStore::Count(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<int64_t> {
    Result<Rows> rows =
        db.Exec("SELECT COUNT(*) FROM tasks WHERE project_id = $1", Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

}  // namespace chorus::store::postgres
