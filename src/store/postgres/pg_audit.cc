// AuditLog on PostgreSQL: ids come from an identity sequence, so they grow with appends and
// are never reused.
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::AuditEvent;

namespace {

// One page from rows fetched with LIMIT limit + 1.
Page<AuditEvent> ReadPage(const Rows& rows, int64_t limit) {
  Page<AuditEvent> out;
  for (int i = 0; i < rows.size(); ++i) {
    if (static_cast<int64_t>(out.items.size()) == limit) {
      out.next_after_id = out.items.back().id;
      break;
    }
    out.items.push_back(AuditEvent{rows.Int(i, 0), rows.OptInt(i, 1), rows.Text(i, 2),
                                   rows.Text(i, 3), rows.Int(i, 4), rows.Text(i, 5),
                                   rows.Text(i, 6), rows.Int(i, 7)});
  }
  return out;
}

}  // namespace

Result<AuditEvent> PgAuditLog::Append(AuditEvent event) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateAuditEvent(event));
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec(
        "INSERT INTO audit_events (actor_id, action, entity, entity_id, before_json, "
        "after_json, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        Params()
            .OptInt(event.actor_id)
            .Text(event.action)
            .Text(event.entity)
            .Int(event.entity_id)
            .Text(event.before)
            .Text(event.after)
            .Int(event.at));
    if (rows.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "actor_id");
    }
    if (!rows.ok()) return rows.status();
    event.id = rows->Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return event;
}

Result<Page<AuditEvent>> PgAuditLog::ListByEntity(std::string_view entity, int64_t entity_id,
                                                  const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<AuditEvent>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(
        "SELECT id, actor_id, action, entity, entity_id, before_json, after_json, at "
        "FROM audit_events WHERE entity = $1 AND entity_id = $2 AND id > $3 ORDER BY id "
        "LIMIT $4",
        Params().Text(entity).Int(entity_id).Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    return ReadPage(*rows, limit);
  });
}

Result<Page<AuditEvent>> PgAuditLog::List(const AuditFilter& filter, const PageRequest& page) {
  if (filter.entity_id && !filter.entity) {
    return InvalidArgument("give entity too: ids are numbered per kind of entity", "entity_id");
  }
  // Only the conditions asked for, so each combination can use its index; the SQL is made of
  // fixed fragments (values are parameters), and each variant is prepared once per connection.
  const int64_t limit = ClampLimit(page.limit);
  Params params;
  params.Int(page.after_id);
  std::string sql =
      "SELECT id, actor_id, action, entity, entity_id, before_json, after_json, at "
      "FROM audit_events WHERE id > $1";
  int n = 1;
  if (filter.entity) {
    sql += " AND entity = $" + std::to_string(++n);
    params.Text(*filter.entity);
  }
  if (filter.entity_id) {
    sql += " AND entity_id = $" + std::to_string(++n);
    params.Int(*filter.entity_id);
  }
  if (filter.actor_id) {
    sql += " AND actor_id = $" + std::to_string(++n);
    params.Int(*filter.actor_id);
  }
  sql += " ORDER BY id LIMIT $" + std::to_string(++n);
  params.Int(limit + 1);
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<AuditEvent>> {
    Result<Rows> rows = db.Exec(sql.c_str(), params);
    if (!rows.ok()) return rows.status();
    return ReadPage(*rows, limit);
  });
}

}  // namespace chorus::store::postgres
