// Pascal VOC XML in (the VOC2012 development kit's annotation file, as service/exports/
// voc_export.h writes it): one document is one task, {IMAGE: <filename>, "width", "height"}
// (IMAGE: the data field of the first rectangles control) with its <object>s as boxes of that
// control in one prediction named `model`. <bndbox> corners are 1-based pixels as the devkit
// counts (left = xmin - 1, right = xmax; an xmin or ymin in [0, 1) is the edge, as LabelImg and
// CVAT write it); <name> must be one of the control's labels. A DOCTYPE or entity declaration
// is refused before parsing (no entity is ever expanded or fetched); the document is read as
// UTF-8 and its strings must stay UTF-8 once character references are decoded.
// Errors name the line, the object (field "object[N].bndbox.xmin") and what to fix.
// The body may also be a ustar archive (service/imports/tar_reader.h), such as the voc_xml
// export: each of its .xml files is one record, and errors name the file in the message.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/label_interface.h"
#include "service/imports/import_records.h"

namespace chorus::service::imports {

// kInvalidArgument (field "format") when the interface has no rectangles control, or (field
// "body") for an archive the tar reader refuses or without .xml files; every fault of a
// document is a record error.
Result<ConvertedRecords> FromVoc(const domain::LabelInterface& label_interface,
                                 std::string_view xml, const std::string& model);

}  // namespace chorus::service::imports
