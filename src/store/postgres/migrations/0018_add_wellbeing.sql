-- Annotator wellbeing (as the SQLite backend's migration 0018 explains).
ALTER TABLE tasks ADD COLUMN sensitive BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE projects ADD COLUMN wellbeing_policy TEXT NOT NULL DEFAULT '{}';

CREATE TABLE wellbeing_opt_outs (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  annotator_id BIGINT NOT NULL REFERENCES users (id),
  opted_out_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, annotator_id)
);

CREATE INDEX annotations_project_annotator_time
  ON annotations (project_id, annotator_id, updated_at);
