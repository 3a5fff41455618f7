// MachineLabelStore on SQLite: an append is one operation of the single writer, stored whole
// or not at all. Thread-safety: safe from many threads.
#pragma once

#include "store/machine_label_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteMachineLabelStore final : public MachineLabelStore {
 public:
  explicit SqliteMachineLabelStore(SqliteContext context) : db_(context) {}

  Status Append(int64_t project_id, const std::vector<domain::MachineLabel>& labels,
                bool close_tasks) override;
  Result<std::vector<domain::MachineLabel>> ListForTasks(int64_t project_id,
                                                         int64_t first_task_id,
                                                         int64_t last_task_id) override;
  Result<Page<domain::MachineLabel>> List(int64_t project_id,
                                          std::optional<domain::AnnotationSource> source,
                                          const PageRequest& page) override;
  Result<std::vector<int64_t>> OpenTasks(int64_t project_id) override;
  Result<std::vector<std::string>> PredictedModelVersions(int64_t project_id) override;
  Result<FunctionDocument> Functions(int64_t project_id) override;
  Status PutFunctions(int64_t project_id, const std::string& document, int64_t now_ms) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
