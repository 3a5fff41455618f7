-- Machine labels and labelling functions (as the SQLite backend's migration 0024 explains).
CREATE TABLE machine_labels (
  id BIGSERIAL PRIMARY KEY,
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  source TEXT NOT NULL CHECK (source IN ('model', 'rule')),
  origin TEXT NOT NULL,
  result TEXT NOT NULL,
  score DOUBLE PRECISION,
  threshold DOUBLE PRECISION,
  created_at BIGINT NOT NULL
);

CREATE INDEX machine_labels_project_task ON machine_labels (project_id, task_id, id);
CREATE INDEX machine_labels_project_id ON machine_labels (project_id, id);

CREATE FUNCTION machine_labels_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'machine labels are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER machine_labels_no_change BEFORE UPDATE OR DELETE ON machine_labels
  FOR EACH ROW EXECUTE FUNCTION machine_labels_append_only();

ALTER TABLE tasks ADD COLUMN auto_labelled BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE labelling_functions (
  project_id BIGINT PRIMARY KEY REFERENCES projects (id),
  document TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
