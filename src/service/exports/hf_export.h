// Hugging Face-ready JSON Lines with dataset_infos.json metadata, one ustar archive
// (docs/server.md, "Export formats", hf_jsonl):
//   data/train.jsonl: one row per task {"task_id", "external_id", "data": {FIELD: ...},
//     "annotations": [{"annotation_id", "annotator_id", "provenance", "model_version",
//     "result": {CONTROL: ...}}], "aggregate": {...} or null};
//   dataset_infos.json: {"default": {"features", "splits": {"train": {"num_examples",
//     "num_bytes"}}, ...}} as datasets.DatasetInfo writes it.
// The features come from the label interface (service/exports/hf_features.h) and every row is
// shaped to them, so the schema is the same for every row (no Parquet needed). Data fields are
// the interface's `to` and `prompt` fields: strings (other JSON as text), a ranking's list a
// Sequence of strings. Every interface can be exported. The rows are spilled to a temporary
// file while tasks stream, since the archive writes each file's size before it.
// Thread-safety: one writer per export.
#pragma once

#include "service/exports/export_writer.h"

namespace chorus::service::exports {

WriterResult MakeHfWriter(const domain::LabelInterface& label_interface);

}  // namespace chorus::service::exports
