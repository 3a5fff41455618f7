// Pascal VOC XML (the VOC2012 development kit's annotation files) in one ustar archive
// (service/exports/tar_writer.h; docs/server.md, "Export formats"), from the first rectangles
// control: one Annotations/TASK_ANNOTATION.xml per submitted annotation (disagreement kept),
// with <filename> (the image field's value), <size> (the task data's "width" and "height" in
// pixels, depth 3; a task without them stops the export with kInvalidArgument naming it) and
// one <object> per box: <name>, <pose>Unspecified, <truncated>0, <difficult>0, <bndbox> with
// 1-based integer pixel corners (xmin = round(x) + 1, as the devkit counts). A rotated box
// becomes the box enclosing its corners (note "rotated_boxes_enclosed"). index.jsonl maps each
// file to its task, annotation, annotator, provenance and the task's aggregate.
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

// kInvalidArgument (field "format") when the interface has no rectangles control.
WriterResult MakeVocWriter(const domain::LabelInterface& label_interface);

}  // namespace chorus::service::exports
