-- Tasks, deduplicated by external id (unique per project) or content hash (looked up on import).
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id),
  external_id TEXT,
  content_hash TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX tasks_external_id ON tasks (project_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX tasks_content_hash ON tasks (project_id, content_hash) WHERE content_hash != '';
-- The order in which tasks are handed out: highest priority, then lowest id.
CREATE INDEX tasks_next ON tasks (project_id, priority DESC, id);
