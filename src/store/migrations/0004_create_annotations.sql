-- Annotations (one per task and annotator; idempotency keys unique per annotator) and the
-- reservations that hold a task for an annotator until they expire.
CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  annotator_id INTEGER NOT NULL REFERENCES users (id),
  result TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('submitted', 'skipped', 'draft')),
  lead_time_ms INTEGER NOT NULL DEFAULT 0,
  active_time_ms INTEGER NOT NULL DEFAULT 0,
  guideline_version INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL CHECK (source IN ('human', 'model', 'rule', 'adjudicated')),
  draft_shown INTEGER NOT NULL DEFAULT 0 CHECK (draft_shown IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  idempotency_key TEXT,  -- NULL when the client sent none
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (task_id, annotator_id),
  UNIQUE (annotator_id, idempotency_key)
) STRICT;

CREATE INDEX annotations_task_state ON annotations (task_id, state);

CREATE TABLE reservations (
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  annotator_id INTEGER NOT NULL REFERENCES users (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, annotator_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX reservations_annotator ON reservations (annotator_id, project_id);
CREATE INDEX reservations_expiry ON reservations (project_id, expires_at);
