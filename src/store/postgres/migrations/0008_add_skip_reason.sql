-- Why an annotator skipped a task (issue 4: "skip"), in their own words (free text, at most
-- 500 characters); '' for none and for every annotation that is not a skip (as the SQLite
-- backend's migration 0008 explains).
ALTER TABLE annotations ADD COLUMN skip_reason TEXT NOT NULL DEFAULT '';
