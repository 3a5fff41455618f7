// GoldStore on SQLite: every write is one operation of the single writer.
// Thread-safety: safe from many threads.
#pragma once

#include "store/gold_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteGoldStore final : public GoldStore {
 public:
  explicit SqliteGoldStore(SqliteContext context) : db_(context) {}

  UpdateResult<domain::GoldItem> Put(domain::GoldItem item) override;
  Result<domain::GoldItem> Get(int64_t task_id) override;
  Status Remove(int64_t task_id) override;
  Result<Page<domain::GoldItem>> List(int64_t project_id, const PageRequest& page) override;
  Result<std::vector<GoldAnswer>> Answers(int64_t project_id,
                                          std::optional<int64_t> annotator_id) override;
  Result<GoldAnswerTally> Tally(int64_t project_id, int64_t annotator_id) override;
  Status RecordCalibration(const CalibrationAnswer& answer) override;
  Result<std::vector<CalibrationAnswer>> CalibrationAnswers(int64_t project_id,
                                                            int64_t annotator_id) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
