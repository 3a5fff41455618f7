-- Rejected work returned to its annotator (as the SQLite backend's migration 0016 explains).
CREATE TABLE returned_work (
  annotation_id BIGINT PRIMARY KEY REFERENCES annotations (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  annotator_id BIGINT NOT NULL REFERENCES users (id),
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  review_id BIGINT NOT NULL REFERENCES reviews (id),
  returned_at BIGINT NOT NULL
);

-- An annotator's returned work in a project, oldest annotation first (Next).
CREATE INDEX returned_work_annotator ON returned_work (project_id, annotator_id, annotation_id);
