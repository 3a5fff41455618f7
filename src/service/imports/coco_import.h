// COCO JSON (cocodataset.org/#format-data) in: one task per image, {IMAGE: file_name, "width",
// "height"} (IMAGE is the data field of the first rectangles, polygons or keypoints control;
// "external_id" is the image's "chorus".external_id when a Chorus export wrote one), with its
// annotations as one prediction named `model`. Categories map by name to the project's labels:
//   - a category with "keypoints" (COCO's point names) becomes an instance of the keypoints
//     control named like the category, else of the first keypoints control; visibility 0 is an
//     unlabelled point, 1 occluded, 2 visible;
//   - otherwise the category name is a label of the first rectangles control or of the first
//     polygons control: "segmentation" polygons become polygons (one per ring) unless the only
//     ring is the bbox's four corners (what the exporter writes for a box) and the label is a
//     rectangle label, in which case the bbox becomes a box; RLE segmentations use the bbox.
// Pixels become percent of the image's width and height. Errors name the image (record), the
// annotation (field "annotations[N]...") and, in the message, its COCO id and category.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/label_interface.h"
#include "service/imports/import_records.h"

namespace chorus::service::imports {

// kInvalidArgument for a body that is not COCO JSON (field "body") or an interface with no
// image control (field "format"); record errors in the result.
Result<ConvertedRecords> FromCoco(const domain::LabelInterface& label_interface,
                                  std::string_view body, const std::string& model);

}  // namespace chorus::service::imports
