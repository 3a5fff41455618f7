// Opening a vote file and deciding its format.
//
// With VoteFormat::kAuto the extension decides (.csv; .tsv, .tab; .jsonl, .ndjson, case-
// insensitive). Any other name, and standard input ("-"), is sniffed from its first 64 KiB:
// '{' as the first non-blank byte means JSONL, '[' is rejected (a JSON array: convert it to
// one object per line), otherwise the first line's tabs and commas decide TSV or CSV. The
// sniffed bytes are replayed, so nothing is read twice from the source.
// Thread-safety: not thread-safe (owns a byte stream).
#pragma once

#include <memory>
#include <string>

#include "core/csv_reader.h"
#include "core/status.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

struct InputFile {
  std::unique_ptr<ByteSource> source;
  VoteFormat format = VoteFormat::kCsv;  // Never kAuto.
};

// Opens `path` ("-" for standard input) and resolves `format`. kNotFound if there is no such
// file; kInvalidArgument if it cannot be read or is a JSON array.
Result<InputFile> OpenInputFile(const std::string& path, VoteFormat format);

// Opens a CSV or TSV file (format by extension or sniffed, as above) for reading records:
// what the readers of tabular files other than votes use. kInvalidArgument for JSON Lines.
Result<CsvReader> OpenDelimitedFile(const std::string& path);

}  // namespace chorus::quality
