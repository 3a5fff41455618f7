-- Gold (control) items: a task with its reference answer and rationale (domain/gold_item.h).
-- A gold task leaves the ordinary queue (tasks_open now skips it) and is handed out only as a
-- control, at the project's gold rate and to at most gold.max_exposures annotators.
CREATE TABLE gold_items (
  task_id INTEGER PRIMARY KEY REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  reference TEXT NOT NULL,
  rationale TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX gold_items_project ON gold_items (project_id, task_id);

-- Kept by triggers so the queue's partial index can leave gold tasks out.
ALTER TABLE tasks ADD COLUMN is_gold INTEGER NOT NULL DEFAULT 0 CHECK (is_gold IN (0, 1));
CREATE TRIGGER gold_items_mark AFTER INSERT ON gold_items BEGIN
  UPDATE tasks SET is_gold = 1 WHERE id = NEW.task_id;
END;
CREATE TRIGGER gold_items_unmark AFTER DELETE ON gold_items BEGIN
  UPDATE tasks SET is_gold = 0 WHERE id = OLD.task_id;
END;

DROP INDEX tasks_open;
CREATE INDEX tasks_open ON tasks (project_id, priority DESC, id) WHERE is_open = 1 AND is_gold = 0;

-- Whether the last task handed to an annotator in a project was gold: never two in a row.
-- A row exists once an annotator has been handed gold in the project.
CREATE TABLE gold_queue_state (
  project_id INTEGER NOT NULL REFERENCES projects (id),
  annotator_id INTEGER NOT NULL REFERENCES users (id),
  last_was_gold INTEGER NOT NULL CHECK (last_was_gold IN (0, 1)),
  PRIMARY KEY (project_id, annotator_id)
) STRICT, WITHOUT ROWID;

-- The project's GoldPolicy as JSON ('{}': the defaults).
ALTER TABLE projects ADD COLUMN gold_policy TEXT NOT NULL DEFAULT '{}';
