// RoleReader: the rows of a long-format file (CSV, TSV or JSONL), each reduced to the values
// of a few named columns ("roles": item, annotator, label), with header detection.
//
// CSV/TSV: if the first non-blank record names every wanted role (see column_names.h) it is
// the header and picks the columns; if it names some but not all, that is an error; if it
// names none, the file has no header and the roles are the first columns, in order. Other
// columns are ignored. Unquoted values are trimmed of spaces and tabs; quoted ones are kept
// as written. Rows whose fields are all empty are skipped.
// JSONL: each non-blank line is one object; keys match the same names; other keys are
// ignored (but must still be valid JSON). Strings are used as written, numbers keep their
// text ("3", "2.50"), booleans become "true"/"false", null counts as missing.
// A label is missing when it is empty, a missing marker (column_names.h; in CSV only when
// unquoted) or null; an empty item or annotator is an error.
// Errors carry field "FILE:LINE:COLUMN" (COLUMN: the byte column of the field in CSV, 1 in
// JSONL) and say how to fix the file.
// Thread-safety: not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_reader.h"
#include "core/status.h"
#include "quality/ingest/column_names.h"
#include "quality/ingest/line_source.h"
#include "quality/ingest/progress_ticker.h"
#include "quality/ingest/vote_read_options.h"

namespace chorus::quality {

struct RoleRow {
  static constexpr size_t kMaxRoles = 5;
  std::array<std::string_view, kMaxRoles> values;  // In the order of the wanted roles.
  std::array<bool, kMaxRoles> missing{};           // Only ever true for label roles.
  std::array<uint32_t, kMaxRoles> columns{};       // CSV: each value's byte column; JSONL: 0.
  uint64_t line = 0;                               // Where the row starts.
};

class JsonlRowParser;

class RoleReader {
 public:
  // Opens `path` and reads the header, if any. `roles` lists the wanted roles in the order a
  // headerless file holds them. REQUIRES: 1 <= roles.size() <= RoleRow::kMaxRoles;
  // `options` outlives the reader (its on_progress is called from Next()).
  static Result<std::unique_ptr<RoleReader>> Open(const std::string& path, std::vector<Role> roles,
                                                  const VoteReadOptions& options);
  // A reader of bytes [offset, offset + length) of the CSV/TSV file `layout` reads, with the
  // columns of `layout`'s header, for reading one file in parallel ranges. The range must start
  // at a record boundary (data_offset() or the byte after a line feed outside quotes);
  // `first_line` numbers its first line. REQUIRES: layout.format() is CSV or TSV; `options`
  // outlives the reader.
  static Result<std::unique_ptr<RoleReader>> OpenRange(const RoleReader& layout,
                                                       const std::string& path, uint64_t offset,
                                                       uint64_t length, uint64_t first_line,
                                                       const VoteReadOptions& options);
  ~RoleReader();

  // Moves to the next row: true when row() holds it, false at the end (after a final
  // progress call). Views in row() are valid until the next call.
  Result<bool> Next();
  const RoleRow& row() const { return row_; }

  VoteFormat format() const { return format_; }
  // CSV/TSV before the first Next(): where the data rows start (after the header, or 0 when
  // there is none) and the line number there.
  uint64_t data_offset() const { return has_header_ ? csv_->offset() : 0; }
  uint64_t data_first_line() const { return has_header_ ? csv_->next_line() : 1; }
  uint64_t lines() const;
  // Bytes of the source read so far, its size when known (else 0), and the bytes of the rows
  // returned so far (the offset of the next row).
  uint64_t bytes_read() const;
  uint64_t total_bytes() const;
  uint64_t offset() const;
  const std::string& name() const;

 private:
  RoleReader(std::vector<Role> roles, const VoteReadOptions& options);
  Status ReadHeader();
  Result<bool> NextCsv();
  Result<bool> NextJsonl();
  std::string ExpectedColumns() const;

  std::vector<Role> roles_;
  std::array<bool, RoleRow::kMaxRoles> is_label_{};  // Label roles may be missing; ids may not.
  ProgressTicker ticker_;
  VoteFormat format_ = VoteFormat::kCsv;
  std::unique_ptr<CsvReader> csv_;
  std::unique_ptr<LineSource> lines_;
  std::unique_ptr<JsonlRowParser> jsonl_;
  std::array<size_t, RoleRow::kMaxRoles> columns_{};  // CSV field index of each role.
  size_t min_fields_ = 0;
  bool has_header_ = false;
  bool in_order_ = true;           // The header names the roles in the headerless order.
  Role last_role_ = Role::kLabel;  // The role in the rightmost needed column.
  bool pending_first_ = false;     // The first record was data and is still in csv_.
  RoleRow row_;
};

}  // namespace chorus::quality
