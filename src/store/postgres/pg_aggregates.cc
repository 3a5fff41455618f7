// AggregateStore on PostgreSQL. A replacement is one transaction (delete, then insert row by
// row), so a reader sees the old rows or the new ones; two replacements of one project
// serialise on the rows the first deletes.
#include <string>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::TaskAggregate;

namespace {

#define CHORUS_TASK_AGGREGATE_COLUMNS                                                         \
  "SELECT task_id, project_id, control, method, label, distribution, posterior, confidence, " \
  "weight, ambiguous, votes, source, computed_at FROM task_aggregates "

TaskAggregate ReadTaskAggregate(const Rows& rows, int i) {
  TaskAggregate a;
  a.task_id = rows.Int(i, 0);
  a.project_id = rows.Int(i, 1);
  a.control = rows.Text(i, 2);
  a.method = rows.Text(i, 3);
  a.label = rows.OptText(i, 4);
  a.distribution = rows.Text(i, 5);
  a.posterior = rows.Text(i, 6);
  a.confidence = rows.Double(i, 7);
  a.weight = rows.Double(i, 8);
  a.ambiguous = rows.Bool(i, 9);
  a.votes = rows.Int(i, 10);
  // The column's CHECK admits only the three names.
  Result<domain::AggregateSource> source = domain::ParseAggregateSource(rows.Text(i, 11));
  if (source.ok()) a.source = *source;
  a.computed_at = rows.Int(i, 12);
  return a;
}

}  // namespace

Status PgAggregateStore::ReplaceForProject(int64_t project_id,
                                           const std::vector<TaskAggregate>& rows) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> cleared =
        db.Exec("DELETE FROM task_aggregates WHERE project_id = $1", Params().Int(project_id));
    if (!cleared.ok()) return cleared.status();
    for (const TaskAggregate& a : rows) {
      // Inserted only when the task is the project's: the SELECT yields no row otherwise. The
      // casts type the parameters, which a SELECT list cannot infer from the target columns.
      Result<Rows> inserted = db.Exec(
          "INSERT INTO task_aggregates (task_id, project_id, control, method, label, "
          "distribution, posterior, confidence, weight, ambiguous, votes, source, computed_at) "
          "SELECT id, project_id, $1::text, $2::text, $3::text, $4::text, $5::text, "
          "$6::double precision, $7::double precision, $8::boolean, $9::bigint, $10::text, "
          "$11::bigint FROM tasks "
          "WHERE id = $12 AND project_id = $13",
          Params()
              .Text(a.control)
              .Text(a.method)
              .OptText(a.label)
              .Text(a.distribution)
              .Text(a.posterior)
              .Double(a.confidence)
              .Double(a.weight)
              .Bool(a.ambiguous)
              .Int(a.votes)
              .Text(domain::AggregateSourceName(a.source))
              .Int(a.computed_at)
              .Int(a.task_id)
              .Int(project_id));
      if (!inserted.ok()) return inserted.status();
      if (inserted->affected() != 1) {
        return InvalidArgument("task " + std::to_string(a.task_id) + " is not a task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
    }
    return Status::Ok();
  });
}

Result<TaskAggregate> PgAggregateStore::Get(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<TaskAggregate> {
    Result<Rows> rows =
        db.Exec(CHORUS_TASK_AGGREGATE_COLUMNS "WHERE task_id = $1", Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("task " + std::to_string(task_id) +
                          " has no stored aggregate; aggregate its project first",
                      "task_id");
    }
    return ReadTaskAggregate(*rows, 0);
  });
}

Result<Page<TaskAggregate>> PgAggregateStore::List(int64_t project_id, const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<TaskAggregate>> {
    const int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(CHORUS_TASK_AGGREGATE_COLUMNS
                                "WHERE project_id = $1 AND task_id > $2 ORDER BY task_id LIMIT $3",
                                Params().Int(project_id).Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<TaskAggregate> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().task_id;
        break;
      }
      out.items.push_back(ReadTaskAggregate(*rows, i));
    }
    return out;
  });
}

}  // namespace chorus::store::postgres
