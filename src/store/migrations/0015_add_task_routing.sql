-- Routing (domain/routing_policy.h): who may label a task and how many labels it wants.
-- wanted: the labels this task wants now (dynamic overlap raises it when labels disagree and
-- lowers it to the labels it has when they agree early or it is escalated); NULL: the
-- project's overlap. required_tier: the lowest tier that may label it; NULL: the project's.
ALTER TABLE tasks ADD COLUMN wanted INTEGER CHECK (wanted >= 1);
ALTER TABLE tasks ADD COLUMN required_tier TEXT
  CHECK (required_tier IN ('crowd', 'expert', 'gold_maker'));

-- The project's RoutingPolicy as JSON ('{}': the defaults).
ALTER TABLE projects ADD COLUMN routing_policy TEXT NOT NULL DEFAULT '{}';

-- Tasks whose labels still disagreed at the most labels allowed wait here for an expert, who
-- decides the final label with a rationale; the annotators' labels are kept as they were.
CREATE TABLE adjudications (
  task_id INTEGER PRIMARY KEY REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  reason TEXT NOT NULL,        -- Why it was escalated, for the adjudicator.
  labels INTEGER NOT NULL,     -- Submitted labels when it was escalated.
  opened_at INTEGER NOT NULL,
  decided_by INTEGER REFERENCES users (id),
  decided_at INTEGER,
  result TEXT,                 -- The final label (JSON object) once decided.
  rationale TEXT,
  CHECK ((decided_at IS NULL) = (result IS NULL))
) STRICT;

-- The adjudication queue: open items of a project in task order.
CREATE INDEX adjudications_open ON adjudications (project_id, task_id) WHERE decided_at IS NULL;
CREATE INDEX adjudications_decided ON adjudications (project_id, decided_at)
  WHERE decided_at IS NOT NULL;

-- The slot triggers of migration 0007, now against the task's own wanted labels when set.
DROP TRIGGER reservations_take;
DROP TRIGGER reservations_give;
DROP TRIGGER annotations_take;
DROP TRIGGER annotations_restate;
DROP TRIGGER annotations_give;
DROP TRIGGER projects_reopen;

CREATE TRIGGER reservations_take AFTER INSERT ON reservations BEGIN
  UPDATE tasks SET taken = taken + 1, is_open = taken + 1 <
    COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = NEW.task_id;
END;

CREATE TRIGGER reservations_give AFTER DELETE ON reservations BEGIN
  UPDATE tasks SET taken = taken - 1, is_open = taken - 1 <
    COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = OLD.task_id;
END;

CREATE TRIGGER annotations_take AFTER INSERT ON annotations WHEN NEW.state = 'submitted' BEGIN
  UPDATE tasks SET taken = taken + 1, is_open = taken + 1 <
    COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = NEW.task_id;
END;

CREATE TRIGGER annotations_restate AFTER UPDATE OF state ON annotations
  WHEN (OLD.state = 'submitted') != (NEW.state = 'submitted') BEGIN
  UPDATE tasks SET taken = taken + (CASE WHEN NEW.state = 'submitted' THEN 1 ELSE -1 END),
    is_open = taken + (CASE WHEN NEW.state = 'submitted' THEN 1 ELSE -1 END) <
      COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = NEW.task_id;
END;

CREATE TRIGGER annotations_give AFTER DELETE ON annotations WHEN OLD.state = 'submitted' BEGIN
  UPDATE tasks SET taken = taken - 1, is_open = taken - 1 <
    COALESCE(wanted, (SELECT overlap FROM projects p WHERE p.id = tasks.project_id))
  WHERE id = OLD.task_id;
END;

CREATE TRIGGER projects_reopen AFTER UPDATE OF overlap ON projects BEGIN
  UPDATE tasks SET is_open = taken < NEW.overlap WHERE project_id = NEW.id AND wanted IS NULL;
END;

-- Setting a task's wanted labels reopens or closes it at once.
CREATE TRIGGER tasks_rewant AFTER UPDATE OF wanted ON tasks BEGIN
  UPDATE tasks SET is_open = taken <
    COALESCE(NEW.wanted, (SELECT overlap FROM projects p WHERE p.id = NEW.project_id))
  WHERE id = NEW.id;
END;
