// CoNLL-2003-style token files with IOB2 or IOBES tags from the first spans control
// (docs/server.md, "Export formats"). One block per submitted annotation (disagreement kept):
// `# key = value` comment lines (task_id, external_id, annotation_id, annotator_id, provenance,
// model_version, and the task's aggregate label/confidence/weight when stored), then one
// "TOKEN TAG" line per token (service/exports/text_tokens.h), then a blank line.
// A span that splits a token is widened to whole tokens (note "widened_spans"); overlapping
// spans cannot be tagged, so the longest is kept (note "dropped_overlapping_spans"); a span
// over whitespace only is dropped ("dropped_empty_spans").
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

enum class TagScheme { kIob2, kIobes };

// kInvalidArgument (field "format") when the interface has no spans control.
WriterResult MakeConllWriter(const domain::LabelInterface& label_interface, TagScheme scheme);

}  // namespace chorus::service::exports
