-- Annotator diversity (as the SQLite backend's migration 0020 explains).
ALTER TABLE projects ADD COLUMN diversity_policy TEXT NOT NULL DEFAULT '{}';

CREATE TABLE project_member_attributes (
  project_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id, attribute),
  FOREIGN KEY (project_id, user_id) REFERENCES project_members (project_id, user_id)
    ON DELETE CASCADE
);
