-- Qualification: each answer a new annotator gave to a calibration (gold) item, judged when it
-- was given and kept as it was then, so correcting the annotation afterwards (with the
-- reference in view) changes nothing. Attempts number the annotator's tries from 1.
CREATE TABLE calibration_answers (
  project_id INTEGER NOT NULL REFERENCES projects (id),
  annotator_id INTEGER NOT NULL REFERENCES users (id),
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  attempt INTEGER NOT NULL CHECK (attempt >= 1),
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, annotator_id, task_id)
) STRICT;
