// Reading long-format vote files (one vote per row: item, annotator, label) into a VoteTable.
//
// Formats (docs: ingest.md has the full contract):
//   CSV/TSV  RFC 4180 quoting (core/csv_reader.h); a header row naming the columns (case-
//            insensitive, with aliases: item/task/unit/..., annotator/worker/rater/...,
//            label/answer/response/value/rating/...) or, without one, item,annotator,label as
//            the first three columns. Other columns are ignored.
//   JSONL    one object per line with those keys; numbers keep their text (3 stays "3").
// Missing labels (empty, "*", "NA", "N/A", "NaN", "null"; JSON null) are skipped and counted.
// Repeated votes by one annotator on one item follow VoteReadOptions::duplicates.
// The file is streamed in chunks (VoteReadOptions::chunk_size); memory grows with the number
// of votes and distinct names, not with the file size. "-" reads standard input.
// Errors: kNotFound for a missing file; kInvalidArgument, with field "FILE:LINE:COLUMN"
// (1-based physical line; COLUMN the 1-based byte column in CSV/TSV, 1 in JSONL), for any
// malformed row: a read never returns a partial table.
// Thread-safety: reads touch only their own state; options.on_progress runs on the caller's
// thread.
#pragma once

#include <string>

#include "core/status.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

// Reads a long-format vote file. Item, annotator and label ids follow the order of first
// appearance in the file.
Result<VoteFile> ReadLongVotes(const std::string& path, const VoteReadOptions& options);

}  // namespace chorus::quality
