#include "store/sqlite/sqlite_machine_labels.h"

#include <string>

namespace chorus::store::sqlite {

using domain::MachineLabel;

namespace {

void BindOptDouble(Query& q, const std::optional<double>& value) {
  if (value) {
    q.BindDouble(*value);
  } else {
    q.BindNull();
  }
}

#define CHORUS_MACHINE_LABEL_COLUMNS                                                         \
  "SELECT id, task_id, project_id, source, origin, result, score, threshold, created_at " \
  "FROM machine_labels "

Result<MachineLabel> ReadLabelRow(const Query& q) {
  MachineLabel m;
  m.id = q.Int(0);
  m.task_id = q.Int(1);
  m.project_id = q.Int(2);
  auto source = domain::ParseAnnotationSource(q.Text(3));
  if (!source.ok()) return Internal("machine label " + std::to_string(m.id) + ": bad source");
  m.source = *source;
  m.origin = q.Text(4);
  m.result = q.Text(5);
  if (!q.IsNull(6)) m.score = q.Double(6);
  if (!q.IsNull(7)) m.threshold = q.Double(7);
  m.created_at = q.Int(8);
  return m;
}

Status AlreadyAutoLabelled(int64_t task_id) {
  return Conflict("task " + std::to_string(task_id) +
                      " is already auto-labelled (another apply ran first); preview again",
                  "task_id");
}

Status NoProjectForLabels(int64_t project_id) {
  return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
}

}  // namespace

Status SqliteMachineLabelStore::Append(int64_t project_id, const std::vector<MachineLabel>& labels,
                                       bool close_tasks) {
  for (const MachineLabel& label : labels) {
    CHORUS_RETURN_IF_ERROR(domain::ValidateMachineLabel(label));
  }
  return db_.writer.Run([&](Connection& db) -> Status {
    for (const MachineLabel& label : labels) {
      // Stored only when the task is the project's (and, to close it, not gold).
      Result<Query> q = db.Prepare(
          "INSERT INTO machine_labels (task_id, project_id, source, origin, result, score, "
          "threshold, created_at) SELECT id, project_id, ?, ?, ?, ?, ?, ? FROM tasks "
          "WHERE id = ? AND project_id = ? AND (? = 0 OR (is_gold = 0 AND auto_labelled = 0))");
      if (!q.ok()) return q.status();
      q->BindText(domain::AnnotationSourceName(label.source))
          .BindText(label.origin)
          .BindText(label.result);
      BindOptDouble(*q, label.score);
      BindOptDouble(*q, label.threshold);
      CHORUS_RETURN_IF_ERROR(q->BindInt(label.created_at)
                                 .BindInt(label.task_id)
                                 .BindInt(project_id)
                                 .BindBool(close_tasks)
                                 .Run());
      if (db.Changes() != 1) {
        Result<Query> closed = db.Prepare(
            "SELECT 1 FROM tasks WHERE id = ? AND project_id = ? AND auto_labelled = 1");
        if (!closed.ok()) return closed.status();
        Result<bool> row = closed->BindInt(label.task_id).BindInt(project_id).Step();
        if (!row.ok()) return row.status();
        if (*row && close_tasks) return AlreadyAutoLabelled(label.task_id);
        return InvalidArgument("task " + std::to_string(label.task_id) +
                                   " is not an ordinary task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
      if (!close_tasks) continue;
      Result<Query> close = db.Prepare("UPDATE tasks SET auto_labelled = 1 WHERE id = ?");
      if (!close.ok()) return close.status();
      CHORUS_RETURN_IF_ERROR(close->BindInt(label.task_id).Run());
    }
    return Status::Ok();
  });
}

Result<std::vector<MachineLabel>> SqliteMachineLabelStore::ListForTasks(int64_t project_id,
                                                                        int64_t first_task_id,
                                                                        int64_t last_task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<MachineLabel>> {
    Result<Query> q = db.Prepare(CHORUS_MACHINE_LABEL_COLUMNS
                                 "WHERE project_id = ? AND task_id >= ? AND task_id <= ? "
                                 "ORDER BY task_id, id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(first_task_id).BindInt(last_task_id);
    std::vector<MachineLabel> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      Result<MachineLabel> m = ReadLabelRow(*q);
      if (!m.ok()) return m.status();
      out.push_back(std::move(m).value());
    }
  });
}

Result<Page<MachineLabel>> SqliteMachineLabelStore::List(
    int64_t project_id, std::optional<domain::AnnotationSource> source, const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<MachineLabel>> {
    const int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(CHORUS_MACHINE_LABEL_COLUMNS
                                 "WHERE project_id = ?1 AND id > ?2 AND (?3 IS NULL OR source = ?3) "
                                 "ORDER BY id LIMIT ?4");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindInt(page.after_id);
    std::optional<std::string> name;
    if (source) name = domain::AnnotationSourceName(*source);
    q->BindOptText(name).BindInt(limit + 1);
    return ReadPageRows<MachineLabel>(*q, limit, ReadLabelRow);
  });
}

Result<std::vector<int64_t>> SqliteMachineLabelStore::OpenTasks(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<int64_t>> {
    Result<Query> q = db.Prepare(
        "SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id "
        "WHERE t.project_id = ? AND t.is_gold = 0 AND t.auto_labelled = 0 "
        "AND (SELECT COUNT(*) FROM annotations a WHERE a.task_id = t.id "
        "AND a.state = 'submitted') < COALESCE(t.wanted, p.overlap) ORDER BY t.id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<int64_t> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out.push_back(q->Int(0));
    }
  });
}

Result<std::vector<std::string>> SqliteMachineLabelStore::PredictedModelVersions(
    int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<std::string>> {
    Result<Query> q = db.Prepare(
        "SELECT DISTINCT model_version FROM predictions WHERE project_id = ? "
        "ORDER BY model_version");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<std::string> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) return out;
      out.push_back(q->Text(0));
    }
  });
}

Result<FunctionDocument> SqliteMachineLabelStore::Functions(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<FunctionDocument> {
    Result<Query> q = db.Prepare(
        "SELECT f.document, f.updated_at FROM projects p LEFT JOIN labelling_functions f "
        "ON f.project_id = p.id WHERE p.id = ?");
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(project_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return NoProjectForLabels(project_id);
    FunctionDocument out;
    if (!q->IsNull(0)) {
      out.document = q->Text(0);
      out.updated_at = q->Int(1);
    }
    return out;
  });
}

Status SqliteMachineLabelStore::PutFunctions(int64_t project_id, const std::string& document,
                                             int64_t now_ms) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> exists = db.Prepare("SELECT 1 FROM projects WHERE id = ?");
    if (!exists.ok()) return exists.status();
    Result<bool> row = exists->BindInt(project_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return NoProjectForLabels(project_id);
    Result<Query> q =
        document.empty()
            ? db.Prepare("DELETE FROM labelling_functions WHERE project_id = ?")
            : db.Prepare(
                  "INSERT INTO labelling_functions (project_id, document, updated_at) "
                  "VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET "
                  "document = excluded.document, updated_at = excluded.updated_at");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    if (!document.empty()) q->BindText(document).BindInt(now_ms);
    return q->Run();
  });
}

#undef CHORUS_MACHINE_LABEL_COLUMNS

}  // namespace chorus::store::sqlite
