-- Annotator diversity (domain/diversity_policy.h): the project's DiversityPolicy as JSON ('{}':
-- no questions, no quota), and each member's own answers to its questions. Answers are
-- optional (no row: not answered or "prefer not to say") and belong to the membership: they
-- go when it ends. Only the annotator reads their own answers back; everything else reads them
-- in aggregate (service/diversity_service.h).
ALTER TABLE projects ADD COLUMN diversity_policy TEXT NOT NULL DEFAULT '{}';

CREATE TABLE project_member_attributes (
  project_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (project_id, user_id, attribute),
  FOREIGN KEY (project_id, user_id) REFERENCES project_members (project_id, user_id)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
