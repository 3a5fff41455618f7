-- Gold (control) items, as the SQLite backend's migration 0013 explains.
CREATE TABLE gold_items (
  task_id BIGINT PRIMARY KEY REFERENCES tasks (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  reference TEXT NOT NULL,
  rationale TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);

CREATE INDEX gold_items_project ON gold_items (project_id, task_id);

ALTER TABLE tasks ADD COLUMN is_gold BOOLEAN NOT NULL DEFAULT FALSE;
CREATE FUNCTION gold_items_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE tasks SET is_gold = TRUE WHERE id = NEW.task_id;
  ELSE
    UPDATE tasks SET is_gold = FALSE WHERE id = OLD.task_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER gold_items_mark AFTER INSERT OR DELETE ON gold_items
  FOR EACH ROW EXECUTE FUNCTION gold_items_mark();

DROP INDEX tasks_open;
CREATE INDEX tasks_open ON tasks (project_id, priority DESC, id) WHERE is_open AND NOT is_gold;

CREATE TABLE gold_queue_state (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  annotator_id BIGINT NOT NULL REFERENCES users (id),
  last_was_gold BOOLEAN NOT NULL,
  PRIMARY KEY (project_id, annotator_id)
);

ALTER TABLE projects ADD COLUMN gold_policy TEXT NOT NULL DEFAULT '{}';
