#include "store/sqlite/sqlite_predictions.h"

#include <string>

namespace chorus::store::sqlite {

using domain::Prediction;

namespace {

#define CHORUS_PREDICTION_COLUMNS \
  "SELECT task_id, project_id, model_version, result, score, created_at FROM predictions "

Prediction ReadPredictionRow(const Query& q) {
  Prediction p;
  p.task_id = q.Int(0);
  p.project_id = q.Int(1);
  p.model_version = q.Text(2);
  p.result = q.Text(3);
  if (!q.IsNull(4)) p.score = q.Double(4);
  p.created_at = q.Int(5);
  return p;
}

// Every row a bound query yields.
Result<std::vector<Prediction>> ReadPredictionRows(Query& q) {
  std::vector<Prediction> out;
  while (true) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadPredictionRow(q));
  }
}

}  // namespace

Status SqlitePredictionStore::Upsert(int64_t project_id,
                                     const std::vector<Prediction>& predictions) {
  for (const Prediction& p : predictions) CHORUS_RETURN_IF_ERROR(domain::ValidatePrediction(p));
  return db_.writer.Run([&](Connection& db) -> Status {
    for (const Prediction& p : predictions) {
      // Stored only when the task is the project's: the SELECT yields no row otherwise.
      Result<Query> q = db.Prepare(
          "INSERT INTO predictions (task_id, project_id, model_version, result, score, "
          "created_at) SELECT id, project_id, ?, ?, ?, ? FROM tasks WHERE id = ? AND "
          "project_id = ? ON CONFLICT (task_id, model_version) DO UPDATE SET "
          "result = excluded.result, score = excluded.score, created_at = excluded.created_at");
      if (!q.ok()) return q.status();
      q->BindText(p.model_version).BindText(p.result);
      if (p.score) {
        q->BindDouble(*p.score);
      } else {
        q->BindNull();
      }
      CHORUS_RETURN_IF_ERROR(q->BindInt(p.created_at).BindInt(p.task_id).BindInt(project_id).Run());
      if (db.Changes() != 1) {
        return InvalidArgument("task " + std::to_string(p.task_id) + " is not a task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<Prediction>> SqlitePredictionStore::ListForTask(int64_t task_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<Prediction>> {
    Result<Query> q = db.Prepare(CHORUS_PREDICTION_COLUMNS
                                 "WHERE task_id = ? ORDER BY created_at DESC, model_version");
    if (!q.ok()) return q.status();
    q->BindInt(task_id);
    return ReadPredictionRows(*q);
  });
}

Result<std::optional<Prediction>> SqlitePredictionStore::Find(int64_t task_id,
                                                              std::string_view model_version) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::optional<Prediction>> {
    Result<Query> q =
        db.Prepare(CHORUS_PREDICTION_COLUMNS "WHERE task_id = ? AND model_version = ?");
    if (!q.ok()) return q.status();
    q->BindInt(task_id).BindText(model_version);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<Prediction>();
    return std::optional<Prediction>(ReadPredictionRow(*q));
  });
}

Result<std::optional<std::string>> SqlitePredictionStore::LatestModelVersion(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::optional<std::string>> {
    Result<Query> q = db.Prepare(
        "SELECT model_version FROM predictions WHERE project_id = ? "
        "ORDER BY created_at DESC, model_version DESC LIMIT 1");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    Result<bool> row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(q->Text(0));
  });
}

Result<std::vector<Prediction>> SqlitePredictionStore::ListForModel(
    int64_t project_id, std::string_view model_version) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<Prediction>> {
    Result<Query> q = db.Prepare(CHORUS_PREDICTION_COLUMNS
                                 "WHERE project_id = ? AND model_version = ? ORDER BY task_id");
    if (!q.ok()) return q.status();
    q->BindInt(project_id).BindText(model_version);
    return ReadPredictionRows(*q);
  });
}

Result<std::string> SqlitePredictionStore::DraftKey(int64_t project_id,
                                                    const std::string& candidate) {
  std::string key;
  const Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> insert = db.Prepare(
        "INSERT INTO draft_keys (project_id, secret) SELECT id, ? FROM projects WHERE id = ? "
        "ON CONFLICT (project_id) DO NOTHING");
    if (!insert.ok()) return insert.status();
    CHORUS_RETURN_IF_ERROR(insert->BindText(candidate).BindInt(project_id).Run());
    Result<Query> q = db.Prepare("SELECT secret FROM draft_keys WHERE project_id = ?");
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(project_id).Step();
    if (!row.ok()) return row.status();
    if (!*row)
      return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
    key = q->Text(0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return key;
}

Result<std::optional<int64_t>> SqlitePredictionStore::TaskByExternalId(
    int64_t project_id, std::string_view external_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::optional<int64_t>> {
    Result<Query> q = db.Prepare("SELECT id FROM tasks WHERE project_id = ? AND external_id = ?");
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(project_id).BindText(external_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<int64_t>();
    return std::optional<int64_t>(q->Int(0));
  });
}

Result<std::optional<std::string>> SqlitePredictionStore::ModelBackend(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::optional<std::string>> {
    Result<Query> q = db.Prepare("SELECT config FROM model_backends WHERE project_id = ?");
    if (!q.ok()) return q.status();
    Result<bool> row = q->BindInt(project_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(q->Text(0));
  });
}

Status SqlitePredictionStore::SetModelBackend(int64_t project_id, const std::string& config,
                                              int64_t updated_at) {
  return db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> exists = db.Prepare("SELECT 1 FROM projects WHERE id = ?");
    if (!exists.ok()) return exists.status();
    Result<bool> row = exists->BindInt(project_id).Step();
    if (!row.ok()) return row.status();
    if (!*row)
      return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
    Result<Query> upsert = db.Prepare(
        "INSERT INTO model_backends (project_id, config, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (project_id) DO UPDATE SET config = excluded.config, "
        "updated_at = excluded.updated_at");
    if (!upsert.ok()) return upsert.status();
    return upsert->BindInt(project_id).BindText(config).BindInt(updated_at).Run();
  });
}

#undef CHORUS_PREDICTION_COLUMNS

}  // namespace chorus::store::sqlite
