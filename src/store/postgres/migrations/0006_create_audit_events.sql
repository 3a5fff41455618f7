-- The append-only audit log.
CREATE TABLE audit_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- a sequence: ids are never reused
  actor_id BIGINT REFERENCES users (id),
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  at BIGINT NOT NULL
);

CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, id);
