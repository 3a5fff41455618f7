-- Each task counts its taken slots (submitted labels + reservations) and whether it still has
-- room under its project's overlap, kept by triggers so no code path can forget them. The next
-- task is then the first row of a partial index of open tasks instead of a walk over every
-- finished task with three subqueries each (O(done) per request, 3 ms at 3,000 done tasks).
ALTER TABLE tasks ADD COLUMN taken INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1 CHECK (is_open IN (0, 1));

UPDATE tasks SET taken =
  (SELECT COUNT(*) FROM annotations a WHERE a.task_id = tasks.id AND a.state = 'submitted')
  + (SELECT COUNT(*) FROM reservations r WHERE r.task_id = tasks.id);
UPDATE tasks SET is_open = taken < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id);

DROP INDEX tasks_next;
-- The order in which open tasks are handed out: highest priority, then lowest id.
CREATE INDEX tasks_open ON tasks (project_id, priority DESC, id) WHERE is_open = 1;

CREATE TRIGGER reservations_take AFTER INSERT ON reservations BEGIN
  UPDATE tasks SET taken = taken + 1,
    is_open = taken + 1 < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id)
  WHERE id = NEW.task_id;
END;

CREATE TRIGGER reservations_give AFTER DELETE ON reservations BEGIN
  UPDATE tasks SET taken = taken - 1,
    is_open = taken - 1 < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id)
  WHERE id = OLD.task_id;
END;

CREATE TRIGGER annotations_take AFTER INSERT ON annotations WHEN NEW.state = 'submitted' BEGIN
  UPDATE tasks SET taken = taken + 1,
    is_open = taken + 1 < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id)
  WHERE id = NEW.task_id;
END;

CREATE TRIGGER annotations_restate AFTER UPDATE OF state ON annotations
  WHEN (OLD.state = 'submitted') != (NEW.state = 'submitted') BEGIN
  UPDATE tasks SET taken = taken + (CASE WHEN NEW.state = 'submitted' THEN 1 ELSE -1 END),
    is_open = taken + (CASE WHEN NEW.state = 'submitted' THEN 1 ELSE -1 END)
      < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id)
  WHERE id = NEW.task_id;
END;

CREATE TRIGGER annotations_give AFTER DELETE ON annotations WHEN OLD.state = 'submitted' BEGIN
  UPDATE tasks SET taken = taken - 1,
    is_open = taken - 1 < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id)
  WHERE id = OLD.task_id;
END;

CREATE TRIGGER projects_reopen AFTER UPDATE OF overlap ON projects BEGIN
  UPDATE tasks SET is_open = taken < NEW.overlap WHERE project_id = NEW.id;
END;
