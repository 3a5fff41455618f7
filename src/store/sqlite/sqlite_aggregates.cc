#include "store/sqlite/sqlite_aggregates.h"

#include <string>

namespace chorus::store::sqlite {

using domain::TaskAggregate;

namespace {

constexpr const char* kAggregateColumns =
    "SELECT task_id, project_id, control, method, label, distribution, posterior, confidence, "
    "weight, ambiguous, votes, source, computed_at FROM task_aggregates ";

TaskAggregate ReadTaskAggregate(const Query& q) {
  TaskAggregate a;
  a.task_id = q.Int(0);
  a.project_id = q.Int(1);
  a.control = q.Text(2);
  a.method = q.Text(3);
  a.label = q.OptText(4);
  a.distribution = q.Text(5);
  a.posterior = q.Text(6);
  a.confidence = q.Double(7);
  a.weight = q.Double(8);
  a.ambiguous = q.Bool(9);
  a.votes = q.Int(10);
  // The column's CHECK admits only the three names.
  Result<domain::AggregateSource> source = domain::ParseAggregateSource(q.Text(11));
  if (source.ok()) a.source = *source;
  a.computed_at = q.Int(12);
  return a;
}

}  // namespace

Status SqliteAggregateStore::ReplaceForProject(int64_t project_id,
                                               const std::vector<TaskAggregate>& rows) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> clear = db.Prepare("DELETE FROM task_aggregates WHERE project_id = ?");
    if (!clear.ok()) return clear.status();
    CHORUS_RETURN_IF_ERROR(clear->BindInt(project_id).Run());
    for (const TaskAggregate& a : rows) {
      // Inserted only when the task is the project's: the SELECT yields no row otherwise.
      Result<Query> q = db.Prepare(
          "INSERT INTO task_aggregates (task_id, project_id, control, method, label, "
          "distribution, posterior, confidence, weight, ambiguous, votes, source, computed_at) "
          "SELECT id, project_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM tasks "
          "WHERE id = ? AND project_id = ?");
      if (!q.ok()) return q.status();
      CHORUS_RETURN_IF_ERROR(q->BindText(a.control)
                                 .BindText(a.method)
                                 .BindOptText(a.label)
                                 .BindText(a.distribution)
                                 .BindText(a.posterior)
                                 .BindDouble(a.confidence)
                                 .BindDouble(a.weight)
                                 .BindBool(a.ambiguous)
                                 .BindInt(a.votes)
                                 .BindText(domain::AggregateSourceName(a.source))
                                 .BindInt(a.computed_at)
                                 .BindInt(a.task_id)
                                 .BindInt(project_id)
                                 .Run());
      if (db.Changes() != 1) {
        return InvalidArgument("task " + std::to_string(a.task_id) + " is not a task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
    }
    return Status::Ok();
  });
}

Result<TaskAggregate> SqliteAggregateStore::Get(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<TaskAggregate> {
    static const std::string sql = std::string(kAggregateColumns) + "WHERE task_id = ?";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(task_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return NotFound("task " + std::to_string(task_id) +
                          " has no stored aggregate; aggregate its project first",
                      "task_id");
    }
    return ReadTaskAggregate(*q);
  });
}

Result<Page<TaskAggregate>> SqliteAggregateStore::List(int64_t project_id,
                                                       const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<TaskAggregate>> {
    static const std::string sql = std::string(kAggregateColumns) +
                                   "WHERE project_id = ? AND task_id > ? ORDER BY task_id LIMIT ?";
    const int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id).BindInt(limit + 1);
    Page<TaskAggregate> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task_id;
        break;
      }
      out.items.push_back(ReadTaskAggregate(*q));
    }
    return out;
  });
}

}  // namespace chorus::store::sqlite
