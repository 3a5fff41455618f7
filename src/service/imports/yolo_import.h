// YOLO label files in (the Ultralytics layout service/exports/yolo_export.h writes), sent as
// one JSON body, since label files say nothing of their images:
//   {"classes": ["car", "person"],            // optional: class index -> label; default the
//                                             // control's labels in order, as the export does
//    "items": [{"image": "img/5.jpg", "width": 640, "height": 480,   // size optional
//               "labels": "0 0.5 0.5 0.2 0.4\n1 ..."}]}
// Each item is one task {IMAGE: image, "width"?, "height"?} (IMAGE: the control's data field)
// with one prediction named `model`. Coordinates are fractions 0..1 of the image:
//   detection:    "CLASS XC YC W H" -> a box of the first rectangles control;
//   segmentation: "CLASS X1 Y1 X2 Y2 ..." (3+ points) -> a polygon of the first polygons control;
//   pose:         "0 XC YC W H PX PY [V] ..." -> an instance of the first keypoints control (one
//                 x, y[, v] per label of the control; v 0 unlabelled, 1 occluded, 2 visible;
//                 the box is derived from the points, so it is not read).
// Errors name the item (record), the line of its labels (RecordError line and the message) and
// the field "items[N].labels".
// The body may instead be a ustar archive (service/imports/tar_reader.h) in the Ultralytics
// layout or as the yolo_* export writes it: each labels/**.txt but classes.txt is one record;
// class names come from data.yaml's `names` (a list, or a mapping read by its index keys; names
// it cannot read refuse the body), else classes.txt, else the control's labels. Its image is
// what index.jsonl names for the file (the export's), else the image in the same place under
// images/ (labels/val/a.txt -> images/val/a.*), else the only image of its stem when no other
// label file shares the stem, else the record is an error naming the label file (and both
// images when two could be its).
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/label_interface.h"
#include "service/imports/import_records.h"

namespace chorus::service::imports {

enum class YoloKind { kDetection, kSegmentation, kPose };

// kInvalidArgument for a body that is not the JSON above, nests deeper than 64 levels or is an
// archive with an unreadable data.yaml (field "body"), or an interface without
// the control `kind` needs (field "format"); record errors in the result.
Result<ConvertedRecords> FromYolo(const domain::LabelInterface& label_interface, YoloKind kind,
                                  std::string_view body, const std::string& model);

}  // namespace chorus::service::imports
