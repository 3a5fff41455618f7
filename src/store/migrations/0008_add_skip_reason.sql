-- Why an annotator skipped a task (issue 4: "skip"), in their own words (free text, at most
-- 500 characters); '' for none and for every annotation that is not a skip. Kept with the skip
-- so exports and quality reports can tell "cannot judge" from "broken item".
ALTER TABLE annotations ADD COLUMN skip_reason TEXT NOT NULL DEFAULT '';
