-- annotations_project_annotator (0017) is a prefix of annotations_project_annotator_time (0018),
-- which serves every lookup by project and annotator as well; keeping both cost an index write
-- on every label submitted.
DROP INDEX annotations_project_annotator;
