-- Reviews of submitted annotations (accepted, fixed with a corrected result, rejected with a
-- reason). Append-only: a task's reviews are its review history; the annotation itself is
-- never changed by a review.
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  annotation_id INTEGER NOT NULL REFERENCES annotations (id),
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  reviewer_id INTEGER NOT NULL REFERENCES users (id),
  verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'fixed', 'rejected')),
  comment TEXT NOT NULL,
  result TEXT,  -- The corrected result (JSON) of a fix; NULL otherwise.
  created_at INTEGER NOT NULL
) STRICT;

-- A task's reviews in order (the reviewer view, exports).
CREATE INDEX reviews_task ON reviews (task_id, id);
