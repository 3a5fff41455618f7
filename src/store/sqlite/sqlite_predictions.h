// PredictionStore on SQLite: an import is one operation of the single writer, so it is stored
// whole or not at all. Thread-safety: safe from many threads.
#pragma once

#include "store/prediction_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqlitePredictionStore final : public PredictionStore {
 public:
  explicit SqlitePredictionStore(SqliteContext context) : db_(context) {}

  Status Upsert(int64_t project_id, const std::vector<domain::Prediction>& predictions) override;
  Result<std::vector<domain::Prediction>> ListForTask(int64_t task_id) override;
  Result<std::optional<domain::Prediction>> Find(int64_t task_id,
                                                 std::string_view model_version) override;
  Result<std::optional<std::string>> LatestModelVersion(int64_t project_id) override;
  Result<std::vector<domain::Prediction>> ListForModel(int64_t project_id,
                                                       std::string_view model_version) override;
  Result<std::optional<std::string>> ModelBackend(int64_t project_id) override;
  Status SetModelBackend(int64_t project_id, const std::string& config,
                         int64_t updated_at) override;
  Result<std::string> DraftKey(int64_t project_id, const std::string& candidate) override;
  Result<std::optional<int64_t>> TaskByExternalId(int64_t project_id,
                                                  std::string_view external_id) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
