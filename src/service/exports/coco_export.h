// COCO JSON (cocodataset.org/#format-data): "info", "licenses", "categories", "images",
// "annotations", from the first rectangles, polygons and keypoints controls (any of them;
// docs/server.md, "Export formats").
//   categories: one per label of the rectangles and polygons controls (shared by name), and one
//     per keypoints control named after it, with "keypoints" (its labels) and "skeleton"
//     (1-based, as COCO counts);
//   images: one per task, id = task id, file_name = the image field's value, width and height
//     from the task data's "width" and "height" (pixels): a task without them stops the export
//     with kInvalidArgument naming it (COCO counts in pixels; YOLO needs no size); "chorus":
//     {external_id, aggregate};
//   annotations: one per region of each submitted annotation (disagreement kept), with bbox
//     [x, y, width, height] in pixels, area, iscrowd 0, segmentation (polygon points; a box's
//     four corners), keypoints [x, y, v, ...] and num_keypoints for keypoint instances, and
//     "chorus": {task_id, annotation_id, annotator_id, provenance, model_version}. A rotated box
//     keeps its exact corners in segmentation and gets the enclosing axis-aligned bbox (note
//     "rotated_boxes_enclosed").
// Images come first and annotations later in the file, so annotations are spilled to a
// temporary file while tasks stream and copied out at the end: memory stays bounded.
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

// kInvalidArgument (field "format") when the interface has no rectangles, polygons or
// keypoints control.
WriterResult MakeCocoWriter(const domain::LabelInterface& label_interface);

}  // namespace chorus::service::exports
