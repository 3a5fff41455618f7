-- Stored aggregates (issue 6, "disagreement kept"): per task, the label distribution of its
-- votes on one single-choice control, the aggregated label, posterior, confidence and training
-- weight. Derived data, replaced per project in one transaction; distribution and posterior are
-- JSON object text (option -> share / probability).
CREATE TABLE task_aggregates (
  task_id INTEGER PRIMARY KEY REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  control TEXT NOT NULL,
  method TEXT NOT NULL,
  label TEXT,
  distribution TEXT NOT NULL,
  posterior TEXT NOT NULL,
  confidence REAL NOT NULL,
  weight REAL NOT NULL,
  ambiguous INTEGER NOT NULL,
  votes INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('inferred', 'adjudicated', 'single')),
  computed_at INTEGER NOT NULL
) STRICT;

-- A project's aggregates in task order (List, and the delete of ReplaceForProject).
CREATE INDEX task_aggregates_project ON task_aggregates (project_id, task_id);
