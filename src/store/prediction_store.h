// Model predictions (domain/prediction.h): one current prediction per (task, model version),
// replaced when the same model's prediction for the task is imported again (latest wins).
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/prediction.h"

namespace chorus::store {

class PredictionStore {
 public:
  virtual ~PredictionStore() = default;

  // Stores `predictions` (each one's project_id is taken to be `project_id`) in one
  // transaction, replacing any stored prediction of the same task and model version.
  // kInvalidArgument naming "task_id" when a prediction's task is not a task of the project,
  // or the field ValidatePrediction names; nothing is stored then.
  virtual Status Upsert(int64_t project_id, const std::vector<domain::Prediction>& predictions) = 0;
  // A task's predictions, newest first (then by model version). Empty when it has none.
  virtual Result<std::vector<domain::Prediction>> ListForTask(int64_t task_id) = 0;
  // The task's prediction by `model_version`, nullopt when there is none.
  virtual Result<std::optional<domain::Prediction>> Find(int64_t task_id,
                                                         std::string_view model_version) = 0;
  // The model version with the most recent import in the project (ties: the greatest name),
  // nullopt when the project has no predictions.
  virtual Result<std::optional<std::string>> LatestModelVersion(int64_t project_id) = 0;
  // Every prediction of `model_version` in the project, in task id order. Memory: the rows.
  virtual Result<std::vector<domain::Prediction>> ListForModel(int64_t project_id,
                                                               std::string_view model_version) = 0;

  // The task of `project_id` whose external id is `external_id`, nullopt when there is none
  // (predictions imported on their own name their task either way).
  virtual Result<std::optional<int64_t>> TaskByExternalId(int64_t project_id,
                                                          std::string_view external_id) = 0;

  // The project's model backend configuration (domain/model_backend.h as JSON text), nullopt
  // when it has none.
  virtual Result<std::optional<std::string>> ModelBackend(int64_t project_id) = 0;
  // Stores (or replaces) it. kNotFound (field "project_id") for an unknown project.
  virtual Status SetModelBackend(int64_t project_id, const std::string& config,
                                 int64_t updated_at) = 0;

  // The secret keying the project's blind draws: `candidate` stored and returned when the
  // project has none yet, else the one stored first (so concurrent first uses agree).
  // kNotFound for an unknown project.
  virtual Result<std::string> DraftKey(int64_t project_id, const std::string& candidate) = 0;
};

}  // namespace chorus::store
