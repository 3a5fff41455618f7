// AuditLog on SQLite. Thread-safety: safe from many threads.
#pragma once

#include "store/audit_log.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteAuditLog final : public AuditLog {
 public:
  explicit SqliteAuditLog(SqliteContext context) : db_(context) {}

  Result<domain::AuditEvent> Append(domain::AuditEvent event) override;
  Result<Page<domain::AuditEvent>> ListByEntity(std::string_view entity, int64_t entity_id,
                                                const PageRequest& page) override;
  Result<Page<domain::AuditEvent>> List(const AuditFilter& filter,
                                        const PageRequest& page) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
