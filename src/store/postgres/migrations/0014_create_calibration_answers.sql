-- Qualification answers, as the SQLite backend's migration 0014 explains.
CREATE TABLE calibration_answers (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  annotator_id BIGINT NOT NULL REFERENCES users (id),
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  attempt BIGINT NOT NULL CHECK (attempt >= 1),
  correct BOOLEAN NOT NULL,
  answered_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, annotator_id, task_id)
);
