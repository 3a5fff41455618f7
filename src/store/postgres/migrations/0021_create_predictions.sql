-- Model predictions and draft provenance (as the SQLite backend's migration 0021 explains).
CREATE TABLE predictions (
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  model_version TEXT NOT NULL,
  result TEXT NOT NULL,
  score DOUBLE PRECISION,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, model_version)
);

CREATE INDEX predictions_project_model ON predictions (project_id, model_version, created_at);

CREATE TABLE draft_keys (
  project_id BIGINT PRIMARY KEY REFERENCES projects (id),
  secret TEXT NOT NULL
);

ALTER TABLE projects ADD COLUMN draft_policy TEXT NOT NULL DEFAULT '{}';

ALTER TABLE annotations ADD COLUMN draft_model_version TEXT;
ALTER TABLE annotations ADD COLUMN blind BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE annotations ADD COLUMN draft_accepted BOOLEAN NOT NULL DEFAULT FALSE;
