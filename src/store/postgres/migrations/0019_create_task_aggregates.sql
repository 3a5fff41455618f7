-- Stored aggregates (as the SQLite backend's migration 0019 explains).
CREATE TABLE task_aggregates (
  task_id BIGINT PRIMARY KEY REFERENCES tasks (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  control TEXT NOT NULL,
  method TEXT NOT NULL,
  label TEXT,
  distribution TEXT NOT NULL,
  posterior TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  ambiguous BOOLEAN NOT NULL,
  votes BIGINT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('inferred', 'adjudicated', 'single')),
  computed_at BIGINT NOT NULL
);

-- A project's aggregates in task order (List, and the delete of ReplaceForProject).
CREATE INDEX task_aggregates_project ON task_aggregates (project_id, task_id);
