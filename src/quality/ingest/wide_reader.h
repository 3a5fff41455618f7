// Reading wide reliability matrices (one row per annotator or per unit) into a VoteTable.
//
// kAnnotatorsAsRows, the "reliability data" matrix of Krippendorff's alpha (coders x units):
//     coder,u1,u2,u3          first row: a corner cell (any text), then the unit ids;
//     A,1,2,                  each row: the annotator id, then one label per unit.
//     B,1,,3
// kUnitsAsRows, the transpose (units x annotators, e.g. Fleiss, 1971, "Measuring nominal scale
// agreement among many raters", Psychological Bulletin 76(5), Table 1):
//     patient,r1,r2,r3        first row: a corner cell, then the annotator ids;
//     1,4,4,4                 each row: the unit id, then one label per annotator.
// CSV or TSV (by extension or VoteReadOptions::format; JSONL is rejected), RFC 4180 quoting.
// A cell is missing when it is empty, or unquoted "*", "NA", "N/A", "NaN" or "null" (any
// case); unquoted cells are trimmed of spaces and tabs. Missing cells are counted in
// report.missing_skipped. The header row is required. Every row must have exactly as many
// cells as the header (trailing empty cells beyond it are allowed); a column whose header
// cell is empty must have no values. A unit or annotator named twice in the header, or a row
// id that repeats, gives repeated votes that follow VoteReadOptions::duplicates.
// Items (units) and annotators get ids in order of first appearance (header order for the
// header's ids); units or annotators with no value at all are left out of the table.
// Errors as in vote_reader.h: field "FILE:LINE:COLUMN", COLUMN the 1-based byte column.
// Thread-safety: as vote_reader.h.
#pragma once

#include <string>

#include "core/status.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

enum class WideLayout {
  kAnnotatorsAsRows,  // Rows are annotators, header cells are units.
  kUnitsAsRows,       // Rows are units (items), header cells are annotators.
};

Result<VoteFile> ReadWideVotes(const std::string& path, WideLayout layout,
                               const VoteReadOptions& options);

}  // namespace chorus::quality
