-- Machine labels (domain/machine_label.h, issue 7 items 3, 7 and 8): a model's predictions
-- accepted by auto-labelling (source 'model', origin = model version, with its score and the
-- threshold) and the label model's answers over labelling functions (source 'rule', origin =
-- rule set, score = probability). Kept apart from annotations so they never count as a
-- person's work, agreement or pay; append-only: the triggers refuse updates and deletes.
CREATE TABLE machine_labels (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  source TEXT NOT NULL CHECK (source IN ('model', 'rule')),
  origin TEXT NOT NULL,
  result TEXT NOT NULL,
  score REAL,
  threshold REAL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX machine_labels_project_task ON machine_labels (project_id, task_id, id);
CREATE INDEX machine_labels_project_id ON machine_labels (project_id, id);

CREATE TRIGGER machine_labels_no_update BEFORE UPDATE ON machine_labels BEGIN
  SELECT RAISE(ABORT, 'machine labels are append-only');
END;

CREATE TRIGGER machine_labels_no_delete BEFORE DELETE ON machine_labels BEGIN
  SELECT RAISE(ABORT, 'machine labels are append-only');
END;

-- A task auto-labelled by a model leaves people's queue (TaskStore::ReserveNextTask).
ALTER TABLE tasks ADD COLUMN auto_labelled INTEGER NOT NULL DEFAULT 0
  CHECK (auto_labelled IN (0, 1));

-- A project's labelling functions: one JSON document in the CLI's function-file shape
-- (quality/ingest/function_set_reader.h).
CREATE TABLE labelling_functions (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id),
  document TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
