-- Projects and their append-only guideline versions.
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  label_interface TEXT NOT NULL DEFAULT '{}',
  overlap INTEGER NOT NULL DEFAULT 3 CHECK (overlap >= 1),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE guidelines (
  project_id INTEGER NOT NULL REFERENCES projects (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  markdown TEXT NOT NULL,
  author INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, version)
) STRICT, WITHOUT ROWID;
