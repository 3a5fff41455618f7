// AdjudicationStore on SQLite: every write is one operation of the single writer.
// Thread-safety: safe from many threads.
#pragma once

#include "store/adjudication_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteAdjudicationStore final : public AdjudicationStore {
 public:
  explicit SqliteAdjudicationStore(SqliteContext context) : db_(context) {}

  Result<bool> Escalate(const domain::Adjudication& opened, int64_t seen_submitted) override;
  Result<domain::Adjudication> Get(int64_t task_id) override;
  Result<Page<domain::Adjudication>> List(int64_t project_id, AdjudicationFilter filter,
                                          const PageRequest& page) override;
  Result<int64_t> CountOpen(int64_t project_id) override;
  Result<domain::Adjudication> Decide(int64_t task_id, int64_t adjudicator_id, std::string result,
                                      std::string rationale, int64_t now_ms) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
