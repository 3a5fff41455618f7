-- The project's PayPolicy (as the SQLite backend's migration 0017 explains).
ALTER TABLE projects ADD COLUMN pay_policy TEXT NOT NULL DEFAULT '{}';

-- The pay report (AnnotationStore::WorkByAnnotator) reads a project's annotations by annotator
-- and each one's latest review, without scanning other projects or every review.
CREATE INDEX annotations_project_annotator ON annotations (project_id, annotator_id);
CREATE INDEX reviews_annotation ON reviews (annotation_id, id);
