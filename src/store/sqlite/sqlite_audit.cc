#include "store/sqlite/sqlite_audit.h"

#include <string>
#include <utility>

namespace chorus::store::sqlite {

using domain::AuditEvent;

namespace {

// Reads pages of a bound query (its last parameter bound to limit + 1 by the caller).
Result<Page<AuditEvent>> ReadPage(Query& q, int64_t limit) {
  return ReadPageRows<AuditEvent>(q, limit, [](const Query& row) -> Result<AuditEvent> {
    return AuditEvent{row.Int(0), row.OptInt(1), row.Text(2), row.Text(3),
                      row.Int(4), row.Text(5),   row.Text(6), row.Int(7)};
  });
}

}  // namespace

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
    return ReadPage(*q, limit);
  });
}

Result<Page<AuditEvent>> SqliteAuditLog::List(const AuditFilter& filter, const PageRequest& page) {
  if (filter.entity_id && !filter.entity) {
    return InvalidArgument("give entity too: ids are numbered per kind of entity", "entity_id");
  }
  // Only the conditions asked for, so each combination uses its index; the SQL is made of fixed
  // fragments (values are bound), and each variant is prepared once per connection.
  std::string sql =
      "SELECT id, actor_id, action, entity, entity_id, before_json, after_json, at "
      "FROM audit_events WHERE id > ?";
  if (filter.entity) sql += " AND entity = ?";
  if (filter.entity_id) sql += " AND entity_id = ?";
  if (filter.actor_id) sql += " AND actor_id = ?";
  sql += " ORDER BY id LIMIT ?";
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<AuditEvent>> {
    const int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindInt(page.after_id);
    if (filter.entity) q->BindText(*filter.entity);
    if (filter.entity_id) q->BindInt(*filter.entity_id);
    if (filter.actor_id) q->BindInt(*filter.actor_id);
    q->BindInt(limit + 1);
    return ReadPage(*q, limit);
  });
}

}  // namespace chorus::store::sqlite
