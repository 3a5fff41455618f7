// Training-format imports over HTTP (service/format_import.h; docs/server.md, "Import formats"),
// for those who may import tasks (Action::kImportTasks: managers and administrators):
//   POST /api/v1/projects/{project}/imports/{format}?model=NAME
//     format: coco_json, voc_xml, yolo_detection, yolo_segmentation, yolo_pose, conll_iob2,
//     conll_iobes (tasks with their labels as predictions named NAME, default
//     "<format>_import") or predictions_jsonl (predictions for tasks that exist). The body is
//     the file itself, or for voc_xml and yolo_* a ustar archive (parsed in memory: at
//     most 64 MiB, 256 MiB for an archive; larger is 413). 200 {format, model, records,
//     inserted, duplicate_count, predictions}; 422 invalid_records with {record, line, field,
//     message} per error (nothing stored); 400 for an unknown format, a body that is not the
//     format at all, or an interface without the control the format needs.
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/router.h"
#include "service/authenticator.h"
#include "service/format_import.h"
#include "service/project_access.h"

namespace chorus::server {

[[nodiscard]] Status AddFormatImportRoutes(Router& router,
                                           std::shared_ptr<service::Authenticator> authenticator,
                                           std::shared_ptr<const service::ProjectAccess> access,
                                           std::shared_ptr<service::FormatImportService> imports);

}  // namespace chorus::server
