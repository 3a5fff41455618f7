#include "store/sqlite/sqlite_audit.h"

#include <utility>

namespace chorus::store::sqlite {

using domain::AuditEvent;

Result<AuditEvent> SqliteAuditLog::Append(AuditEvent event) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateAuditEvent(event));
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare(
        "INSERT INTO audit_events (actor_id, action, entity, entity_id, before_json, after_json, "
        "at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindOptInt(event.actor_id)
                   .BindText(event.action)
                   .BindText(event.entity)
                   .BindInt(event.entity_id)
                   .BindText(event.before)
                   .BindText(event.after)
                   .BindInt(event.at)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "actor_id");
    }
    CHORUS_RETURN_IF_ERROR(s);
    event.id = db.LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return event;
}

Result<Page<AuditEvent>> SqliteAuditLog::ListByEntity(std::string_view entity, int64_t entity_id,
                                                      const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<AuditEvent>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(
        "SELECT id, actor_id, action, entity, entity_id, before_json, after_json, at "
        "FROM audit_events WHERE entity = ? AND entity_id = ? AND id > ? ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->BindText(entity).BindInt(entity_id).BindInt(page.after_id).BindInt(limit + 1);
    Page<AuditEvent> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      out.items.push_back(AuditEvent{q->Int(0), q->OptInt(1), q->Text(2), q->Text(3), q->Int(4),
                                     q->Text(5), q->Text(6), q->Int(7)});
    }
    return out;
  });
}

}  // namespace chorus::store::sqlite
