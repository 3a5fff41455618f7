// AnnotationStore on SQLite. Idempotency, the one-row-per-annotator-and-task rule and the
// per-task cap are checked inside one writer operation, so concurrent submissions cannot slip
// past them. Thread-safety: safe from many threads.
#pragma once

#include "store/annotation_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteAnnotationStore final : public AnnotationStore {
 public:
  explicit SqliteAnnotationStore(SqliteContext context) : db_(context) {}

  UpdateResult<SubmitResult> Submit(domain::Annotation annotation,
                                    const SubmitOptions& options) override;
  UpdateResult<domain::Annotation> Update(const domain::Annotation& changed,
                                          int64_t actor_id) override;
  Result<domain::Annotation> Get(int64_t id) override;
  Result<std::vector<domain::Annotation>> ListByTask(int64_t task_id) override;
  Result<int64_t> CountSubmitted(int64_t task_id) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
