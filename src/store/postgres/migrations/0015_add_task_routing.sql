-- Routing: who may label a task and how many labels it wants (as the SQLite backend's
-- migration 0015 explains).
ALTER TABLE tasks ADD COLUMN wanted BIGINT CHECK (wanted >= 1);
ALTER TABLE tasks ADD COLUMN required_tier TEXT
  CHECK (required_tier IN ('crowd', 'expert', 'gold_maker'));

ALTER TABLE projects ADD COLUMN routing_policy TEXT NOT NULL DEFAULT '{}';

CREATE TABLE adjudications (
  task_id BIGINT PRIMARY KEY REFERENCES tasks (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  reason TEXT NOT NULL,
  labels BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users (id),
  decided_at BIGINT,
  result TEXT,
  rationale TEXT,
  CHECK ((decided_at IS NULL) = (result IS NULL))
);

CREATE INDEX adjudications_open ON adjudications (project_id, task_id) WHERE decided_at IS NULL;
CREATE INDEX adjudications_decided ON adjudications (project_id, decided_at)
  WHERE decided_at IS NOT NULL;

-- The slot functions of migration 0007, now against the task's own wanted labels when set.
CREATE OR REPLACE FUNCTION chorus_take_slots(task BIGINT, delta BIGINT) RETURNS VOID AS $$
  UPDATE tasks SET taken = taken + delta, is_open = taken + delta <
    COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = task;
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION chorus_project_reopen() RETURNS TRIGGER AS $$
BEGIN
  UPDATE tasks SET is_open = taken < NEW.overlap WHERE project_id = NEW.id AND wanted IS NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Setting a task's wanted labels reopens or closes it at once (a BEFORE trigger: the row
-- being written carries its own is_open).
CREATE FUNCTION chorus_task_rewant() RETURNS TRIGGER AS $$
BEGIN
  NEW.is_open := NEW.taken <
    COALESCE(NEW.wanted, (SELECT overlap FROM projects p WHERE p.id = NEW.project_id));
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tasks_rewant BEFORE UPDATE OF wanted ON tasks
  FOR EACH ROW EXECUTE FUNCTION chorus_task_rewant();
