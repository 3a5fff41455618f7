// MachineLabelStore on PostgreSQL: an append is one transaction; the trigger of migration 0024
// refuses updates and deletes of machine labels.
#include <string>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::MachineLabel;

namespace {

void AddOptDouble(Params& params, const std::optional<double>& value) {
  if (value) {
    params.Double(*value);
  } else {
    params.Null();
  }
}

#define CHORUS_MACHINE_LABEL_COLUMNS                                                         \
  "SELECT id, task_id, project_id, source, origin, result, score, threshold, created_at " \
  "FROM machine_labels "

Result<MachineLabel> ReadLabelRow(const Rows& rows, int i) {
  MachineLabel m;
  m.id = rows.Int(i, 0);
  m.task_id = rows.Int(i, 1);
  m.project_id = rows.Int(i, 2);
  auto source = domain::ParseAnnotationSource(rows.Text(i, 3));
  if (!source.ok()) return Internal("machine label " + std::to_string(m.id) + ": bad source");
  m.source = *source;
  m.origin = rows.Text(i, 4);
  m.result = rows.Text(i, 5);
  if (!rows.IsNull(i, 6)) m.score = rows.Double(i, 6);
  if (!rows.IsNull(i, 7)) m.threshold = rows.Double(i, 7);
  m.created_at = rows.Int(i, 8);
  return m;
}

Status AlreadyAutoLabelled(int64_t task_id) {
  return Conflict("task " + std::to_string(task_id) +
                      " is already auto-labelled (another apply ran first); preview again",
                  "task_id");
}

Status NoProjectOfFunctions(int64_t project_id) {
  return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
}

}  // namespace

Status PgMachineLabelStore::Append(int64_t project_id, const std::vector<MachineLabel>& labels,
                                   bool close_tasks) {
  for (const MachineLabel& label : labels) {
    CHORUS_RETURN_IF_ERROR(domain::ValidateMachineLabel(label));
  }
  return pool_.Transaction([&](Connection& db) -> Status {
    for (const MachineLabel& label : labels) {
      Params params;
      params.Text(domain::AnnotationSourceName(label.source)).Text(label.origin).Text(label.result);
      AddOptDouble(params, label.score);
      AddOptDouble(params, label.threshold);
      params.Int(label.created_at).Int(label.task_id).Int(project_id).Bool(close_tasks);
      // Stored only when the task is the project's (and, to close it, not gold).
      Result<Rows> stored = db.Exec(
          "INSERT INTO machine_labels (task_id, project_id, source, origin, result, score, "
          "threshold, created_at) SELECT id, project_id, $1::text, $2::text, $3::text, "
          "$4::double precision, $5::double precision, $6::bigint FROM tasks "
          "WHERE id = $7 AND project_id = $8 AND (NOT $9::boolean OR "
          "(NOT is_gold AND NOT auto_labelled)) FOR NO KEY UPDATE",
          params);
      if (!stored.ok()) return stored.status();
      if (stored->affected() != 1) {
        Result<Rows> closed =
            db.Exec("SELECT 1 FROM tasks WHERE id = $1 AND project_id = $2 AND auto_labelled",
                    Params().Int(label.task_id).Int(project_id));
        if (!closed.ok()) return closed.status();
        if (!closed->empty() && close_tasks) return AlreadyAutoLabelled(label.task_id);
        return InvalidArgument("task " + std::to_string(label.task_id) +
                                   " is not an ordinary task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
      if (!close_tasks) continue;
      Result<Rows> closed = db.Exec("UPDATE tasks SET auto_labelled = TRUE WHERE id = $1",
                                    Params().Int(label.task_id));
      if (!closed.ok()) return closed.status();
    }
    return Status::Ok();
  });
}

Result<std::vector<MachineLabel>> PgMachineLabelStore::ListForTasks(int64_t project_id,
                                                                    int64_t first_task_id,
                                                                    int64_t last_task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<MachineLabel>> {
    Result<Rows> rows = db.Exec(CHORUS_MACHINE_LABEL_COLUMNS
                                "WHERE project_id = $1 AND task_id >= $2 AND task_id <= $3 "
                                "ORDER BY task_id, id",
                                Params().Int(project_id).Int(first_task_id).Int(last_task_id));
    if (!rows.ok()) return rows.status();
    std::vector<MachineLabel> out;
    for (int i = 0; i < rows->size(); ++i) {
      Result<MachineLabel> m = ReadLabelRow(*rows, i);
      if (!m.ok()) return m.status();
      out.push_back(std::move(m).value());
    }
    return out;
  });
}

Result<Page<MachineLabel>> PgMachineLabelStore::List(
    int64_t project_id, std::optional<domain::AnnotationSource> source, const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<MachineLabel>> {
    const int64_t limit = ClampLimit(page.limit);
    Params params;
    params.Int(project_id).Int(page.after_id);
    if (source) {
      params.Text(domain::AnnotationSourceName(*source));
    } else {
      params.Null();
    }
    params.Int(limit + 1);
    Result<Rows> rows = db.Exec(CHORUS_MACHINE_LABEL_COLUMNS
                                "WHERE project_id = $1 AND id > $2 AND ($3::text IS NULL OR "
                                "source = $3::text) ORDER BY id LIMIT $4",
                                params);
    if (!rows.ok()) return rows.status();
    Page<MachineLabel> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      Result<MachineLabel> m = ReadLabelRow(*rows, i);
      if (!m.ok()) return m.status();
      out.items.push_back(std::move(m).value());
    }
    return out;
  });
}

Result<std::vector<int64_t>> PgMachineLabelStore::OpenTasks(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<int64_t>> {
    Result<Rows> rows = db.Exec(
        "SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id "
        "WHERE t.project_id = $1 AND NOT t.is_gold AND NOT t.auto_labelled "
        "AND (SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id "
        "AND a.state = 'submitted') < COALESCE(t.wanted, p.overlap) ORDER BY t.id",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<int64_t> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(rows->Int(i, 0));
    return out;
  });
}

Result<std::vector<std::string>> PgMachineLabelStore::PredictedModelVersions(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<std::string>> {
    Result<Rows> rows = db.Exec(
        "SELECT DISTINCT model_version COLLATE \"C\" AS v FROM predictions "
        "WHERE project_id = $1 ORDER BY v",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<std::string> out;
    for (int i = 0; i < rows->size(); ++i) out.push_back(rows->Text(i, 0));
    return out;
  });
}

Result<FunctionDocument> PgMachineLabelStore::Functions(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<FunctionDocument> {
    Result<Rows> rows = db.Exec(
        "SELECT f.document, f.updated_at FROM projects p LEFT JOIN labelling_functions f "
        "ON f.project_id = p.id WHERE p.id = $1",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NoProjectOfFunctions(project_id);
    FunctionDocument out;
    if (!rows->IsNull(0, 0)) {
      out.document = rows->Text(0, 0);
      out.updated_at = rows->Int(0, 1);
    }
    return out;
  });
}

Status PgMachineLabelStore::PutFunctions(int64_t project_id, const std::string& document,
                                         int64_t now_ms) {
  return pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> project =
        db.Exec("SELECT 1 FROM projects WHERE id = $1", Params().Int(project_id));
    if (!project.ok()) return project.status();
    if (project->empty()) return NoProjectOfFunctions(project_id);
    Result<Rows> written =
        document.empty()
            ? db.Exec("DELETE FROM labelling_functions WHERE project_id = $1",
                      Params().Int(project_id))
            : db.Exec(
                  "INSERT INTO labelling_functions (project_id, document, updated_at) "
                  "VALUES ($1, $2, $3) ON CONFLICT (project_id) DO UPDATE SET "
                  "document = excluded.document, updated_at = excluded.updated_at",
                  Params().Int(project_id).Text(document).Int(now_ms));
    return written.status();
  });
}

#undef CHORUS_MACHINE_LABEL_COLUMNS

}  // namespace chorus::store::postgres
