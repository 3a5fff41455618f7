#include "quality/ingest/wide_reader.h"

#include <fmt/format.h>

#include <limits>
#include <vector>

#include "core/csv_reader.h"
#include "quality/ingest/column_names.h"
#include "quality/ingest/input_file.h"
#include "quality/ingest/progress_ticker.h"
#include "quality/ingest/vote_builder.h"

namespace chorus::quality {
namespace {

constexpr uint32_t kBlank = std::numeric_limits<uint32_t>::max();

std::string_view CellValue(const CsvFieldView& field) {
  return field.quoted ? field.value : TrimBlanks(field.value);
}

bool IsMissingCell(const CsvFieldView& field) {
  return field.quoted ? field.value.empty() : IsMissingMarker(TrimBlanks(field.value));
}

bool IsBlank(std::span<const CsvFieldView> fields) {
  for (const CsvFieldView& field : fields) {
    if (!TrimBlanks(field.value).empty()) return false;
  }
  return true;
}

class WideMatrixReader {
 public:
  WideMatrixReader(CsvReader* csv, WideLayout layout, const VoteReadOptions& options)
      : csv_(*csv),
        options_(options),
        rows_are_annotators_(layout == WideLayout::kAnnotatorsAsRows),
        row_kind_(rows_are_annotators_ ? "annotator" : "unit"),
        column_kind_(rows_are_annotators_ ? "unit" : "annotator") {}

  Result<VoteFile> Read() {
    ProgressTicker ticker(options_.on_progress);
    bool have_header = false;
    while (true) {
      auto next = csv_.Next();
      if (!next.ok()) return next.status();
      if (!*next) break;
      ticker.Tick(csv_.bytes_read(), csv_.total_bytes(), csv_.lines());
      const CsvRecord& record = csv_.record();
      if (IsBlank(record.fields())) continue;
      if (!have_header) {
        have_header = true;
        CHORUS_RETURN_IF_ERROR(ReadHeader(record));
      } else {
        CHORUS_RETURN_IF_ERROR(ReadRow(record));
      }
    }
    ticker.Done(csv_.bytes_read(), csv_.total_bytes(), csv_.lines());
    report_.lines = csv_.lines();
    return builder_.Finish(options_.duplicates, csv_.name(), report_);
  }

 private:
  Interner& column_names() {
    return rows_are_annotators_ ? builder_.items() : builder_.annotators();
  }
  Interner& row_names() { return rows_are_annotators_ ? builder_.annotators() : builder_.items(); }

  Status Fail(const CsvFieldView& field, std::string message) const {
    return InvalidArgument(std::move(message), csv_.Location(field.line, field.column));
  }

  Status ReadHeader(const CsvRecord& header) {
    if (header.size() < 2) {
      return InvalidArgument(
          fmt::format("the header on line {} has one column; a wide matrix needs the id column "
                      "and one column per {} (check the delimiter)",
                      header.line(), column_kind_),
          csv_.Location(header.line(), 1));
    }
    column_ids_.assign(header.size(), kBlank);
    std::vector<size_t> first_column;  // Header column of each id, to name repeats.
    for (size_t c = 1; c < header.size(); ++c) {
      const std::string_view name = CellValue(header.field(c));
      if (name.empty()) continue;
      const size_t before = column_names().size();
      const uint32_t id = column_names().Intern(name);
      if (column_names().size() > before) {
        first_column.push_back(c);
      } else if (options_.duplicates == DuplicatePolicy::kError) {
        return Fail(header.field(c),
                    fmt::format("the header names {} \"{}\" twice (columns {} and {}); rename "
                                "one, or pass --duplicates first, last or keep-all to accept "
                                "repeated votes",
                                column_kind_, name, first_column[id] + 1, c + 1));
      }
      column_ids_[c] = id;
    }
    return Status::Ok();
  }

  Status ReadRow(const CsvRecord& record) {
    const size_t width = column_ids_.size();
    if (record.size() < width) {
      return InvalidArgument(
          fmt::format("line {} has {} field{} but the header has {}; give every row one cell "
                      "per column (leave missing cells empty)",
                      record.line(), record.size(), record.size() == 1 ? "" : "s", width),
          csv_.Location(record.line(), 1));
    }
    if (record.size() > width && !IsBlank(record.fields().subspan(width))) {
      return Fail(record.field(width),
                  fmt::format("line {} has {} fields but the header has {}; add the missing "
                              "{} ids to the header, or remove the extra cells",
                              record.line(), record.size(), width, column_kind_));
    }
    const std::string_view id = CellValue(record.field(0));
    if (id.empty()) {
      return Fail(record.field(0),
                  fmt::format("the {} id in the first column is empty on line {}; give every "
                              "row an id",
                              row_kind_, record.line()));
    }
    const uint32_t row_id = row_names().Intern(id);
    for (size_t c = 1; c < width; ++c) {
      const CsvFieldView& cell = record.field(c);
      if (IsMissingCell(cell)) {
        ++report_.missing_skipped;
        continue;
      }
      if (column_ids_[c] == kBlank) {
        return Fail(cell, fmt::format("line {} has a value in column {}, whose header cell is "
                                      "empty; name the {} in the header",
                                      record.line(), c + 1, column_kind_));
      }
      // Labels are few: compare with the previous one before hashing.
      const std::string_view value = CellValue(cell);
      if (last_label_ == kBlank || !SameName(builder_.labels().Name(last_label_), value)) {
        last_label_ = builder_.labels().Intern(value);
      }
      const uint32_t item = rows_are_annotators_ ? column_ids_[c] : row_id;
      const uint32_t annotator = rows_are_annotators_ ? row_id : column_ids_[c];
      builder_.Add(item, annotator, last_label_, cell.line);
    }
    return Status::Ok();
  }

  CsvReader& csv_;
  const VoteReadOptions& options_;
  const bool rows_are_annotators_;
  const char* row_kind_;
  const char* column_kind_;
  VoteBuilder builder_;
  VoteReadReport report_;
  std::vector<uint32_t> column_ids_;  // Item or annotator id of each column; kBlank if blank.
  uint32_t last_label_ = kBlank;
};

}  // namespace

Result<VoteFile> ReadWideVotes(const std::string& path, WideLayout layout,
                               const VoteReadOptions& options) {
  auto input = OpenInputFile(path, options.format);
  if (!input.ok()) return input.status();
  if (input->format == VoteFormat::kJsonl) {
    return InvalidArgument(
        "a wide matrix must be CSV or TSV; JSONL holds one vote per line, so read it as a long "
        "file (without --wide)",
        input->source->name());
  }
  CsvOptions csv_options;
  csv_options.delimiter = input->format == VoteFormat::kTsv ? '\t' : ',';
  csv_options.chunk_size = options.chunk_size;
  const VoteFormat format = input->format;
  CsvReader csv(std::move(input->source), csv_options);
  auto file = WideMatrixReader(&csv, layout, options).Read();
  if (file.ok()) file->report.format = format;
  return file;
}

}  // namespace chorus::quality
