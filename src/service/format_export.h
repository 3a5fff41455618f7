// The training-format exports (issue 8 item 2): the registry of formats beyond jsonl/json/csv
// (name, file extension, Content-Type, writer in service/exports/) and the driver that streams
// a project's tasks through a writer page by page, so memory stays bounded by one page of
// tasks plus what the format must hold (COCO's annotation spill goes to a temporary file).
// Which labels go in, per format: docs/server.md, "Export formats".
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "service/export.h"
#include "service/exports/export_writer.h"
#include "store/store.h"

namespace chorus::service {

// The training format named `name`, or nullopt when it is not one ("jsonl" is not).
std::optional<ExportFormat> ParseTrainingFormat(std::string_view name);
// Every training format's name, comma-separated, for error messages.
std::string TrainingFormatNames();
bool IsTrainingFormat(ExportFormat format);
// The format's name ("conll_iob2"), file extension ("conll") and Content-Type.
// REQUIRES: IsTrainingFormat(format).
const char* TrainingFormatName(ExportFormat format);
const char* TrainingExtension(ExportFormat format);
const char* TrainingContentType(ExportFormat format);

// ok when the project's label interface has the control `format` needs; kInvalidArgument
// (field "format") naming the control type otherwise; kNotFound for an unknown project.
// Always ok for jsonl, json and csv.
Status CheckExportFormat(store::Store& store, int64_t project_id, ExportFormat format);

// Writes the export in pieces to `sink`, calling `progress` (export.h) after each page, and
// fills `notes` (when set) with what the writer adjusted or left out. For the formats
// that count in pixels, a task whose data has no width and height gets them from `image_size`
// (when set) for the first data field naming an image it knows.
// REQUIRES: IsTrainingFormat(format).
Status ExportTrainingFormat(store::Store& store, int64_t project_id, ExportFormat format,
                            const std::function<void(std::string_view)>& sink,
                            const ExportProgress& progress, exports::ExportNotes* notes,
                            const ImageSizeLookup& image_size = {});

}  // namespace chorus::service
