// AggregateStore on SQLite: a replacement is one operation of the single writer (one
// SAVEPOINT inside a group commit), so readers see the old rows or the new ones.
// Thread-safety: safe from many threads.
#pragma once

#include "store/aggregate_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteAggregateStore final : public AggregateStore {
 public:
  explicit SqliteAggregateStore(SqliteContext context) : db_(context) {}

  Status ReplaceForProject(int64_t project_id,
                           const std::vector<domain::TaskAggregate>& rows) override;
  Result<domain::TaskAggregate> Get(int64_t task_id) override;
  Result<Page<domain::TaskAggregate>> List(int64_t project_id, const PageRequest& page) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
