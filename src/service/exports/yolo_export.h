// YOLO label files (Ultralytics layout) in one ustar archive (service/exports/tar_writer.h;
// docs/server.md, "Export formats"):
//   yolo_detection:    "CLASS XC YC W H" per box of the first rectangles control;
//   yolo_segmentation: "CLASS X1 Y1 X2 Y2 ..." per polygon of the first polygons control;
//   yolo_pose:         "0 XC YC W H PX PY V ..." per instance of the first keypoints control
//                      (V: 0 not labelled, 1 occluded, 2 visible; box enclosing the labelled
//                      points).
// Coordinates are fractions 0..1 of the image (results are percent, so no image size is
// needed); CLASS is the label's index in the control. The archive holds data.yaml (names, and
// kpt_shape for pose), one labels/TASK_ANNOTATION.txt per submitted annotation (disagreement
// kept: pick one file per image before training, e.g. by provenance), and index.jsonl mapping
// each label file to its task, image (the control's data field), annotation, annotator,
// provenance and the task's aggregate. A rotated box becomes the box enclosing its corners, rotated in pixels when the
// task data gives "width" and "height" and in percent otherwise (note
// "rotated_boxes_enclosed").
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

enum class YoloTask { kDetection, kSegmentation, kPose };

// kInvalidArgument (field "format") when the interface lacks the control the task needs.
WriterResult MakeYoloWriter(const domain::LabelInterface& label_interface, YoloTask task);

}  // namespace chorus::service::exports
