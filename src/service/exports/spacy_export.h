// Span exports in JSON Lines (docs/server.md, "Export formats"), one line per submitted
// annotation (disagreement kept), each with AnnotationFields (task, annotation, annotator,
// provenance) and "aggregate" (the task's stored aggregate, or null):
//   spacy_jsonl:     {"text", "spans": [{"start", "end", "label"}], ...} from the first spans
//                    control; offsets count code points, as Python's str indexes, so
//                    text[start:end] is the span's text;
//   relations_jsonl: {"text", "relations": [{"head": SPAN, "tail": SPAN, "label",
//                    "directed"}], ...} from the first relations control between spans, each
//                    SPAN {"start", "end", "label", "text"}; links to a missing span are
//                    dropped (note "dropped_relations").
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

// kInvalidArgument (field "format") when the interface has no spans control.
WriterResult MakeSpacyWriter(const domain::LabelInterface& label_interface);
// kInvalidArgument (field "format") when no relations control links spans.
WriterResult MakeRelationsWriter(const domain::LabelInterface& label_interface);

}  // namespace chorus::service::exports
