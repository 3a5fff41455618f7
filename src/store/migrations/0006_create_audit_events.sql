-- The append-only audit log.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so ids order events for good
  actor_id INTEGER REFERENCES users (id),
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  before_json TEXT NOT NULL,  -- "before" and "after" are SQL keywords
  after_json TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;

CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, id);
