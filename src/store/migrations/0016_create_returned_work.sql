-- Rejected work returns to its annotator: one row per submitted annotation whose latest review
-- rejected it, until a later accepted or fixed review, or its annotator updating it (correcting
-- or skipping it), removes the row. The next-task hand-out looks here first, so the index
-- makes that one probe per request; it never scans an annotator's annotations.
CREATE TABLE returned_work (
  annotation_id INTEGER PRIMARY KEY REFERENCES annotations (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  annotator_id INTEGER NOT NULL REFERENCES users (id),
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  review_id INTEGER NOT NULL REFERENCES reviews (id),
  returned_at INTEGER NOT NULL
) STRICT;

-- An annotator's returned work in a project, oldest annotation first (Next).
CREATE INDEX returned_work_annotator ON returned_work (project_id, annotator_id, annotation_id);
