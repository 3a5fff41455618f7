-- Project membership (security catalogue entries 61 and 63): administrators see every project;
-- everyone else sees and works on the projects they are members of (as the SQLite backend's
-- migration 0010 explains).
CREATE TABLE project_members (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  user_id BIGINT NOT NULL REFERENCES users (id),
  added_by BIGINT REFERENCES users (id),  -- NULL: carried over below, nobody added it
  added_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, user_id)
);

-- A user's projects in id order (the project list of everyone but administrators).
CREATE INDEX project_members_user ON project_members (user_id, project_id);

-- Projects made before membership keep their people: each creator, and everyone who has
-- labelled in a project, become its members.
INSERT INTO project_members (project_id, user_id, added_by, added_at)
  SELECT id, created_by, created_by, created_at FROM projects;
INSERT INTO project_members (project_id, user_id, added_by, added_at)
  SELECT project_id, annotator_id, NULL, MIN(created_at) FROM annotations
  GROUP BY project_id, annotator_id
  ON CONFLICT DO NOTHING;
