-- Each task counts its taken slots (submitted labels + reservations) and whether it still has
-- room under its project's overlap, kept by triggers so no code path can forget them. The next
-- task is then the first row of a partial index of open tasks instead of a walk over every
-- finished task (as the SQLite backend's migration 0007 explains).
ALTER TABLE tasks ADD COLUMN taken BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN is_open BOOLEAN NOT NULL DEFAULT TRUE;

UPDATE tasks SET taken =
  (SELECT COUNT(*) FROM annotations a WHERE a.task_id = tasks.id AND a.state = 'submitted')
  + (SELECT COUNT(*) FROM reservations r WHERE r.task_id = tasks.id);
UPDATE tasks SET is_open = taken < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id);

DROP INDEX tasks_next;
-- The order in which open tasks are handed out: highest priority, then lowest id.
CREATE INDEX tasks_open ON tasks (project_id, priority DESC, id) WHERE is_open;

-- Adds `delta` to a task's taken slots and recomputes whether it is open.
CREATE FUNCTION chorus_take_slots(task BIGINT, delta BIGINT) RETURNS VOID AS $$
  UPDATE tasks SET taken = taken + delta,
    is_open = taken + delta < (SELECT overlap FROM projects p WHERE p.id = tasks.project_id)
  WHERE id = task;
$$ LANGUAGE sql;

CREATE FUNCTION chorus_reservation_slots() RETURNS TRIGGER AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM chorus_take_slots(NEW.task_id, 1);
  ELSE
    PERFORM chorus_take_slots(OLD.task_id, -1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER reservations_slots AFTER INSERT OR DELETE ON reservations
  FOR EACH ROW EXECUTE FUNCTION chorus_reservation_slots();

CREATE FUNCTION chorus_annotation_slots() RETURNS TRIGGER AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state = 'submitted' THEN PERFORM chorus_take_slots(NEW.task_id, 1); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.state = 'submitted' THEN PERFORM chorus_take_slots(OLD.task_id, -1); END IF;
  ELSIF (OLD.state = 'submitted') <> (NEW.state = 'submitted') THEN
    PERFORM chorus_take_slots(NEW.task_id, CASE WHEN NEW.state = 'submitted' THEN 1 ELSE -1 END);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER annotations_slots AFTER INSERT OR UPDATE OF state OR DELETE ON annotations
  FOR EACH ROW EXECUTE FUNCTION chorus_annotation_slots();

CREATE FUNCTION chorus_project_reopen() RETURNS TRIGGER AS $$
BEGIN
  UPDATE tasks SET is_open = taken < NEW.overlap WHERE project_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER projects_reopen AFTER UPDATE OF overlap ON projects
  FOR EACH ROW WHEN (OLD.overlap IS DISTINCT FROM NEW.overlap)
  EXECUTE FUNCTION chorus_project_reopen();
