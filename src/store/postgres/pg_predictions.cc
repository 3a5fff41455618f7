// PredictionStore on PostgreSQL: an import is one transaction; INSERT ... ON CONFLICT DO UPDATE
// makes a re-import replace the stored prediction of the same task and model version.
#include <string>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Prediction;

namespace {

#define CHORUS_PREDICTION_COLUMNS \
  "SELECT task_id, project_id, model_version, result, score, created_at FROM predictions "

Prediction ReadPredictionRow(const Rows& rows, int i) {
  Prediction p;
  p.task_id = rows.Int(i, 0);
  p.project_id = rows.Int(i, 1);
  p.model_version = rows.Text(i, 2);
  p.result = rows.Text(i, 3);
  if (!rows.IsNull(i, 4)) p.score = rows.Double(i, 4);
  p.created_at = rows.Int(i, 5);
  return p;
}

std::vector<Prediction> ReadPredictionRows(const Rows& rows) {
  std::vector<Prediction> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(ReadPredictionRow(rows, i));
  return out;
}

}  // namespace

Status PgPredictionStore::Upsert(int64_t project_id, const std::vector<Prediction>& predictions) {
  for (const Prediction& p : predictions) CHORUS_RETURN_IF_ERROR(domain::ValidatePrediction(p));
  return pool_.Transaction([&](Connection& db) -> Status {
    for (const Prediction& p : predictions) {
      Params params;
      params.Text(p.model_version).Text(p.result);
      if (p.score) {
        params.Double(*p.score);
      } else {
        params.Null();
      }
      params.Int(p.created_at).Int(p.task_id).Int(project_id);
      // Stored only when the task is the project's: the SELECT yields no row otherwise.
      Result<Rows> stored = db.Exec(
          "INSERT INTO predictions (task_id, project_id, model_version, result, score, "
          "created_at) SELECT id, project_id, $1::text, $2::text, $3::double precision, "
          "$4::bigint FROM tasks WHERE id = $5 AND project_id = $6 "
          "ON CONFLICT (task_id, model_version) DO UPDATE SET result = excluded.result, "
          "score = excluded.score, created_at = excluded.created_at",
          params);
      if (!stored.ok()) return stored.status();
      if (stored->affected() != 1) {
        return InvalidArgument("task " + std::to_string(p.task_id) + " is not a task of project " +
                                   std::to_string(project_id),
                               "task_id");
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<Prediction>> PgPredictionStore::ListForTask(int64_t task_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<Prediction>> {
    Result<Rows> rows =
        db.Exec(CHORUS_PREDICTION_COLUMNS
                "WHERE task_id = $1 ORDER BY created_at DESC, model_version COLLATE \"C\"",
                Params().Int(task_id));
    if (!rows.ok()) return rows.status();
    return ReadPredictionRows(*rows);
  });
}

Result<std::optional<Prediction>> PgPredictionStore::Find(int64_t task_id,
                                                          std::string_view model_version) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::optional<Prediction>> {
    Result<Rows> rows =
        db.Exec(CHORUS_PREDICTION_COLUMNS "WHERE task_id = $1 AND model_version = $2",
                Params().Int(task_id).Text(model_version));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<Prediction>();
    return std::optional<Prediction>(ReadPredictionRow(*rows, 0));
  });
}

Result<std::optional<std::string>> PgPredictionStore::LatestModelVersion(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::optional<std::string>> {
    Result<Rows> rows = db.Exec(
        "SELECT model_version FROM predictions WHERE project_id = $1 "
        "ORDER BY created_at DESC, model_version COLLATE \"C\" DESC LIMIT 1",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows->Text(0, 0));
  });
}

Result<std::vector<Prediction>> PgPredictionStore::ListForModel(int64_t project_id,
                                                                std::string_view model_version) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<Prediction>> {
    Result<Rows> rows = db.Exec(CHORUS_PREDICTION_COLUMNS
                                "WHERE project_id = $1 AND model_version = $2 ORDER BY task_id",
                                Params().Int(project_id).Text(model_version));
    if (!rows.ok()) return rows.status();
    return ReadPredictionRows(*rows);
  });
}

Result<std::string> PgPredictionStore::DraftKey(int64_t project_id, const std::string& candidate) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::string> {
    Result<Rows> inserted = db.Exec(
        "INSERT INTO draft_keys (project_id, secret) SELECT id, $1::text FROM projects "
        "WHERE id = $2 ON CONFLICT (project_id) DO NOTHING",
        Params().Text(candidate).Int(project_id));
    if (!inserted.ok()) return inserted.status();
    Result<Rows> rows =
        db.Exec("SELECT secret FROM draft_keys WHERE project_id = $1", Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
    }
    return rows->Text(0, 0);
  });
}

Result<std::optional<int64_t>> PgPredictionStore::TaskByExternalId(int64_t project_id,
                                                                   std::string_view external_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::optional<int64_t>> {
    Result<Rows> rows = db.Exec("SELECT id FROM tasks WHERE project_id = $1 AND external_id = $2",
                                Params().Int(project_id).Text(external_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(rows->Int(0, 0));
  });
}

Result<std::optional<std::string>> PgPredictionStore::ModelBackend(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::optional<std::string>> {
    Result<Rows> rows = db.Exec("SELECT config FROM model_backends WHERE project_id = $1",
                                Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<std::string>();
    return std::optional<std::string>(rows->Text(0, 0));
  });
}

Status PgPredictionStore::SetModelBackend(int64_t project_id, const std::string& config,
                                          int64_t updated_at) {
  return WithConnection(pool_, [&](Connection& db) -> Result<bool> {
    Result<Rows> rows = db.Exec(
        "INSERT INTO model_backends (project_id, config, updated_at) "
        "SELECT id, $2::text, $3::bigint FROM projects WHERE id = $1 "
        "ON CONFLICT (project_id) DO UPDATE SET config = EXCLUDED.config, "
        "updated_at = EXCLUDED.updated_at RETURNING project_id",
        Params().Int(project_id).Text(config).Int(updated_at));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return NotFound("there is no project with id " + std::to_string(project_id), "project_id");
    }
    return true;
  }).status();
}

#undef CHORUS_PREDICTION_COLUMNS

}  // namespace chorus::store::postgres
