-- Annotator wellbeing (domain/wellbeing_policy.h): a task may be marked sensitive (disturbing
-- content); the project's WellbeingPolicy as JSON ('{}': the defaults, disabled) caps how many
-- sensitive items an annotator sees and when they must pause.
ALTER TABLE tasks ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1));
ALTER TABLE projects ADD COLUMN wellbeing_policy TEXT NOT NULL DEFAULT '{}';

-- Annotators who opted out of a project's sensitive items: they get its ordinary work only.
CREATE TABLE wellbeing_opt_outs (
  project_id INTEGER NOT NULL REFERENCES projects (id),
  annotator_id INTEGER NOT NULL REFERENCES users (id),
  opted_out_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, annotator_id)
) STRICT, WITHOUT ROWID;

-- The exposure query (TaskStore::RecentWork) reads one annotator's finished work in a project
-- from a point in time, not all their work.
CREATE INDEX annotations_project_annotator_time
  ON annotations (project_id, annotator_id, updated_at);
