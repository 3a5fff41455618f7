// AnnotationStore on SQLite. Idempotency, the one-row-per-annotator-and-task rule, the draft
// a submission completes and the per-task cap are checked and written inside one writer
// operation, so concurrent submissions and saves cannot slip past them.
// Thread-safety: safe from many threads.
#pragma once

#include "store/annotation_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteAnnotationStore final : public AnnotationStore {
 public:
  explicit SqliteAnnotationStore(SqliteContext context) : db_(context) {}

  UpdateResult<SubmitResult> Submit(domain::Annotation annotation,
                                    const SubmitOptions& options) override;
  UpdateResult<domain::Annotation> SaveDraft(domain::Annotation draft) override;
  UpdateResult<domain::Annotation> Update(const domain::Annotation& changed, int64_t actor_id,
                                          const SubmitOptions& options) override;
  Result<domain::Annotation> Get(int64_t id) override;
  Result<std::optional<domain::Annotation>> FindOwn(int64_t task_id, int64_t annotator_id) override;
  Result<std::vector<domain::Annotation>> ListByTask(int64_t task_id) override;
  Result<Page<domain::Annotation>> ListSubmittedInProject(int64_t project_id,
                                                          const PageRequest& page) override;
  Result<int64_t> CountSubmitted(int64_t task_id) override;
  Result<AnnotatorStats> StatsFor(int64_t project_id, int64_t annotator_id) override;
  Result<std::vector<AnnotatorWork>> WorkByAnnotator(int64_t project_id) override;
  Result<domain::Review> AddReview(domain::Review review) override;
  Result<std::vector<domain::Review>> ListReviews(int64_t task_id) override;
  Result<std::optional<ReturnedWork>> FirstReturned(int64_t project_id,
                                                    int64_t annotator_id) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
