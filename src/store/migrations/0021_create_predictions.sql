-- Model predictions (domain/prediction.h): one current prediction per task and model version;
-- a re-import replaces it (latest wins). result is JSON object text in the project's
-- label-interface shape; score is NULL when the model gave none.
CREATE TABLE predictions (
  task_id INTEGER NOT NULL REFERENCES tasks (id),
  project_id INTEGER NOT NULL REFERENCES projects (id),
  model_version TEXT NOT NULL,
  result TEXT NOT NULL,
  score REAL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, model_version)
) STRICT, WITHOUT ROWID;

-- The latest model version of a project, and one model's predictions for the anchoring report.
CREATE INDEX predictions_project_model ON predictions (project_id, model_version, created_at);

-- The secret that keys each project's blind draws (service/model_drafts.h): created on first
-- use, never sent to anyone, so annotators cannot tell which items will be blind.
CREATE TABLE draft_keys (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id),
  secret TEXT NOT NULL
) STRICT;

-- The project's DraftPolicy (domain/draft_policy.h) as JSON ('{}': the defaults, drafts off).
ALTER TABLE projects ADD COLUMN draft_policy TEXT NOT NULL DEFAULT '{}';

-- Each label's draft provenance: the model version whose draft was shown or withheld (NULL:
-- no draft applied), whether it was withheld as a blind control, and whether the label equals
-- the draft shown (accepted unchanged).
ALTER TABLE annotations ADD COLUMN draft_model_version TEXT;
ALTER TABLE annotations ADD COLUMN blind INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1));
ALTER TABLE annotations ADD COLUMN draft_accepted INTEGER NOT NULL DEFAULT 0
  CHECK (draft_accepted IN (0, 1));
