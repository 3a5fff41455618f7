-- The project's PayPolicy (domain/pay_policy.h) as JSON ('{}': the defaults): per-task or
-- per-hour rates per tier, the pay floor and the budget.
ALTER TABLE projects ADD COLUMN pay_policy TEXT NOT NULL DEFAULT '{}';

-- The pay report (AnnotationStore::WorkByAnnotator) reads a project's annotations by annotator
-- and each one's latest review, without scanning other projects or every review.
CREATE INDEX annotations_project_annotator ON annotations (project_id, annotator_id);
CREATE INDEX reviews_annotation ON reviews (annotation_id, id);
